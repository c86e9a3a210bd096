import type { ValkeyInstanceSpec } from '@valkey-backstage/plugin-valkey-common';
import type { EnvironmentSummary } from './types';

export interface ReadmeEnvironment {
  summary: EnvironmentSummary;
  secrets: Array<{ name: string; keys: string[]; consumerNamespace?: string }>;
  secretsProvider: 'sealed-secrets' | 'external-secrets';
}

/** README.md of the rendered folder: what it is and how to connect, per environment. */
export function readme(
  spec: ValkeyInstanceSpec,
  environments: ReadmeEnvironment[],
): string {
  const fullname = `${spec.name}-valkey`;
  const out: string[] = [
    `# Valkey ${spec.name}`,
    '',
    spec.description ? `${spec.description}\n` : '',
    `Mode **${spec.mode}**, owned by \`${spec.owner}\`${
      spec.system ? `, part of \`${spec.system}\`` : ''
    }. ` +
      'This folder was rendered by the Backstage template "New Valkey instance"; change it by running the template again (or `valkey-gitops render`) rather than by hand.',
    '',
    '| file | what |',
    '| --- | --- |',
    '| `Chart.yaml` | wrapper chart depending on the valkey chart |',
    '| `values.yaml` | values shared by every environment |',
    '| `values-<env>.yaml` | what differs per environment |',
    '| `argocd/<env>.yaml` | the Argo CD Application of each environment |',
    '| `secrets/` | how the password Secrets are created (never a password) |',
    '| `catalog-info.yaml` | the catalog entity |',
    '',
  ];
  for (const env of environments) {
    const s = env.summary;
    const host = `${fullname}.${s.namespace}.svc.cluster.local`;
    out.push(`## ${s.name}`, '');
    out.push(`- Cluster \`${s.server}\`, namespace \`${s.namespace}\``);
    out.push(`- Topology: ${s.topology}; size ${s.size} (${s.resources})`);
    out.push(`- Persistence: ${s.persistence}; backups: ${s.backups}`);
    if (s.mode === 'cluster') {
      out.push(`- Connect with a cluster-aware client to \`${host}:6379\``);
    } else if (s.mode === 'sentinel') {
      out.push(
        `- Connect through Sentinel \`${fullname}-sentinel.${s.namespace}.svc.cluster.local:26379\` (primary set \`mymaster\`), ` +
          `or to \`${host}:6379\`, which always points at the current primary`,
      );
      out.push(
        `- Read-only traffic: \`${fullname}-read.${s.namespace}.svc.cluster.local:6379\``,
      );
    } else {
      out.push(`- Connect to \`${host}:6379\``);
      if (s.mode === 'replication') {
        out.push(
          `- Read-only traffic: \`${fullname}-read.${s.namespace}.svc.cluster.local:6379\``,
        );
      }
    }
    if (s.tls)
      out.push(
        `- TLS on port 6380 (certificate from cert-manager, CA in Secret \`${fullname}-tls\`)`,
      );
    if (s.auth) {
      for (const secret of env.secrets) {
        out.push(
          `- Secret \`${secret.name}\`${
            secret.consumerNamespace
              ? ` in the consumer's namespace \`${secret.consumerNamespace}\``
              : ''
          } holds ${secret.keys.map(k => `\`${k}\``).join(', ')} (${
            env.secretsProvider === 'external-secrets'
              ? 'synced by External Secrets'
              : `create it with the commands in \`secrets/${s.name}-README.md\``
          })`,
        );
      }
      out.push(
        '- The default user authenticates with `valkey-password`; ACL users use their name and their key in the ACL Secret',
      );
    } else {
      out.push(
        '- Authentication is off: anything that can reach the Service can read and write',
      );
    }
    out.push('');
  }
  return out
    .filter((line, i) => !(line === '' && out[i - 1] === ''))
    .join('\n');
}
