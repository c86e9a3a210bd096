import type { ValkeyInstanceSpec } from '@valkey-backstage/plugin-valkey-common';
import type { EnvironmentSummary } from './types';

/** The Markdown pull-request body: environments, topology, resources and what happens after merge. */
export function pullRequestBody(options: {
  spec: ValkeyInstanceSpec;
  targetPath: string;
  entityRef: string;
  environments: EnvironmentSummary[];
  secretsProvider: 'sealed-secrets' | 'external-secrets';
  argocdNamespace: string;
  fileCount: number;
}): string {
  const { spec, targetPath, entityRef, environments } = options;
  const yesNo = (b: boolean) => (b ? 'yes' : 'no');
  const lines = [
    `## Valkey instance \`${spec.name}\``,
    '',
    spec.description ? `> ${spec.description}\n` : '',
    `- Mode: **${spec.mode}**`,
    `- Owner: \`${spec.owner}\`${
      spec.system ? `, system \`${spec.system}\`` : ''
    }`,
    `- Folder: \`${targetPath}\` (${options.fileCount} files)`,
    `- Catalog entity: \`${entityRef}\``,
    '',
    '### Environments',
    '',
    '| environment | cluster / namespace | topology | size | persistence | TLS | auth | backups | metrics |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...environments.map(
      e =>
        `| ${e.name} | \`${e.server}\` / \`${e.namespace}\` | ${e.topology} | ${
          e.size
        } (${e.resources}) | ${e.persistence} | ${yesNo(e.tls)} | ${yesNo(
          e.auth,
        )} | ${e.backups} | ${yesNo(e.metrics)} |`,
    ),
    '',
    '### After merge',
    '',
    `1. Argo CD (namespace \`${
      options.argocdNamespace
    }\`) picks up the Applications in \`argocd/\` once they are applied (by your app-of-apps or \`kubectl apply -f ${
      targetPath === '.' ? '' : `${targetPath}/`
    }argocd/\`) and syncs each environment's wrapper chart.`,
    options.secretsProvider === 'external-secrets'
      ? '2. External Secrets creates the password Secrets from the secret store (make sure the remote keys exist before the first sync).'
      : '2. **Before the first sync**, create the sealed password Secrets with the commands in `secrets/<env>-README.md` and commit them; the pods wait for them.',
    `3. The catalog registers \`${entityRef}\`; its page shows live topology and backup status per environment.`,
    '',
  ];
  return lines
    .filter((line, i) => !(line === '' && lines[i - 1] === ''))
    .join('\n');
}
