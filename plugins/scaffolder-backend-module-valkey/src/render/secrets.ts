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
  /** ACL users whose password is also referenced in a consumer's namespace. */
  consumerSecrets?: Array<{ user: string; namespace: string }>;
}

interface SecretPlan {
  /** Secret name in the namespace. */
  name: string;
  /** Where the Secret lives; the instance's namespace unless it is a consumer's copy. */
  namespace: string;
  /** Keys the Secret must hold, and the remote property each maps to. */
  keys: Array<{ key: string; property: string }>;
  /** A consumer's copy: the user name it holds as `username`, and where its password comes from. */
  consumerOf?: { user: string; secret: string; key: string };
}

/** The Secret a consumer reads an ACL user's name and password from, in its own namespace. */
export function consumerSecretName(instance: string, user: string): string {
  return `${instance}-acl-${user}`;
}

function plans(needs: SecretNeeds): SecretPlan[] {
  const names = secretNames(needs.instance);
  const out: SecretPlan[] = [];
  if (needs.authEnabled) {
    out.push({
      name: names.auth,
      namespace: needs.namespace,
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
        namespace: needs.namespace,
        keys: needs.aclUsers.map(user => ({
          key: user,
          property: aclUserProperty(user),
        })),
      });
    }
    for (const { user, namespace } of needs.consumerSecrets ?? []) {
      if (!needs.aclUsers.includes(user)) continue;
      out.push({
        name: consumerSecretName(needs.instance, user),
        namespace,
        keys: [{ key: 'password', property: aclUserProperty(user) }],
        consumerOf: { user, secret: names.aclUsers, key: user },
      });
    }
  }
  return out;
}

function aclUserProperty(user: string): string {
  return `acl-user-${user}`;
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
): Array<{ name: string; keys: string[]; consumerNamespace?: string }> {
  return plans(needs).map(p => ({
    name: p.name,
    keys: p.consumerOf
      ? ['username', ...p.keys.map(k => k.key)]
      : p.keys.map(k => k.key),
    ...(p.consumerOf && { consumerNamespace: p.namespace }),
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
          namespace: plan.namespace,
          labels,
          annotations: { [SYNC_WAVE_ANNOTATION]: SYNC_WAVES.secrets },
        },
        spec: {
          refreshInterval: es.refreshInterval,
          secretStoreRef: { name: es.storeName, kind: es.storeKind },
          target: {
            name: plan.name,
            creationPolicy: 'Owner',
            ...(plan.consumerOf && {
              template: {
                engineVersion: 'v2',
                mergePolicy: 'Merge',
                data: { username: plan.consumerOf.user },
              },
            }),
          },
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
    if (plan.consumerOf) {
      lines.push(...consumerCopyCommands(plan, plan.consumerOf, needs, ss));
      continue;
    }
    lines.push(`## Secret \`${plan.name}\``, '', '```sh');
    lines.push(
      `kubectl create secret generic ${plan.name} --namespace ${plan.namespace} \\`,
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

/**
 * A consumer's copy of an ACL user's password, sealed for its namespace: read
 * from the instance's Secret through a pipe, never on a command line.
 */
function consumerCopyCommands(
  plan: SecretPlan,
  from: NonNullable<SecretPlan['consumerOf']>,
  needs: SecretNeeds,
  ss: GitopsConfig['secrets']['sealedSecrets'],
): string[] {
  return [
    `## Secret \`${plan.name}\` in namespace \`${plan.namespace}\``,
    '',
    `The consumer's copy of ACL user \`${from.user}\`: \`username\` and the same \`password\` as in \`${from.secret}\`. Create it after \`${from.secret}\` exists in the cluster.`,
    '',
    '```bash',
    `kubectl create secret generic ${plan.name} --namespace ${plan.namespace} \\`,
    `  --from-literal=username=${from.user} \\`,
    `  --from-file=password=<(kubectl get secret ${from.secret} --namespace ${needs.namespace} -o jsonpath='{.data.${from.key}}' | base64 -d) \\`,
    '  --dry-run=client -o yaml \\',
    `  | kubeseal --controller-namespace ${ss.controllerNamespace} --controller-name ${ss.controllerName} --format yaml \\`,
    `  > secrets/${needs.environment}-${plan.name}.sealedsecret.yaml`,
    '```',
    '',
  ];
}
