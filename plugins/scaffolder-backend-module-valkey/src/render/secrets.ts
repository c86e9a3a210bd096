/**
 * Secret references per environment. Rendered values only name Secrets
 * (`auth.existingSecret`, ACL users' `existingPasswordSecret`); this file
 * produces what creates those Secrets: ExternalSecret manifests, or for
 * sealed-secrets the exact commands that generate and seal the passwords on
 * the operator's machine. No password is ever written.
 */
import { VALKEY_INSTANCE_ANNOTATION } from '@valkey-backstage/plugin-valkey-common';
import type { GitopsConfig } from '../config/gitopsConfig';
import { ENVIRONMENT_LABEL, SYNC_WAVE_ANNOTATION, SYNC_WAVES } from './argocd';
import { AUTH_SECRET_KEYS, secretNames } from './mergeValues';
import type { RenderedFile } from './types';
import { toYaml } from './yamlText';

export interface SecretNeeds {
  instance: string;
  environment: string;
  namespace: string;
  authEnabled: boolean;
  aclUsers: string[];
}

interface SecretPlan {
  /** Secret name in the namespace. */
  name: string;
  /** Keys the Secret must hold, and the remote property each maps to. */
  keys: Array<{ key: string; property: string }>;
}

function plans(needs: SecretNeeds): SecretPlan[] {
  const names = secretNames(needs.instance);
  const out: SecretPlan[] = [];
  if (needs.authEnabled) {
    out.push({
      name: names.auth,
      keys: [
        { key: AUTH_SECRET_KEYS.password, property: AUTH_SECRET_KEYS.password },
        {
          key: AUTH_SECRET_KEYS.monitoringPassword,
          property: AUTH_SECRET_KEYS.monitoringPassword,
        },
      ],
    });
    if (needs.aclUsers.length) {
      out.push({
        name: names.aclUsers,
        keys: needs.aclUsers.map(user => ({
          key: user,
          property: `acl-user-${user}`,
        })),
      });
    }
  }
  return out;
}

function fill(pattern: string, needs: SecretNeeds): string {
  return pattern
    .replace(/\{name\}/g, needs.instance)
    .replace(/\{environment\}/g, needs.environment)
    .replace(/\{namespace\}/g, needs.namespace);
}

/** The Secret names and keys an environment needs, for READMEs and PR bodies. */
export function requiredSecrets(
  needs: SecretNeeds,
): Array<{ name: string; keys: string[] }> {
  return plans(needs).map(p => ({
    name: p.name,
    keys: p.keys.map(k => k.key),
  }));
}

export function renderSecretFiles(
  needs: SecretNeeds,
  config: GitopsConfig,
): RenderedFile[] {
  const secretPlans = plans(needs);
  if (!secretPlans.length) return [];
  const labels = {
    [VALKEY_INSTANCE_ANNOTATION]: needs.instance,
    [ENVIRONMENT_LABEL]: needs.environment,
  };

  if (config.secrets.provider === 'external-secrets') {
    const es = config.secrets.externalSecrets!;
    const remoteKey = fill(es.remoteKeyPattern, needs);
    return secretPlans.map(plan => ({
      path: `secrets/${needs.environment}-${plan.name}.yaml`,
      content: toYaml({
        apiVersion: 'external-secrets.io/v1',
        kind: 'ExternalSecret',
        metadata: {
          name: plan.name,
          namespace: needs.namespace,
          labels,
          annotations: { [SYNC_WAVE_ANNOTATION]: SYNC_WAVES.secrets },
        },
        spec: {
          refreshInterval: es.refreshInterval,
          secretStoreRef: { name: es.storeName, kind: es.storeKind },
          target: { name: plan.name, creationPolicy: 'Owner' },
          data: plan.keys.map(k => ({
            secretKey: k.key,
            remoteRef: { key: remoteKey, property: k.property },
          })),
        },
      }),
    }));
  }

  const ss = config.secrets.sealedSecrets;
  const lines: string[] = [
    `# Secrets of ${needs.instance} in ${needs.environment}`,
    '',
    `The values of this environment refer to ${
      secretPlans.length === 1 ? 'one Secret' : `${secretPlans.length} Secrets`
    } in namespace \`${needs.namespace}\`. ` +
      `Argo CD applies every \`secrets/${needs.environment}-*.yaml\` file of this folder, so create each SealedSecret once with the commands below and commit the result. ` +
      `The SealedSecrets sync in wave ${SYNC_WAVES.secrets} and Valkey in wave ${SYNC_WAVES.chart}: Argo CD starts the pods only after the Secrets are unsealed. ` +
      'The passwords are generated on your machine and only their sealed form reaches Git.',
    '',
    `Run with \`kubectl\` pointing at the ${needs.environment} cluster (kubeseal fetches that cluster's public key).`,
    '',
  ];
  for (const plan of secretPlans) {
    lines.push(`## Secret \`${plan.name}\``, '', '```sh');
    lines.push(
      `kubectl create secret generic ${plan.name} --namespace ${needs.namespace} \\`,
    );
    for (const k of plan.keys) {
      lines.push(
        `  --from-literal=${k.key}="$(openssl rand -base64 32 | tr -d '/+=')" \\`,
      );
    }
    lines.push(
      '  --dry-run=client -o yaml \\',
      `  | kubeseal --controller-namespace ${ss.controllerNamespace} --controller-name ${ss.controllerName} --format yaml \\`,
      `  > secrets/${needs.environment}-${plan.name}.sealedsecret.yaml`,
      '```',
      '',
    );
  }
  return [
    {
      path: `secrets/${needs.environment}-README.md`,
      content: lines.join('\n'),
    },
  ];
}
