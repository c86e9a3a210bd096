import { ConnectionTls } from '../client';

export interface InstanceEndpoint {
  host: string;
  port: number;
  sentinelHost?: string;
  sentinelPort?: number;
  sentinelPrimaryName?: string;
}

export type CredentialsConfig =
  | { username: string; password?: string }
  | { username: string; secretRef: { name: string; key: string } };

export interface KubernetesClusterConfig {
  url: string;
  caData?: string;
  token?: string;
  skipTLSVerify: boolean;
}

/**
 * Per-pod addresses of an instance, e.g. host
 * `{instance}-valkey-{index}.{instance}-valkey-headless.{namespace}.svc.cluster.local`
 * with `count` 6 gives indexes 0..5. Asked only when the configured endpoint
 * and the nodes known from the last good probe do not answer.
 */
export interface PodAddressPattern {
  host: string;
  port: number;
  count: number;
}

/** Operations (back up now, fail over) of one environment; absent = operations off there. */
export interface OperationsConfig {
  /** The operations ACL user (never the monitoring user); none for instances without auth. */
  credentials?: CredentialsConfig;
}

export interface EnvironmentConfig {
  name: string;
  namespace: string;
  host: string;
  port: number;
  sentinelHost: string;
  sentinelPort: number;
  sentinelPrimaryName: string;
  instances: Record<string, InstanceEndpoint>;
  /** Data pods (instances resolved from the patterns only). */
  nodes?: PodAddressPattern;
  /** Sentinel pods (instances resolved from the patterns only). */
  sentinels?: PodAddressPattern;
  tls?: ConnectionTls;
  credentials?: CredentialsConfig;
  kubernetes?: KubernetesClusterConfig;
  operations?: OperationsConfig;
}

export interface StatusConfig {
  refreshIntervalSeconds: number;
  connectTimeoutMs: number;
  commandTimeoutMs: number;
  maxConcurrentProbes: number;
  kubernetesTimeoutMs: number;
  environments: Map<string, EnvironmentConfig>;
}
