import { Config } from '@backstage/config';
import { readFileSync } from 'node:fs';
import { ConnectionTls } from '../client';
import { isDnsLabel, isHostname } from '../targets/dnsLabel';
import { placeholdersIn } from '../targets/fillPattern';
import {
  CredentialsConfig,
  EnvironmentConfig,
  InstanceEndpoint,
  OperationsConfig,
  PodAddressPattern,
  StatusConfig,
} from './statusConfig';

const PREFIX = 'valkey.status';

/** Reads and checks `valkey.status`; throws with the key to change when something is wrong. */
export function readStatusConfig(root: Config): StatusConfig {
  const config = root.getOptionalConfig(PREFIX);
  const positive = (key: string, fallback: number) => {
    const value = config?.getOptionalNumber(key) ?? fallback;
    if (!(value > 0)) {
      throw new Error(
        `${PREFIX}.${key} must be a positive number, got ${value}`,
      );
    }
    return value;
  };
  const environments = new Map<string, EnvironmentConfig>();
  (config?.getOptionalConfigArray('environments') ?? []).forEach((env, i) => {
    const parsed = readEnvironment(env, `${PREFIX}.environments[${i}]`);
    if (environments.has(parsed.name)) {
      throw new Error(
        `${PREFIX}.environments: environment ${parsed.name} is listed twice`,
      );
    }
    environments.set(parsed.name, parsed);
  });
  return {
    refreshIntervalSeconds: positive('refreshIntervalSeconds', 10),
    connectTimeoutMs: positive('connectTimeoutMs', 1000),
    commandTimeoutMs: positive('commandTimeoutMs', 2000),
    maxConcurrentProbes: positive('maxConcurrentProbes', 8),
    kubernetesTimeoutMs: positive('kubernetesTimeoutMs', 5000),
    environments,
  };
}

function checkPattern(value: string, key: string, allowed: string[]) {
  for (const name of placeholdersIn(value)) {
    if (!allowed.includes(name)) {
      throw new Error(
        `${key}: unknown placeholder {${name}}; use ${allowed
          .map(a => `{${a}}`)
          .join(', ')}`,
      );
    }
  }
}

function readEnvironment(env: Config, key: string): EnvironmentConfig {
  const name = env.getString('name');
  if (!isDnsLabel(name)) {
    throw new Error(
      `${key}.name: "${name}" is not a DNS label (lowercase letters, digits and '-', at most 63)`,
    );
  }
  const namespace = env.getOptionalString('namespace') ?? '{instance}';
  checkPattern(namespace, `${key}.namespace`, ['instance', 'environment']);
  const host =
    env.getOptionalString('host') ??
    '{instance}-valkey.{namespace}.svc.cluster.local';
  checkPattern(host, `${key}.host`, ['instance', 'namespace', 'environment']);
  const sentinelHost =
    env.getOptionalString('sentinelHost') ??
    '{instance}-valkey-sentinel.{namespace}.svc.cluster.local';
  checkPattern(sentinelHost, `${key}.sentinelHost`, [
    'instance',
    'namespace',
    'environment',
  ]);

  const credentials = readCredentials(
    env.getOptionalConfig('credentials'),
    `${key}.credentials`,
    'valkey-monitor',
  );
  const operations = readOperations(
    env.getOptionalConfig('operations'),
    `${key}.operations`,
  );
  if (
    credentials &&
    operations?.credentials?.username === credentials.username
  ) {
    throw new Error(
      `${key}.operations.credentials.username: "${credentials.username}" is the monitoring user; operations need their own user (the chart's acl.operationsUser, default valkey-operator)`,
    );
  }

  const instances: Record<string, InstanceEndpoint> = {};
  const instancesConfig = env.getOptionalConfig('instances');
  for (const instance of instancesConfig?.keys() ?? []) {
    const c = instancesConfig!.getConfig(instance);
    const k = `${key}.instances.${instance}`;
    if (!isDnsLabel(instance, 53)) {
      throw new Error(
        `${k}: the instance name must be a DNS label of at most 53 characters`,
      );
    }
    const endpoint: InstanceEndpoint = {
      host: c.getString('host'),
      port: port(c.getNumber('port'), `${k}.port`),
      sentinelHost: c.getOptionalString('sentinelHost'),
      sentinelPort: optionalPort(
        c.getOptionalNumber('sentinelPort'),
        `${k}.sentinelPort`,
      ),
      sentinelPrimaryName: c.getOptionalString('sentinelPrimaryName'),
    };
    for (const [field, value] of [
      ['host', endpoint.host],
      ['sentinelHost', endpoint.sentinelHost],
    ] as const) {
      if (value !== undefined && !isHostname(value)) {
        throw new Error(
          `${k}.${field}: "${value}" is not a hostname or IPv4 address`,
        );
      }
    }
    instances[instance] = endpoint;
  }

  return {
    name,
    namespace,
    host,
    port: port(env.getOptionalNumber('port') ?? 6379, `${key}.port`),
    sentinelHost,
    sentinelPort: port(
      env.getOptionalNumber('sentinelPort') ?? 26379,
      `${key}.sentinelPort`,
    ),
    sentinelPrimaryName:
      env.getOptionalString('sentinelPrimaryName') ?? 'mymaster',
    instances,
    ...optional(
      'nodes',
      readPodPattern(
        env.getOptionalConfig('nodes'),
        `${key}.nodes`,
        env.getOptionalNumber('port') ?? 6379,
      ),
    ),
    ...optional(
      'sentinels',
      readPodPattern(
        env.getOptionalConfig('sentinels'),
        `${key}.sentinels`,
        env.getOptionalNumber('sentinelPort') ?? 26379,
      ),
    ),
    tls: readTls(env.getOptionalConfig('tls'), `${key}.tls`),
    credentials,
    ...optional('operations', operations),
    kubernetes: env.has('kubernetes')
      ? {
          url: env.getString('kubernetes.url'),
          caData: env.getOptionalString('kubernetes.caData'),
          token: env.getOptionalString('kubernetes.token'),
          skipTLSVerify:
            env.getOptionalBoolean('kubernetes.skipTLSVerify') ?? false,
        }
      : undefined,
  };
}

