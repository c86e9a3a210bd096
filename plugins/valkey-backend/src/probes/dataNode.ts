import { Health, ValkeyNode } from '@valkey-backstage/plugin-valkey-common';
import { NodeInfo } from '../parsers';
import { ValkeyClientError } from '../client';

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
    ...overrides,
  };
  node.health = overrides.health ?? worst(node.health, dataNodeHealth(node));
  return node;
}

/** A node we know of but could not ask. */
export function unreachableNode(
  address: string,
  error: ValkeyClientError | undefined,
  overrides: Partial<ValkeyNode> = {},
): ValkeyNode {
  const health: Health =
    error && (error.kind === 'unreachable' || error.kind === 'timeout')
      ? 'down'
      : 'unknown';
  return {
    id: address,
    address,
    role: 'unknown',
    health,
    flags: [],
    ...overrides,
  };
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
