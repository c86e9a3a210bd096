import {
  SIZE_PRESET_RESOURCES,
  SizePreset,
} from '@valkey-backstage/plugin-valkey-common';
import { valueAt } from './mergeValues';
import type { EnvironmentSummary, Values } from './types';

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** A readable description of one environment's merged values (full = chart defaults + rendered). */
export function summarizeEnvironment(
  name: string,
  server: string,
  namespace: string,
  full: Values,
): EnvironmentSummary {
  const mode = String(full.mode);
  const n = (path: string) => Number(valueAt(full, path));
  let topology: string;
  switch (mode) {
    case 'replication':
      topology = `1 primary + ${plural(
        n('replication.replicas'),
        'read replica',
      )}`;
      break;
    case 'sentinel':
      topology = `${n('sentinel.replicas')} data pods (1 primary), ${n(
        'sentinel.sentinelReplicas',
      )} Sentinels, quorum ${n('sentinel.quorum')}`;
      break;
    case 'cluster': {
      const perPrimary = n('cluster.replicasPerPrimary');
      const shards = Math.floor(n('cluster.replicas') / (1 + perPrimary));
      topology = `${shards} shards x (1 primary + ${plural(
        perPrimary,
        'replica',
      )}) = ${n('cluster.replicas')} nodes`;
      break;
    }
    default:
      topology = plural(n('standalone.replicas'), 'standalone pod');
  }
  const size = String(full.resourcePreset ?? 'none');
  const preset = SIZE_PRESET_RESOURCES[size as SizePreset];
  const resources = preset
    ? `requests ${preset.requests.cpu} CPU / ${preset.requests.memory}, limits ${preset.limits.cpu} CPU / ${preset.limits.memory} per pod`
    : 'no resource preset';
  const persistence =
    valueAt(full, 'persistence.enabled') === true
      ? `${valueAt(full, 'persistence.size')} per pod${
          valueAt(full, 'persistence.storageClass')
            ? ` (${valueAt(full, 'persistence.storageClass')})`
            : ''
        }`
      : 'none (data is lost when a pod restarts)';
  const backups =
    valueAt(full, 'backup.enabled') === true
      ? `${valueAt(full, 'backup.schedule')}, keep ${valueAt(
          full,
          'backup.retention',
        )}`
      : 'off';
  return {
    name,
    server,
    namespace,
    mode,
    topology,
    size,
    resources,
    persistence,
    tls: valueAt(full, 'tls.enabled') === true,
    backups,
    metrics: valueAt(full, 'metrics.enabled') === true,
    auth: valueAt(full, 'auth.enabled') === true,
  };
}