function optional<K extends string, V>(
  name: K,
  value: V | undefined,
): { [k in K]?: V } {
  return (value === undefined ? {} : { [name]: value }) as { [k in K]?: V };
}

/** Most pods a pattern may name: a probe asks each of them at worst. */
const MAX_PODS = 100;

function readPodPattern(
  pattern: Config | undefined,
  key: string,
  defaultPort: number,
): PodAddressPattern | undefined {
  if (!pattern) return undefined;
  const host = pattern.getString('host');
  checkPattern(host, `${key}.host`, [
    'instance',
    'namespace',
    'environment',
    'index',
  ]);
  if (!placeholdersIn(host).includes('index')) {
    throw new Error(
      `${key}.host: "${host}" has no {index}; it must name each pod, e.g. {instance}-valkey-{index}.{instance}-valkey-headless.{namespace}.svc.cluster.local`,
    );
  }
  const count = pattern.getNumber('count');
  if (!Number.isInteger(count) || count < 1 || count > MAX_PODS) {
    throw new Error(
      `${key}.count: ${count} is not a whole number of pods from 1 to ${MAX_PODS}`,
    );
  }
  return {
    host,
    port: port(pattern.getOptionalNumber('port') ?? defaultPort, `${key}.port`),
    count,
  };
}

function port(value: number, key: string): number {
  if (!Number.isInteger(value) || value < 1 || value > 65535) {
    throw new Error(`${key}: ${value} is not a TCP port (1-65535)`);
  }
  return value;
}

function optionalPort(value: number | undefined, key: string) {
  return value === undefined ? undefined : port(value, key);
}

/** PEM text as is, anything else is a path to a PEM file read at startup. */
function pem(value: string | undefined, key: string): string | undefined {
  if (value === undefined) return undefined;
  if (value.includes('-----BEGIN')) return value;
  try {
    return readFileSync(value, 'utf8');
  } catch (error) {
    throw new Error(
      `${key}: not PEM text and not a readable file (${
        (error as Error).message
      })`,
    );
  }
}

function readTls(
  tls: Config | undefined,
  key: string,
): ConnectionTls | undefined {
  if (!tls || tls.getOptionalBoolean('enabled') === false) return undefined;
  return {
    ca: pem(tls.getOptionalString('ca'), `${key}.ca`),
    cert: pem(tls.getOptionalString('cert'), `${key}.cert`),
    key: pem(tls.getOptionalString('key'), `${key}.key`),
    serverName: tls.getOptionalString('serverName'),
    rejectUnauthorized: tls.getOptionalBoolean('rejectUnauthorized') ?? true,
  };
}

function readOperations(
  operations: Config | undefined,
  key: string,
): OperationsConfig | undefined {
  if (!operations) return undefined;
  const credentials = readCredentials(
    operations.getOptionalConfig('credentials'),
    `${key}.credentials`,
    'valkey-operator',
  );
  return credentials ? { credentials } : {};
}

function readCredentials(
  credentials: Config | undefined,
  key: string,
  defaultUsername: string,
): CredentialsConfig | undefined {
  if (!credentials) return undefined;
  const username = credentials.getOptionalString('username') ?? defaultUsername;
  if (credentials.has('secretRef')) {
    if (credentials.has('password')) {
      throw new Error(`${key}: set either password or secretRef, not both`);
    }
    const name = credentials.getString('secretRef.name');
    checkPattern(name, `${key}.secretRef.name`, [
      'instance',
      'namespace',
      'environment',
    ]);
    return {
      username,
      secretRef: { name, key: credentials.getString('secretRef.key') },
    };
  }
  return { username, password: credentials.getOptionalString('password') };
}
