/**
 * The connection facts of one rendered environment, read from the merged
 * chart values the renderer wrote (so a port or TLS override in config or in
 * the environment's overrides shows up in the entity and the README too).
 */
import {
  connectionFacts,
  EnvironmentConnection,
  ValkeyInstanceSpec,
} from '@valkey-backstage/plugin-valkey-common';
import { AUTH_SECRET_KEYS, secretNames, valueAt } from './mergeValues';
import type { Values } from './types';

function numberAt(values: Values, path: string, fallback: number): number {
  const v = valueAt(values, path);
  return typeof v === 'number' ? v : fallback;
}

export function environmentConnection(
  spec: ValkeyInstanceSpec,
  environment: string,
  namespace: string,
  full: Values,
  aclUsers: string[],
): EnvironmentConnection {
  const authEnabled = valueAt(full, 'auth.enabled') === true;
  const roleLabeler = valueAt(full, 'sentinel.roleLabeler.enabled') === true;
  const readService =
    valueAt(full, 'service.readService') !== false &&
    ((spec.mode === 'replication' &&
      numberAt(full, 'replication.replicas', 0) > 0) ||
      (spec.mode === 'sentinel' && roleLabeler));
  const names = secretNames(spec.name);
  return connectionFacts({
    release: spec.name,
    environment,
    namespace,
    mode: spec.mode,
    servicePort: numberAt(full, 'service.port', 6379),
    tls: {
      enabled: valueAt(full, 'tls.enabled') === true,
      port: numberAt(full, 'tls.port', 6380),
      disablePlaintext: valueAt(full, 'tls.disablePlaintext') === true,
    },
    readService,
    primaryService: spec.mode !== 'sentinel' || roleLabeler,
    sentinel: {
      port: numberAt(full, 'sentinel.port', 26379),
      primaryName: String(valueAt(full, 'sentinel.masterSet') ?? 'mymaster'),
    },
    ...(authEnabled
      ? {
          password: {
            secretName: names.auth,
            secretKey: AUTH_SECRET_KEYS.password,
          },
        }
      : {}),
    aclUsers: authEnabled
      ? aclUsers.map(user => ({
          user,
          secretName: names.aclUsers,
          secretKey: user,
        }))
      : [],
  });
}
