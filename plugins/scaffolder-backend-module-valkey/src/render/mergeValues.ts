/**
 * Values per environment, merged in one documented order:
 *
 *   chart defaults < mode defaults < environment defaults (config)
 *     < the instance's own values < per-environment overrides
 *     < fixed environment settings (storage class, TLS issuer)
 *
 * Objects merge key by key; arrays and scalars replace. The shared
 * `values.yaml` holds mode defaults + the instance's own values (independent
 * of the environments), and each `values-<env>.yaml` holds exactly the leaves
 * where that environment differs, so adding an environment or changing one
 * touches only that environment's file.
 */
import {
  aclRulesFor,
  ValkeyEnvironmentOverrides,
  ValkeyInstanceSpec,
} from '@valkey-backstage/plugin-valkey-common';
import type { GitopsEnvironmentConfig } from '../config/gitopsConfig';
import type { Values } from './types';
import { SYNC_WAVE_ANNOTATION, SYNC_WAVES } from './argocd';

export function isPlainObject(v: unknown): v is Values {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Deep merge of layers, later layers win; inputs are not modified. */
export function deepMerge(...layers: Values[]): Values {
  const out: Values = {};
  for (const layer of layers) {
    for (const [key, value] of Object.entries(layer)) {
      if (value === undefined) continue;
      const current = out[key];
      if (isPlainObject(current) && isPlainObject(value)) {
        out[key] = deepMerge(current, value);
      } else if (isPlainObject(value)) {
        out[key] = deepMerge(value);
      } else {
        out[key] = Array.isArray(value) ? structuredClone(value) : value;
      }
    }
  }
  return out;
}

/** Names of the Secrets the values refer to (one per instance and namespace). */
export function secretNames(name: string) {
  return { auth: `${name}-auth`, aclUsers: `${name}-acl-users` };
}

/** Keys inside the auth Secret: the chart's defaults. */
export const AUTH_SECRET_KEYS = {
  password: 'valkey-password',
  monitoringPassword: 'monitoring-password',
} as const;

export function modeDefaults(mode: ValkeyInstanceSpec['mode']): Values {
  switch (mode) {
    case 'cluster':
      // Argo CD ignores Helm hooks' ordering; the chart's Argo CD hooks run the
      // cluster init Job as PostSync instead.
      return {
        cluster: { init: { hookType: 'argocd' } },
        podAntiAffinityPreset: { type: 'soft' },
      };
    case 'sentinel':
      return {
        podAntiAffinityPreset: { type: 'soft' },
        sentinel: { podAntiAffinityPreset: { type: 'soft' } },
      };
    case 'replication':
      return { podAntiAffinityPreset: { type: 'soft' } };
    default:
      return {};
  }
}

type SpecPart = ValkeyEnvironmentOverrides & {
  auth?: ValkeyInstanceSpec['auth'];
  image?: ValkeyInstanceSpec['image'];
};

/** Chart values for the fields present in one part of the spec (the instance or an environment's overrides). */
export function specPartToValues(
  name: string,
  mode: ValkeyInstanceSpec['mode'],
  part: SpecPart,
): Values {
  const v: Values = {};
  if (part.size) v.resourcePreset = part.size;

  const t = part.topology;
  if (t) {
    if (mode === 'replication' && t.replicas !== undefined) {
      v.replication = { replicas: t.replicas };
    }
    if (mode === 'sentinel') {
      const sentinel: Values = {};
      if (t.replicas !== undefined) sentinel.replicas = t.replicas;
      if (t.sentinels !== undefined) {
        sentinel.sentinelReplicas = t.sentinels;
        sentinel.quorum = Math.floor(t.sentinels / 2) + 1;
      }
      if (Object.keys(sentinel).length) v.sentinel = sentinel;
    }
    if (
      mode === 'cluster' &&
      (t.shards !== undefined || t.replicasPerPrimary !== undefined)
    ) {
      const shards = t.shards ?? 3;
      const perPrimary = t.replicasPerPrimary ?? 1;
      v.cluster = {
        replicas: shards * (1 + perPrimary),
        replicasPerPrimary: perPrimary,
      };
    }
  }

  if (part.persistence) {
    const p: Values = {};
    if (part.persistence.enabled !== undefined)
      p.enabled = part.persistence.enabled;
    if (part.persistence.size) p.size = part.persistence.size;
    if (Object.keys(p).length) v.persistence = p;
  }

  if (part.auth) {
    const users = part.auth.aclUsers ?? [];
    if (part.auth.enabled !== undefined)
      v.auth = { enabled: part.auth.enabled };
    if (part.auth.enabled !== false) {
      v.auth = {
        ...(v.auth as Values | undefined),
        existingSecret: secretNames(name).auth,
        existingSecretPasswordKey: AUTH_SECRET_KEYS.password,
      };
    }
    if (users.length) {
      const aclUsers: Values = {};
      for (const user of users) {
        aclUsers[user.name] = {
          permissions: aclRulesFor(user.permissions, user.keyPrefix),
          existingPasswordSecret: secretNames(name).aclUsers,
          passwordKey: user.name,
        };
      }
      v.acl = { enabled: true, users: aclUsers };
    }
  }

  if (part.tls?.enabled !== undefined) {
    v.tls = part.tls.enabled
      ? { enabled: true, certManager: { enabled: true } }
      : { enabled: false, certManager: { enabled: false } };
  }

  if (part.backups) {
    const b: Values = {};
    if (part.backups.enabled !== undefined) b.enabled = part.backups.enabled;
    if (part.backups.schedule) b.schedule = part.backups.schedule;
    if (part.backups.retention !== undefined)
      b.retention = part.backups.retention;
    if (part.backups.storageSize)
      b.storage = { size: part.backups.storageSize };
    if (Object.keys(b).length) v.backup = b;
  }

  if (part.metrics) {
    const m: Values = {};
    if (part.metrics.enabled !== undefined) m.enabled = part.metrics.enabled;
    if (part.metrics.serviceMonitor !== undefined) {
      m.serviceMonitor = { enabled: part.metrics.serviceMonitor };
    }
    if (part.metrics.alerts !== undefined) {
      m.prometheusRule = { enabled: part.metrics.alerts };
    }
    if (Object.keys(m).length) v.metrics = m;
  }

  if (part.image?.variant) v.image = { variant: part.image.variant };
  return v;
}

/** The instance's own values (independent of environments), without mode defaults. */
export function instanceValues(spec: ValkeyInstanceSpec): Values {
  return deepMerge(
    {
      commonLabels: { 'backstage.io/kubernetes-id': spec.name },
      // after the Secret references (see SYNC_WAVES)
      commonAnnotations: { [SYNC_WAVE_ANNOTATION]: SYNC_WAVES.chart },
    },
    { mode: spec.mode },
    specPartToValues(spec.name, spec.mode, {
      size: spec.size,
      topology: spec.topology,
      persistence: spec.persistence,
      auth: spec.auth ?? {},
      tls: spec.tls,
      backups: spec.backups,
      metrics: spec.metrics,
      image: spec.image,
    }),
  );
}

/** Values shared by every environment (`values.yaml`): mode defaults and the instance's own values. */
export function sharedValues(spec: ValkeyInstanceSpec): Values {
  return deepMerge(modeDefaults(spec.mode), instanceValues(spec));
}

/** Settings that come from the environment's config and nothing else. */
export function fixedEnvironmentValues(
  env: GitopsEnvironmentConfig,
  tlsEnabled: boolean,
  backupEnabled: boolean,
): Values {
  const v: Values = {};
  if (env.storageClass) {
    v.persistence = { storageClass: env.storageClass };
    if (backupEnabled)
      v.backup = { storage: { storageClass: env.storageClass } };
  }
  if (tlsEnabled && env.tls) {
    v.tls = {
      certManager: {
        issuerRef: { name: env.tls.issuerName, kind: env.tls.issuerKind },
      },
    };
  }
  return v;
}

/** The overrides of one environment as values; cluster topology combines the instance's and the environment's fields. */
export function overrideValues(
  spec: ValkeyInstanceSpec,
  overrides: ValkeyEnvironmentOverrides | undefined,
): Values {
  if (!overrides) return {};
  const topology = overrides.topology
    ? { ...spec.topology, ...overrides.topology }
    : undefined;
  return specPartToValues(spec.name, spec.mode, { ...overrides, topology });
}

/**
 * Leaves of `full` that `base` does not have with the same value. Arrays and
 * empty objects are leaves. `deepMerge(base, leafDiff(full, base))` equals
 * `full` whenever `full` already contains `base`.
 */
export function leafDiff(full: Values, base: Values): Values {
  const out: Values = {};
  for (const [key, value] of Object.entries(full)) {
    const other = base[key];
    if (
      isPlainObject(value) &&
      Object.keys(value).length > 0 &&
      isPlainObject(other)
    ) {
      const child = leafDiff(value, other);
      if (Object.keys(child).length) out[key] = child;
    } else if (!jsonEqual(value, other)) {
      out[key] = value;
    }
  }
  return out;
}

export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((x, i) => jsonEqual(x, b[i]));
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    return ka.length === kb.length && ka.every(k => jsonEqual(a[k], b[k]));
  }
  return false;
}

/** A value at a dotted path of values, or undefined. */
export function valueAt(values: Values, path: string): unknown {
  let current: unknown = values;
  for (const part of path.split('.')) {
    if (!isPlainObject(current)) return undefined;
    current = current[part];
  }
  return current;
}
