/**
 * The "New Valkey instance" form's values and the instance spec they stand
 * for. The template's render step, the form's live checks and the pre-filled
 * change form all go through these two functions, so they cannot disagree
 * about what a field means.
 */
import type { ValkeyPublishTarget } from '../change/storedSpecResponse';
import type { ValkeyInstanceSpec } from './instanceSpec';

/** Form values as the template's parameters name them (all optional while the user types). */
export interface ValkeyInstanceForm {
  name?: string;
  owner?: string;
  system?: string;
  description?: string;
  mode?: string;
  size?: string;
  persistenceEnabled?: boolean;
  persistenceSize?: string;
  /** replication: read replicas besides the primary. */
  replicas?: number;
  /** sentinel: data pods in total (1 primary + replicas). */
  dataPods?: number;
  sentinels?: number;
  shards?: number;
  replicasPerPrimary?: number;
  environments?: Array<{ name?: string; overrides?: Record<string, unknown> }>;
  authEnabled?: boolean;
  aclUsers?: Array<{
    name?: string;
    permissions?: string;
    keyPrefix?: string;
    consumer?: string;
    consumerNamespace?: string;
  }>;
  tlsEnabled?: boolean;
  imageVariant?: string;
  backupsEnabled?: boolean;
  backupSchedule?: string;
  backupRetention?: number;
  metricsEnabled?: boolean;
  serviceMonitor?: boolean;
  alerts?: boolean;
  [other: string]: unknown;
}

function topologyOf(form: ValkeyInstanceForm) {
  switch (form.mode) {
    case 'replication':
      return { replicas: form.replicas };
    case 'sentinel':
      return { replicas: form.dataPods, sentinels: form.sentinels };
    case 'cluster':
      return {
        shards: form.shards,
        replicasPerPrimary: form.replicasPerPrimary,
      };
    default:
      return {};
  }
}

/** Drops undefined leaves so the spec holds only what the user chose. */
function compact<T>(value: T): T {
  if (Array.isArray(value)) return value.map(compact) as T;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(value)) {
      if (child === undefined || child === '') continue;
      const compacted = compact(child);
      if (
        compacted &&
        typeof compacted === 'object' &&
        !Array.isArray(compacted) &&
        Object.keys(compacted).length === 0
      ) {
        continue;
      }
      out[key] = compacted;
    }
    return out as T;
  }
  return value;
}

/**
 * The (unvalidated) instance spec of a form: only the topology fields of the
 * chosen mode, backup settings only while backups are on. Validate the result
 * with parseValkeyInstanceSpec.
 */
export function instanceSpecFromForm(form: ValkeyInstanceForm): unknown {
  const backupsOn = form.backupsEnabled === true;
  return compact({
    name: form.name,
    owner: form.owner,
    system: form.system,
    description: form.description,
    mode: form.mode,
    size: form.size,
    topology: topologyOf(form),
    persistence: {
      enabled: form.persistenceEnabled,
      size:
        form.persistenceEnabled === false ? undefined : form.persistenceSize,
    },
    auth: { enabled: form.authEnabled, aclUsers: form.aclUsers },
    tls: { enabled: form.tlsEnabled },
    backups: {
      enabled: form.backupsEnabled,
      schedule: backupsOn ? form.backupSchedule : undefined,
      retention: backupsOn ? form.backupRetention : undefined,
    },
    metrics: {
      enabled: form.metricsEnabled,
      serviceMonitor: form.serviceMonitor,
      alerts: form.alerts,
    },
    image: { variant: form.imageVariant },
    environments: form.environments,
  });
}

/** The form values that stand for a stored spec (the pre-filled change form). */
export function formFromInstanceSpec(
  spec: ValkeyInstanceSpec,
): ValkeyInstanceForm {
  const topology = spec.topology ?? {};
  return compact({
    name: spec.name,
    owner: spec.owner,
    system: spec.system,
    description: spec.description,
    mode: spec.mode,
    size: spec.size,
    persistenceEnabled: spec.persistence?.enabled,
    persistenceSize: spec.persistence?.size,
    replicas: spec.mode === 'replication' ? topology.replicas : undefined,
    dataPods: spec.mode === 'sentinel' ? topology.replicas : undefined,
    sentinels: topology.sentinels,
    shards: topology.shards,
    replicasPerPrimary: topology.replicasPerPrimary,
    environments: spec.environments,
    authEnabled: spec.auth?.enabled,
    aclUsers: spec.auth?.aclUsers,
    tlsEnabled: spec.tls?.enabled,
    imageVariant: spec.image?.variant,
    backupsEnabled: spec.backups?.enabled,
    backupSchedule: spec.backups?.schedule,
    backupRetention: spec.backups?.retention,
    metricsEnabled: spec.metrics?.enabled,
    serviceMonitor: spec.metrics?.serviceMonitor,
    alerts: spec.metrics?.alerts,
  });
}

/**
 * What "Change this instance" opens: the "New Valkey instance" form with the
 * stored values, the publisher where the stored folder lives (the local
 * repository unless the folder was read from GitHub or GitLab) and
 * `changeOf`, which makes the run a change of this instance.
 */
export function changeFormData(
  spec: ValkeyInstanceSpec,
  publishedTo: ValkeyPublishTarget = { publisher: 'local' },
): ValkeyInstanceForm & ValkeyPublishTarget & { changeOf: string } {
  return {
    ...formFromInstanceSpec(spec),
    ...publishedTo,
    changeOf: spec.name,
  };
}
