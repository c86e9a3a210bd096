import { parseInfo } from '@valkey-backstage/plugin-valkey-common';
import { valkeyCli } from './cli';
import { freePorts, waitUntil } from './ports';
import { startValkeyServer, ValkeyServer } from './server';

export interface TopologyOptions {
  /** Password of the default user on every process. */
  password?: string;
  /** Extra config lines for every data node (e.g. ACL `user` lines). */
  config?: string[];
  /** Extra config lines for every Sentinel. */
  sentinelConfig?: string[];
}

export interface Topology {
  /** Data nodes (for a replication group the primary is first). */
  nodes: ValkeyServer[];
  /** Sentinels, empty unless it is a Sentinel group. */
  sentinels: ValkeyServer[];
  /** Stops and removes every process. */
  destroy(): Promise<void>;
}

async function destroyAll(servers: ValkeyServer[]) {
  await Promise.all(servers.map(s => s.destroy()));
}

/** One primary and `replicas` replicas, without Sentinel. */
export async function startReplicationGroup(
  options: TopologyOptions & {
    replicas?: number;
    /** Fixed ports for the primary then each replica; free ports when omitted. */
    ports?: number[];
  } = {},
): Promise<Topology> {
  const { password, ports } = options;
  const auth = password ? [`masterauth "${password}"`] : [];
  const primary = await startValkeyServer({
    port: ports?.[0],
    password,
    config: [...auth, ...(options.config ?? [])],
  });
  const replicas: ValkeyServer[] = [];
  try {
    for (let i = 0; i < (options.replicas ?? 2); i++) {
      replicas.push(
        await startValkeyServer({
          port: ports?.[i + 1],
          password,
          config: [
            ...auth,
            `replicaof 127.0.0.1 ${primary.port}`,
            ...(options.config ?? []),
          ],
        }),
      );
    }
    await waitForReplicasOnline(primary, replicas.length);
  } catch (e) {
    await destroyAll([primary, ...replicas]);
    throw e;
  }
  const nodes = [primary, ...replicas];
  return { nodes, sentinels: [], destroy: () => destroyAll(nodes) };
}

export async function waitForReplicasOnline(
  primary: ValkeyServer,
  count: number,
  timeoutMs = 20_000,
) {
  await waitUntil(
    `${count} replicas online at ${primary.address}`,
    async () => {
      const info = parseInfo(await primary.cli(['INFO', 'replication']));
      const online = Object.entries(info).filter(
        ([k, v]) => /^slave\d+$/.test(k) && v.includes('state=online'),
      ).length;
      return online >= count;
    },
    timeoutMs,
  );
}

export interface SentinelGroupOptions extends TopologyOptions {
  replicas?: number;
  sentinels?: number;
  primaryName?: string;
  quorum?: number;
  downAfterMs?: number;
  failoverTimeoutMs?: number;
  /** Fixed ports for the data nodes (primary first); free ports when omitted. */
  ports?: number[];
  /** Fixed ports for the Sentinels; free ports when omitted. */
  sentinelPorts?: number[];
}

/** A replication group watched by Sentinels (default 1 primary, 2 replicas, 3 Sentinels). */
export async function startSentinelGroup(
  options: SentinelGroupOptions = {},
): Promise<Topology> {
  const name = options.primaryName ?? 'mymaster';
  const group = await startReplicationGroup({
    ...options,
    config: ['replica-priority 100', ...(options.config ?? [])],
  });
  const primary = group.nodes[0];
  const sentinels: ValkeyServer[] = [];
  try {
    for (let i = 0; i < (options.sentinels ?? 3); i++) {
      sentinels.push(
        await startValkeyServer({
          port: options.sentinelPorts?.[i],
          sentinel: true,
          config: [
            `sentinel monitor ${name} 127.0.0.1 ${primary.port} ${
              options.quorum ?? 2
            }`,
            `sentinel down-after-milliseconds ${name} ${
              options.downAfterMs ?? 2000
            }`,
            `sentinel failover-timeout ${name} ${
              options.failoverTimeoutMs ?? 10000
            }`,
            `sentinel parallel-syncs ${name} 1`,
            ...(options.password
              ? [`sentinel auth-pass ${name} "${options.password}"`]
              : []),
            ...(options.sentinelConfig ?? []),
          ],
        }),
      );
    }
    // Every Sentinel knows all replicas and the other Sentinels.
    await waitUntil(
      'Sentinels to discover each other and the replicas',
      async () => {
        for (const s of sentinels) {
          const primaryInfo = await s.cli(['SENTINEL', 'MASTER', name]);
          const fields = primaryInfo.split('\n').map(l => l.trim());
          const get = (k: string) => fields[fields.indexOf(k) + 1];
          if (Number(get('num-slaves')) < group.nodes.length - 1) return false;
          if (Number(get('num-other-sentinels')) < sentinels.length - 1)
            return false;
        }
        return true;
      },
      30_000,
      200,
    );
  } catch (e) {
    await destroyAll([...group.nodes, ...sentinels]);
    throw e;
  }
  const all = [...group.nodes, ...sentinels];
  return { nodes: group.nodes, sentinels, destroy: () => destroyAll(all) };
}

export interface ClusterOptions extends TopologyOptions {
  /** Number of nodes, default 6. */
  nodes?: number;
  /** Replicas per primary, default 1. */
  replicasPerPrimary?: number;
  /** cluster-node-timeout in ms, default 2000. */
  nodeTimeoutMs?: number;
  /** Fixed ports, one per node (each port + 10000 is its bus port); free ports when omitted. */
  ports?: number[];
}

/** A Valkey cluster created with `valkey-cli --cluster create` (default 3 primaries + 3 replicas). */
export async function startCluster(
  options: ClusterOptions = {},
): Promise<Topology> {
  const count = options.ports?.length ?? options.nodes ?? 6;
  const ports = options.ports ?? (await freePorts(count, { withBus: true }));
  const nodes: ValkeyServer[] = [];
  try {
    for (const port of ports) {
      nodes.push(
        await startValkeyServer({
          port,
          password: options.password,
          config: [
            'cluster-enabled yes',
            'cluster-config-file nodes.conf',
            `cluster-node-timeout ${options.nodeTimeoutMs ?? 2000}`,
            ...(options.password ? [`masterauth "${options.password}"`] : []),
            ...(options.config ?? []),
          ],
        }),
      );
    }
    await valkeyCli(
      nodes[0],
      [
        '--cluster',
        'create',
        ...nodes.map(n => n.address),
        '--cluster-replicas',
        String(options.replicasPerPrimary ?? 1),
        '--cluster-yes',
      ],
      nodes[0].auth,
      60_000,
    );
    await waitForClusterOk(nodes);
  } catch (e) {
    await destroyAll(nodes);
    throw e;
  }
  return { nodes, sentinels: [], destroy: () => destroyAll(nodes) };
}

/** Waits until every given node reports cluster_state:ok and knows all of them. */
export async function waitForClusterOk(
  nodes: ValkeyServer[],
  timeoutMs = 30_000,
) {
  await waitUntil(
    'cluster_state:ok on every node',
    async () => {
      for (const node of nodes) {
        const info = parseInfo(await node.cli(['CLUSTER', 'INFO']));
        if (info.cluster_state !== 'ok') return false;
        if (Number(info.cluster_known_nodes) < nodes.length) return false;
      }
      return true;
    },
    timeoutMs,
    200,
  );
}
