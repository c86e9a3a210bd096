/**
 * Shared test and benchmark inputs: a `valkey.gitops` config with three
 * environments of growing strictness, and one instance spec per mode.
 */
import type { ValkeyInstanceSpec } from '@valkey-backstage/plugin-valkey-common';
import { parseGitopsConfig } from '../../config/gitopsConfig';

export const rawGitopsConfig = {
  repoUrl: 'https://git.example.com/platform/gitops.git',
  targetRevision: 'main',
  targetPathPattern: 'valkey/{name}',
  argocd: { namespace: 'argocd', project: 'data' },
  chart: { source: 'repository', repository: 'https://charts.example.com/valkey', version: '0.1.0' },
  secrets: {
    provider: 'sealed-secrets',
    sealedSecrets: { controllerNamespace: 'kube-system', controllerName: 'sealed-secrets-controller' },
  },
  environments: [
    {
      name: 'dev',
      destination: { server: 'https://dev.k8s.example.com', namespace: 'valkey-dev' },
      storageClass: 'standard',
      defaults: { resourcePreset: 'nano', persistence: { size: '2Gi' } },
    },
    {
      name: 'staging',
      destination: { server: 'https://staging.k8s.example.com', namespace: '{name}-staging' },
      storageClass: 'fast-ssd',
      tls: { issuerName: 'internal-ca', issuerKind: 'ClusterIssuer' },
      defaults: { metrics: { enabled: true } },
      policy: { requireAuth: true },
    },
    {
      name: 'prod',
      destination: { server: 'https://prod.k8s.example.com', namespace: 'valkey' },
      storageClass: 'fast-ssd-retain',
      tls: { issuerName: 'prod-ca', issuerKind: 'ClusterIssuer' },
      defaults: { metrics: { enabled: true, serviceMonitor: { enabled: true } } },
      policy: {
        allowedModes: ['replication', 'sentinel', 'cluster'],
        requireAuth: true,
        requireTls: true,
        requireBackups: true,
        requireHighAvailability: true,
        requirePersistence: true,
      },
    },
  ],
};

export const gitopsConfig = parseGitopsConfig(rawGitopsConfig);

const prodReady = {
  tls: { enabled: true },
  backups: { enabled: true, schedule: '30 1 * * *', retention: 14 },
  metrics: { enabled: true, serviceMonitor: true, alerts: true },
};

export const specsByMode: Record<string, ValkeyInstanceSpec> = {
  standalone: {
    name: 'feature-flags',
    owner: 'group:default/team-web',
    description: 'Feature flag cache for the web shop',
    mode: 'standalone',
    size: 'micro',
    persistence: { enabled: false },
    environments: [{ name: 'dev' }, { name: 'staging', overrides: { size: 'small' } }],
  },
  replication: {
    name: 'orders-cache',
    owner: 'group:default/team-orders',
    system: 'system:default/orders',
    description: 'Read-heavy cache for the orders API',
    mode: 'replication',
    size: 'small',
    topology: { replicas: 2 },
    persistence: { enabled: true, size: '8Gi' },
    auth: {
      aclUsers: [
        { name: 'orders-api', permissions: 'read-write' },
        { name: 'reporting', permissions: 'read-only' },
      ],
    },
    environments: [
      { name: 'dev', overrides: { topology: { replicas: 1 } } },
      { name: 'staging', overrides: { tls: { enabled: true } } },
    ],
  },
  sentinel: {
    name: 'sessions',
    owner: 'group:default/team-identity',
    system: 'identity',
    mode: 'sentinel',
    size: 'medium',
    topology: { replicas: 3, sentinels: 3 },
    persistence: { enabled: true, size: '16Gi' },
    image: { variant: 'hardened' },
    ...prodReady,
    environments: [
      { name: 'staging' },
      { name: 'prod', overrides: { topology: { sentinels: 5 }, size: 'large' } },
    ],
  },
  cluster: {
    name: 'catalog-search',
    owner: 'user:default/guest',
    mode: 'cluster',
    size: 'large',
    topology: { shards: 3, replicasPerPrimary: 1 },
    persistence: { enabled: true, size: '32Gi' },
    auth: { aclUsers: [{ name: 'indexer', permissions: 'admin' }] },
    ...prodReady,
    environments: [
      { name: 'dev', overrides: { tls: { enabled: false }, backups: { enabled: false } } },
      { name: 'prod', overrides: { topology: { shards: 6 } } },
    ],
  },
};
