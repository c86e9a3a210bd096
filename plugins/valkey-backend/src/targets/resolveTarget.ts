import { InputError } from '@backstage/errors';
import { ValkeyMode } from '@valkey-backstage/plugin-valkey-common';
import {
  EnvironmentConfig,
  PodAddressPattern,
  StatusConfig,
} from '../config/statusConfig';
import { isDnsLabel, isHostname, MAX_RELEASE_NAME } from './dnsLabel';
import { fillPattern } from './fillPattern';

/**
 * Where to connect for one (instance, environment). Built from config alone:
 * the entity contributes two checked DNS labels and the probe kind, never a
 * host, port or credential. This is the SSRF boundary.
 */
export interface ResolvedTarget {
  /** Cache key: one probe result per (environment, instance, mode). */
  key: string;
  instance: string;
  environment: string;
  namespace: string;
  mode?: ValkeyMode;
  host: string;
  port: number;
  sentinel?: { host: string; port: number; primaryName: string };
  /** Data pod addresses from the per-pod pattern (empty for explicit instances). */
  podNodes: string[];
  /** Sentinel pod addresses from the per-pod pattern (sentinel mode only). */
  podSentinels: string[];
  config: EnvironmentConfig;
}

/** `host:port` of each pod a pattern names; each host checked like any endpoint. */
function podAddresses(
  pattern: PodAddressPattern | undefined,
  values: Record<string, string>,
  environment: string,
): string[] {
  if (!pattern) return [];
  return Array.from({ length: pattern.count }, (_, index) => {
    const host = fillPattern(pattern.host, { ...values, index: String(index) });
    if (!isHostname(host)) {
      throw new InputError(
        `the per-pod pattern of environment ${environment} gives "${host}", which is not a hostname`,
      );
    }
    return `${host}:${pattern.port}`;
  });
}

export function resolveTarget(
  config: StatusConfig,
  instance: string,
  environment: string,
  mode: ValkeyMode | undefined,
): ResolvedTarget {
  if (!isDnsLabel(instance, MAX_RELEASE_NAME)) {
    throw new InputError(
      `instance "${instance}" is not a DNS label of at most ${MAX_RELEASE_NAME} characters`,
    );
  }
  if (!isDnsLabel(environment)) {
    throw new InputError(
      `query parameter environment: "${environment}" is not a DNS label`,
    );
  }
  const env = config.environments.get(environment);
  if (!env) {
    throw new InputError(
      `query parameter environment: "${environment}" is not configured in valkey.status.environments (configured: ${
        [...config.environments.keys()].join(', ') || 'none'
      })`,
    );
  }
  const namespace = fillPattern(env.namespace, { instance, environment });
  if (!isDnsLabel(namespace)) {
    throw new InputError(
      `the namespace pattern of environment ${environment} gives "${namespace}", which is not a DNS label`,
    );
  }
  const values = { instance, environment, namespace };
  const explicit = env.instances[instance];
  const host = explicit?.host ?? fillPattern(env.host, values);
  const port = explicit?.port ?? env.port;
  const sentinelHost =
    explicit?.sentinelHost ??
    (explicit ? undefined : fillPattern(env.sentinelHost, values));
  const sentinelPort = explicit?.sentinelPort ?? env.sentinelPort;
  for (const value of [host, sentinelHost]) {
    if (value !== undefined && !isHostname(value)) {
      throw new InputError(
        `the endpoint pattern of environment ${environment} gives "${value}", which is not a hostname`,
      );
    }
  }
  const wantsSentinel = mode === 'sentinel';
  // The per-pod patterns describe the pods of pattern-resolved instances;
  // an explicit endpoint is not one of them.
  const podNodes = explicit ? [] : podAddresses(env.nodes, values, environment);
  const podSentinels =
    explicit || !wantsSentinel
      ? []
      : podAddresses(env.sentinels, values, environment);
  return {
    key: `${environment}/${instance}/${mode ?? 'auto'}`,
    instance,
    environment,
    namespace,
    ...(mode ? { mode } : {}),
    host,
    port,
    ...(wantsSentinel && sentinelHost
      ? {
          sentinel: {
            host: sentinelHost,
            port: sentinelPort,
            primaryName:
              explicit?.sentinelPrimaryName ?? env.sentinelPrimaryName,
          },
        }
      : {}),
    podNodes,
    podSentinels,
    config: env,
  };
}
