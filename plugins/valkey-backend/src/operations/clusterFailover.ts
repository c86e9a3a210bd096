import { ConflictError, InputError } from '@backstage/errors';
import { ClusterTopology } from '@valkey-backstage/plugin-valkey-common';
import { ConnectionOptions, withConnection } from '../client';
import { infoNumber, parseInfo } from '../parsers';
import { splitAddress } from '../probes/nodeQuery';
import { explain } from './sentinelFailover';

/** The shard and primary of the replica a caller chose, from the probed topology. */
export function chosenReplica(
  topology: ClusterTopology,
  replica: string | undefined,
): { shardId: string; replica: string; primary: string } {
  const replicas = topology.shards.flatMap(s =>
    s.nodes.filter(n => n.role === 'replica').map(n => n.address),
  );
  if (!replica) {
    throw new InputError(
      `choose the replica that takes over its shard (one of: ${
        replicas.join(', ') || 'none'
      })`,
    );
  }
  for (const shard of topology.shards) {
    const node = shard.nodes.find(n => n.address === replica);
    if (!node) continue;
    if (node.role === 'primary') {
      throw new ConflictError(`${replica} is already the primary of its shard`);
    }
    const primary = shard.nodes.find(n => n.role === 'primary');
    if (!primary) {
      throw new ConflictError(
        `the shard of ${replica} has no primary to take over from`,
      );
    }
    return { shardId: shard.id, replica, primary: primary.address };
  }
  throw new InputError(
    `${replica} is not a replica of this instance; choose one of: ${
      replicas.join(', ') || 'none'
    }`,
  );
}

/**
 * Checks on the nodes themselves that the replica is in sync with its
 * primary (link up, both offsets known), then sends CLUSTER FAILOVER to the
 * replica: a coordinated failover without data loss.
 */
export async function clusterFailover(
  chosen: { replica: string; primary: string },
  connection: (host: string, port: number) => ConnectionOptions,
): Promise<void> {
  const at = (address: string) => {
    const { host, port } = splitAddress(address);
    return connection(host, port);
  };
  try {
    const primaryOffset = await withConnection(at(chosen.primary), async c =>
      infoNumber(
        parseInfo(String(await c.command(['INFO', 'replication']))),
        'master_repl_offset',
      ),
    );
    await withConnection(at(chosen.replica), async c => {
      const info = parseInfo(String(await c.command(['INFO', 'replication'])));
      if (info.role !== 'slave') {
        throw new ConflictError(
          `${chosen.replica} is no longer a replica (a failover may already be running)`,
        );
      }
      if (info.master_link_status !== 'up') {
        throw new ConflictError(
          `${chosen.replica} is not in sync: its replication link is down`,
        );
      }
      const replicaOffset = infoNumber(info, 'slave_repl_offset');
      if (replicaOffset === undefined || primaryOffset === undefined) {
        throw new ConflictError(
          `${chosen.replica} is not in sync: its replication lag is not known`,
        );
      }
      await c.command(['CLUSTER', 'FAILOVER']);
    });
  } catch (error) {
    throw explain(error);
  }
}

/** True once the replica reports itself a primary. */
export async function replicaPromoted(
  replica: string,
  connection: (host: string, port: number) => ConnectionOptions,
): Promise<boolean> {
  const { host, port } = splitAddress(replica);
  return withConnection(connection(host, port), async c => {
    const info = parseInfo(String(await c.command(['INFO', 'replication'])));
    return info.role === 'master';
  });
}
