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

export interface EnvironmentConfig {
  name: string;
  namespace: string;
  host: string;
  port: number;
  sentinelHost: string;
  sentinelPort: number;
  sentinelPrimaryName: string;
  instances: Record<string, InstanceEndpoint>;
  tls?: ConnectionTls;
  credentials?: CredentialsConfig;
  kubernetes?: KubernetesClusterConfig;
}

export interface StatusConfig {
  refreshIntervalSeconds: number;
  connectTimeoutMs: number;
  commandTimeoutMs: number;
  maxConcurrentProbes: number;
  kubernetesTimeoutMs: number;
  environments: Map<string, EnvironmentConfig>;
}
