import {
  FleetRow,
  InstanceStatus,
  compareVersions,
} from '@valkey-backstage/plugin-valkey-common';
import { dataNodesOf } from '../status/collectNodes';

export interface FleetEntity {
  entityRef: string;
  title: string;
}

/** The fleet row of one status document, with backup age as of `now`. */
export function fleetRowOf(
  entity: FleetEntity,
  status: InstanceStatus,
  now: Date,
): FleetRow {
  const nodes = dataNodesOf(status.topology);
  const versions = [
    ...new Set(nodes.map(n => n.version).filter((v): v is string => !!v)),
  ].sort(compareVersions);
  const backup = status.backup;
  return {
    ...entity,
    environment: status.environment,
    health: status.health,
    summary: status.summary,
    mode: status.mode,
    ...(versions.length ? { version: versions.join(', ') } : {}),
    ...optional('usedMemoryBytes', status.runtime?.usedMemoryBytes),
    ...(backup ? { backupConfigured: backup.configured } : {}),
    ...optional('lastBackupAgeSeconds', backupAge(backup, now)),
    ...(backup?.configured ? { backupStale: backup.stale } : {}),
    probedAt: status.probedAt,
  };
}

/** The row of an (entity, environment) whose status could not be read. */
export function failedFleetRow(
  entity: FleetEntity,
  environment: string | undefined,
  message: string,
): FleetRow {
  return {
    ...entity,
    ...(environment ? { environment } : {}),
    health: 'unknown',
    error: message,
  };
}

function optional<K extends string>(
  key: K,
  value: number | undefined,
): Partial<Record<K, number>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, number>);
}

/** Age of the last success now, not when the (cached) document was made. */
function backupAge(
  backup: InstanceStatus['backup'],
  now: Date,
): number | undefined {
  if (!backup?.configured) return undefined;
  if (backup.lastSuccessTime) {
    const at = Date.parse(backup.lastSuccessTime);
    if (!Number.isNaN(at)) {
      return Math.max(0, Math.round((now.getTime() - at) / 1000));
    }
  }
  return backup.lastSuccessAgeSeconds;
}
