import {
  ARGOCD_APP_SELECTOR_ANNOTATION,
  KUBERNETES_ID_ANNOTATION,
  EnvironmentConnection,
  VALKEY_CONNECTION_ANNOTATION,
  VALKEY_ENTITY_KIND,
  VALKEY_ENTITY_TYPE,
  VALKEY_ENVIRONMENTS_ANNOTATION,
  VALKEY_INSTANCE_ANNOTATION,
  VALKEY_MODE_ANNOTATION,
  ValkeyInstanceSpec,
} from '@valkey-backstage/plugin-valkey-common';

export function entityRefOf(spec: ValkeyInstanceSpec): string {
  return `${VALKEY_ENTITY_KIND.toLocaleLowerCase('en-US')}:default/${
    spec.name
  }`;
}

/** The instance's catalog entity (kind Resource, spec.type valkey) with the annotations the status plugins read. */
export function catalogEntity(
  spec: ValkeyInstanceSpec,
  connections: EnvironmentConnection[],
) {
  const metadata: Record<string, unknown> = {
    name: spec.name,
    title: `Valkey ${spec.name}`,
  };
  if (spec.description) metadata.description = spec.description;
  metadata.annotations = {
    [VALKEY_INSTANCE_ANNOTATION]: spec.name,
    [VALKEY_ENVIRONMENTS_ANNOTATION]: spec.environments
      .map(e => e.name)
      .join(','),
    [VALKEY_MODE_ANNOTATION]: spec.mode,
    [KUBERNETES_ID_ANNOTATION]: spec.name,
    [ARGOCD_APP_SELECTOR_ANNOTATION]: `${VALKEY_INSTANCE_ANNOTATION}=${spec.name}`,
    // The same facts as the README's connection lines: the entity page's snippets.
    [VALKEY_CONNECTION_ANNOTATION]: JSON.stringify(connections),
  };
  metadata.tags = ['valkey', spec.mode];
  const entitySpec: Record<string, unknown> = {
    type: VALKEY_ENTITY_TYPE,
    owner: spec.owner,
  };
  if (spec.system) entitySpec.system = spec.system;
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: VALKEY_ENTITY_KIND,
    metadata,
    spec: entitySpec,
  };
}
