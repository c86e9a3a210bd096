import {
  EnvironmentConnection,
  ValkeyInstanceSpec,
} from '@valkey-backstage/plugin-valkey-common';
import type { EnvironmentSummary } from './types';

export interface ReadmeEnvironment {
  summary: EnvironmentSummary;
  connection: EnvironmentConnection;
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
    out.push(`## ${s.name}`, '');
    out.push(`- Cluster \`${s.server}\`, namespace \`${s.namespace}\``);
    out.push(`- Topology: ${s.topology}; size ${s.size} (${s.resources})`);
    out.push(`- Persistence: ${s.persistence}; backups: ${s.backups}`);
    const c = env.connection;
    const at = (e: { host: string; port: number }) => `\`${e.host}:${e.port}\``;
    if (c.clusterSeed) {
      out.push(`- Connect with a cluster-aware client to ${at(c.clusterSeed)}`);
    } else if (c.sentinel) {
      out.push(
        `- Connect through Sentinel ${at(c.sentinel)} (primary set \`${
          c.sentinel.primaryName
        }\`)${
          c.primary
            ? `, or to ${at(
                c.primary,
              )}, which always points at the current primary`
            : ''
        }`,
      );
    } else if (c.primary) {
      out.push(`- Connect to ${at(c.primary)}`);
    }
    if (c.read) out.push(`- Read-only traffic: ${at(c.read)}`);
    if (c.tls)
      out.push(
        `- TLS (certificate from cert-manager, CA in Secret \`${fullname}-tls\`)`,
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
    out.push(
      "- Code for Node.js, Python, Go, Java and Spring Boot: the instance's Connect card in the portal (made from the same facts as these lines)",
      '',
    );
  }
  return out
    .filter((line, i) => !(line === '' && out[i - 1] === ''))
    .join('\n');
}
