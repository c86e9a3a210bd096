/**
 * The local demo of `npm start`: a 6-node cluster and a Sentinel group on
 * loopback, and the `valkey.status` configuration that points the status
 * backend at them. The processes run without a password: they listen on
 * 127.0.0.1 only and hold no data worth protecting.
 */
import { isPortFree } from './ports';
import { startCluster, startSentinelGroup, Topology } from './topologies';

export interface DemoPorts {
  /** Six cluster nodes; each port + 10000 is its cluster bus port. */
  cluster: number[];
  /** Sentinel group data nodes, primary first. */
  sentinelData: number[];
  sentinels: number[];
}

/** The fixed ports app-config.yaml names for the demo. */
export const DEMO_PORTS: DemoPorts = {
  cluster: [7100, 7101, 7102, 7103, 7104, 7105],
  sentinelData: [7200, 7201, 7202],
  sentinels: [27200, 27201, 27202],
};

export const DEMO_ENVIRONMENT = 'local';
export const DEMO_SENTINEL_PRIMARY_NAME = 'mymaster';

export interface ValkeyDemo {
  cluster: Topology;
  sentinel: Topology;
  ports: DemoPorts;
  destroy(): Promise<void>;
}

/** Every TCP port the demo binds, cluster bus ports included. */
export function demoPortList(ports: DemoPorts): number[] {
  return [
    ...ports.cluster,
    ...ports.cluster.map(p => p + 10000),
    ...ports.sentinelData,
    ...ports.sentinels,
  ];
}

/** The demo ports that are taken right now. */
export async function busyDemoPorts(
  ports: DemoPorts = DEMO_PORTS,
): Promise<number[]> {
  const busy: number[] = [];
  for (const port of demoPortList(ports)) {
    if (!(await isPortFree(port))) busy.push(port);
  }
  return busy;
}

/**
 * Starts the demo cluster and Sentinel group on the given ports (free ports
 * when omitted, as tests want). Node and Sentinel timeouts are short so a
 * killed primary fails over within seconds.
 */
export async function startDemo(ports?: DemoPorts): Promise<ValkeyDemo> {
  const cluster = await startCluster({
    ports: ports?.cluster,
    nodes: 6,
    replicasPerPrimary: 1,
    nodeTimeoutMs: 2000,
  });
  let sentinel: Topology;
  try {
    sentinel = await startSentinelGroup({
      ports: ports?.sentinelData,
      sentinelPorts: ports?.sentinels,
      replicas: 2,
      sentinels: 3,
      quorum: 2,
      primaryName: DEMO_SENTINEL_PRIMARY_NAME,
      downAfterMs: 2000,
      failoverTimeoutMs: 10000,
    });
  } catch (e) {
    await cluster.destroy();
    throw e;
  }
  return {
    cluster,
    sentinel,
    ports: {
      cluster: cluster.nodes.map(n => n.port),
      sentinelData: sentinel.nodes.map(n => n.port),
      sentinels: sentinel.sentinels.map(n => n.port),
    },
    destroy: async () => {
      await Promise.all([cluster.destroy(), sentinel.destroy()]);
    },
  };
}

/**
 * The `valkey.status` configuration for the demo entities `demo-cluster` and
 * `demo-sentinel` (examples/demo-instances.yaml), environment `local`.
 */
export function demoStatusConfig(ports: DemoPorts, refreshIntervalSeconds = 5) {
  return {
    refreshIntervalSeconds,
    environments: [
      {
        name: DEMO_ENVIRONMENT,
        // Back up now / Fail over from the entity page (no password in the demo).
        operations: {},
        // Only the explicit instances below resolve; any other name fails to resolve.
        host: '{instance}.invalid',
        port: 6379,
        instances: {
          'demo-cluster': { host: '127.0.0.1', port: ports.cluster[0] },
          'demo-sentinel': {
            host: '127.0.0.1',
            port: ports.sentinelData[0],
            sentinelHost: '127.0.0.1',
            sentinelPort: ports.sentinels[0],
            sentinelPrimaryName: DEMO_SENTINEL_PRIMARY_NAME,
          },
        },
      },
    ],
  };
}
