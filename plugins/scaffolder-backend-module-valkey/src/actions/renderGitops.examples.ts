import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import { stringify } from 'yaml';

export const renderGitopsExamples: TemplateExample[] = [
  {
    description: 'A replicated cache in dev and prod, opened as a pull request',
    example: stringify({
      steps: [
        {
          id: 'render',
          action: 'valkey:gitops:render',
          name: 'Render the GitOps folder',
          input: {
            instance: {
              name: 'orders-cache',
              owner: 'group:default/team-orders',
              system: 'system:default/orders',
              mode: 'replication',
              size: 'small',
              topology: { replicas: 2 },
              persistence: { enabled: true, size: '8Gi' },
              auth: {
                aclUsers: [{ name: 'orders-api', permissions: 'read-write' }],
              },
              backups: { enabled: true, schedule: '0 2 * * *', retention: 7 },
              metrics: { enabled: true, serviceMonitor: true },
              environments: [
                { name: 'dev' },
                {
                  name: 'prod',
                  overrides: { size: 'medium', tls: { enabled: true } },
                },
              ],
            },
          },
        },
        {
          id: 'pr',
          action: 'publish:github:pull-request',
          name: 'Open the pull request',
          input: {
            repoUrl: 'github.com?owner=acme&repo=gitops',
            branchName: 'valkey/orders-cache',
            title: 'Valkey instance orders-cache',
            description: '${{ steps.render.output.pullRequestBody }}',
            sourcePath: '${{ steps.render.output.sourcePath }}',
            targetPath: '${{ steps.render.output.targetPath }}',
          },
        },
      ],
    }),
  },
  {
    description:
      'A Valkey Cluster with three shards and one replica per primary',
    example: stringify({
      steps: [
        {
          id: 'render',
          action: 'valkey:gitops:render',
          input: {
            instance: {
              name: 'sessions',
              owner: 'group:default/team-web',
              mode: 'cluster',
              topology: { shards: 3, replicasPerPrimary: 1 },
              tls: { enabled: true },
              environments: [{ name: 'prod' }],
            },
          },
        },
      ],
    }),
  },
];
