/**
 * How an application reaches one environment of an instance: the Service
 * names and ports the chart creates for the mode, TLS, and the Secret that
 * holds the password (never the password). One pure function from the values
 * the renderer rendered, so the catalog entity, the rendered README and the
 * snippets on the entity page cannot drift apart.
 */
import type { ValkeyMode } from '../status';

export interface ConnectionEndpoint {
  host: string;
  port: number;
}

export interface SecretKeyRef {
  secretName: string;
  secretKey: string;
}

export interface EnvironmentConnection {
  environment: string;
  namespace: string;
  mode: ValkeyMode;
  tls: boolean;
  /** Writes go here: the Service of the primary (standalone, replication; Sentinel with the role labeler). */
  primary?: ConnectionEndpoint;
  /** Reads that may lag: the Service of the replicas. */
  read?: ConnectionEndpoint;
  /** Sentinel mode: ask the Sentinels for the primary named `primaryName`. */
  sentinel?: ConnectionEndpoint & { primaryName: string };
  /** Cluster mode: any node; the client discovers the others. */
  clusterSeed?: ConnectionEndpoint;
  /** The `default` user's password, when password authentication is on. */
  password?: SecretKeyRef;
  /** Application users (ACL), each with the Secret key holding its password. */
  aclUsers: Array<{ user: string } & SecretKeyRef>;
}

/** What connectionFacts needs: the instance's effective chart values for one environment. */
export interface ConnectionInput {
  release: string;
  environment: string;
  namespace: string;
  mode: ValkeyMode;
  servicePort: number;
  tls: { enabled: boolean; port: number; disablePlaintext: boolean };
  /** The chart creates the read Service (replication with replicas, Sentinel with the role labeler). */
  readService: boolean;
  /** Sentinel mode without the role labeler has no primary Service. */
  primaryService: boolean;
  sentinel?: { port: number; primaryName: string };
  password?: SecretKeyRef;
  aclUsers?: Array<{ user: string } & SecretKeyRef>;
  /** Kubernetes cluster DNS suffix, default `svc.cluster.local`. */
  clusterDomain?: string;
}

/** Helm's `trunc n | trimSuffix "-"`. */
function trunc(name: string, n: number) {
  return name.slice(0, n).replace(/-$/, '');
}

/** The Service names the chart gives a release (templates/_helpers.tpl). */
export function chartServiceNames(release: string) {
  const fullname = trunc(`${release}-valkey`, 63);
  return {
    primary: fullname,
    read: `${trunc(fullname, 58)}-read`,
    sentinel: `${trunc(fullname, 54)}-sentinel`,
  };
}

export function connectionFacts(input: ConnectionInput): EnvironmentConnection {
  const names = chartServiceNames(input.release);
  const domain = input.clusterDomain ?? 'svc.cluster.local';
  const host = (service: string) => `${service}.${input.namespace}.${domain}`;
  const port = input.tls.enabled ? input.tls.port : input.servicePort;
  const at = (service: string) => ({ host: host(service), port });
  const facts: EnvironmentConnection = {
    environment: input.environment,
    namespace: input.namespace,
    mode: input.mode,
    tls: input.tls.enabled,
    aclUsers: input.aclUsers ?? [],
  };
  if (input.mode === 'cluster') {
    facts.clusterSeed = at(names.primary);
  } else if (input.mode === 'sentinel') {
    // Sentinels speak TLS on their own port when TLS is on; the chart keeps one port.
    facts.sentinel = {
      host: host(names.sentinel),
      port: input.sentinel?.port ?? 26379,
      primaryName: input.sentinel?.primaryName ?? 'mymaster',
    };
    if (input.primaryService) facts.primary = at(names.primary);
  } else {
    facts.primary = at(names.primary);
  }
  if (
    input.readService &&
    input.mode !== 'cluster' &&
    input.mode !== 'standalone'
  )
    facts.read = at(names.read);
  if (input.password) facts.password = input.password;
  return facts;
}
