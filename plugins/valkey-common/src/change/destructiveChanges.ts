/**
 * Which parts of a day-2 change can lose data or availability, so the form can
 * list them and the action can refuse them without an explicit confirmation.
 * Pure: compares two validated specs, environment by environment, with the
 * chart's documented defaults standing in for fields a spec leaves out.
 */
import type {
  ValkeyInstanceSpec,
  ValkeyTopologySpec,
} from '../spec/instanceSpec';

export type DestructiveChangeKind =
  | 'mode'
  | 'shards'
  | 'replicas'
  | 'persistence'
  | 'environment-removed';

export interface DestructiveChange {
  kind: DestructiveChangeKind;
  /** The environment the change applies to; absent for instance-wide changes. */
  environment?: string;
  /** What happens, in the words of the person making the change. */
  message: string;
}

/** The chart's defaults for the topology fields (charts/valkey/values.yaml). */
export const TOPOLOGY_DEFAULTS: Required<ValkeyTopologySpec> = {
  replicas: 2,
  sentinels: 3,
  shards: 3,
  replicasPerPrimary: 1,
};
const SENTINEL_DATA_PODS_DEFAULT = 3;

interface EffectiveEnvironment {
  /** Data pods that hold a copy of the data besides the primaries. */
  replicas: number;
  shards: number;
  persistence: boolean;
}

function effective(
  spec: ValkeyInstanceSpec,
  environment: string,
): EffectiveEnvironment {
  const overrides = spec.environments.find(
    e => e.name === environment,
  )?.overrides;
  const topology = { ...spec.topology, ...overrides?.topology };
  const persistence =
    overrides?.persistence?.enabled ?? spec.persistence?.enabled ?? true;
  switch (spec.mode) {
    case 'replication':
      return {
        replicas: topology.replicas ?? TOPOLOGY_DEFAULTS.replicas,
        shards: 1,
        persistence,
      };
    case 'sentinel':
      return {
        replicas: (topology.replicas ?? SENTINEL_DATA_PODS_DEFAULT) - 1,
        shards: 1,
        persistence,
      };
    case 'cluster':
      return {
        replicas:
          topology.replicasPerPrimary ?? TOPOLOGY_DEFAULTS.replicasPerPrimary,
        shards: topology.shards ?? TOPOLOGY_DEFAULTS.shards,
        persistence,
      };
    default:
      return { replicas: 0, shards: 1, persistence };
  }
}

/**
 * The destructive parts of changing `before` into `after`: a mode change
 * (the data is not carried over), fewer shards or replicas, persistence turned
 * off, and environments that are no longer listed (their instance is deleted).
 * An empty list means the change only adds or grows.
 */
export function destructiveChanges(
  before: ValkeyInstanceSpec,
  after: ValkeyInstanceSpec,
): DestructiveChange[] {
  const changes: DestructiveChange[] = [];
  const kept = new Set(after.environments.map(e => e.name));
  for (const env of before.environments) {
    if (!kept.has(env.name)) {
      changes.push({
        kind: 'environment-removed',
        environment: env.name,
        message: `${env.name} is removed: the instance there and its data are deleted`,
      });
    }
  }
  if (before.mode !== after.mode) {
    changes.push({
      kind: 'mode',
      message: `the mode changes from ${before.mode} to ${after.mode}: the instance is replaced and its data is not carried over`,
    });
    return changes;
  }
  for (const env of before.environments.filter(e => kept.has(e.name))) {
    const was = effective(before, env.name);
    const will = effective(after, env.name);
    if (will.shards < was.shards) {
      changes.push({
        kind: 'shards',
        environment: env.name,
        message: `${env.name}: shards go down from ${was.shards} to ${will.shards}; the keys of the removed shards must be moved first or they are lost`,
      });
    }
    if (will.replicas < was.replicas) {
      changes.push({
        kind: 'replicas',
        environment: env.name,
        message: `${env.name}: replicas go down from ${was.replicas} to ${
          will.replicas
        }${
          after.mode === 'cluster' ? ' per shard' : ''
        }; fewer copies of the data survive a pod failure`,
      });
    }
    if (was.persistence && !will.persistence) {
      changes.push({
        kind: 'persistence',
        environment: env.name,
        message: `${env.name}: persistent storage is turned off; the data on the volumes is deleted and a restart loses every key`,
      });
    }
  }
  return changes;
}
