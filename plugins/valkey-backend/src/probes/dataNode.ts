import { Health, ValkeyNode } from '@valkey-backstage/plugin-valkey-common';
import { NodeInfo } from '../parsers';
import { isUnreachable, NodeError } from './nodeQuery';

/** A data node as the status shows it, from what its own INFO said. */
export function dataNodeFromInfo(
  address: string,
  info: NodeInfo,
  overrides: Partial<ValkeyNode> = {},
): ValkeyNode {
  const node: ValkeyNode = {
    id: info.runId ?? address,
    address,
    role: info.role,
    health: 'healthy',
    flags: [],
    ...(info.availabilityZone
      ? { availabilityZone: info.availabilityZone }
      : {}),
    ...(info.version ? { version: info.version } : {}),
    ...(info.uptimeSeconds !== undefined
      ? { uptimeSeconds: info.uptimeSeconds }
      : {}),
    ...(info.replicationOffset !== undefined
      ? { replicationOffset: info.replicationOffset }
      : {}),
    ...(info.replication ? { replication: { ...info.replication } } : {}),
    persistence: stripUndefined(info.persistence),
    ...(info.runtime ? { runtime: info.runtime } : {}),
    ...overrides,
  };
  node.health = overrides.health ?? worst(node.health, dataNodeHealth(node));
  return node;
}

/**
 * A node we know of but could not ask: down when it refused or did not answer
 * (and marked unreachable), unknown when it answered with an error.
 */
export function unreachableNode(
  address: string,
  error: NodeError | undefined,
  overrides: Partial<ValkeyNode> = {},
): ValkeyNode {
  const silent = isUnreachable(error);
  return {
    id: address,
    address,
    role: 'unknown',
    health: silent ? 'down' : 'unknown',
    flags: [],
    ...(silent ? { unreachable: true } : {}),
    ...overrides,
  };
}

/**
 * Byte lag of a replica: its primary's `master_repl_offset` minus its own
 * offset, never negative (the replica's INFO may be read a moment later);
 * undefined when either offset is unknown. The one lag function of every mode.
 */
export function replicaLagBytes(
  primaryOffset: number | undefined,
  replicaOffset: number | undefined,
): number | undefined {
  if (primaryOffset === undefined || replicaOffset === undefined) {
    return undefined;
  }
  return Math.max(0, primaryOffset - replicaOffset);
}

/** Sets `replication.lagBytes` on each replica that has a link, from `primaryOffset`. */
export function setReplicaLags(
  primaryOffset: number | undefined,
  replicas: ValkeyNode[],
): void {
  for (const replica of replicas) {
    if (replica.role !== 'replica' || !replica.replication) continue;
    const lag = replicaLagBytes(primaryOffset, replica.replicationOffset);
    if (lag !== undefined) replica.replication.lagBytes = lag;
  }
}

/** Health from the node's own state: replica link, loading, persistence errors. */
export function dataNodeHealth(node: ValkeyNode): Health {
  let health: Health = 'healthy';
  const p = node.persistence;
  if (p?.loading) health = 'degraded';
  if (p?.rdbLastBgsaveStatus === 'err' || p?.aofLastWriteStatus === 'err')
    health = 'degraded';
  if (node.replication && node.replication.linkStatus !== 'up')
    health = 'degraded';
  return health;
}

const order: Health[] = ['healthy', 'unknown', 'degraded', 'down'];

/** The worse of the given health values. */
export function worst(...values: Health[]): Health {
  return values.reduce(
    (a, b) => (order.indexOf(b) > order.indexOf(a) ? b : a),
    'healthy',
  );
}

export function stripUndefined<T extends object>(value: T): T {
  return Object.fromEntries(
    Object.entries(value).filter(([, v]) => v !== undefined),
  ) as T;
}
