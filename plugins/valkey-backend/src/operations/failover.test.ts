import { CacheManager } from '@backstage/backend-defaults/cache';
import { ConfigReader } from '@backstage/config';
import {
  ClusterTopology,
  SentinelTopology,
} from '@valkey-backstage/plugin-valkey-common';
import {
  startCluster,
  startSentinelGroup,
  Topology,
  waitUntil,
} from '@valkey-backstage/valkey-local';
import { ValkeyConnection } from '../client';
import {
  MONITOR_PASSWORD,
  MONITOR_USER,
  monitoringUserLine,
} from '../__testUtils__/chartMonitoringAcl';
import {
  OPERATIONS_PASSWORD,
  OPERATIONS_USER,
  operationsUserLine,
  renderedOperationsRules,
} from '../__testUtils__/chartOperationsAcl';
import {
  FAST_PROBE_TIMING,
  statusServiceFor,
  statusUntil,
} from '../__testUtils__/statusHarness';
import { OperationsService } from './OperationsService';

jest.setTimeout(120_000);

const silent = {
  error() {},
  warn() {},
  info() {},
  debug() {},
  child: () => silent,
} as any;

const started: OperationsService[] = [];
afterAll(() => started.forEach(o => o.stop()));

/** The view refreshes this often; a failover must show within two refreshes. */
const REFRESH_SECONDS = 5;
const TWO_REFRESHES_MS = 2 * REFRESH_SECONDS * 1000;

/** One StatusService and OperationsService over the given endpoint, with the chart's users. */
function servicesFor(instances: object) {
  const status = statusServiceFor({
    ...FAST_PROBE_TIMING,
    refreshIntervalSeconds: REFRESH_SECONDS,
    environments: [
      {
        name: 'prod',
        instances,
        credentials: { username: MONITOR_USER, password: MONITOR_PASSWORD },
        operations: {
          credentials: {
            username: OPERATIONS_USER,
            password: OPERATIONS_PASSWORD,
          },
        },
      },
    ],
  });
  const cache = CacheManager.fromConfig(new ConfigReader({})).forPlugin(
    'valkey',
  );
  const operations = new OperationsService({ status, cache, logger: silent });
  started.push(operations);
  return { status, operations };
}

describe('fail over a Sentinel group with the rendered chart operations user', () => {
  const rules = renderedOperationsRules('sentinel');
  let group: Topology;
  beforeAll(async () => {
    group = await startSentinelGroup({
      replicas: 2,
      sentinels: 3,
      downAfterMs: 1000,
      failoverTimeoutMs: 5000,
      config: [monitoringUserLine('data'), operationsUserLine(rules.data)],
      sentinelConfig: [
        monitoringUserLine('sentinel'),
        operationsUserLine(rules.sentinel!),
      ],
    });
  });
  afterAll(() => group.destroy());

  const op = {
    entityRef: 'resource:default/orders',
    instance: 'orders',
    environment: 'prod',
    mode: 'sentinel' as const,
  };
  const services = () =>
    servicesFor({
      orders: {
        host: '127.0.0.1',
        port: group.nodes[0].port,
        sentinelHost: '127.0.0.1',
        sentinelPort: group.sentinels[0].port,
      },
    });

  it('the chart gives the operations user SENTINEL FAILOVER, and the monitoring user not', async () => {
    expect(rules.sentinel).toContain('+sentinel|failover');
    const monitor = await ValkeyConnection.open({
      host: '127.0.0.1',
      port: group.sentinels[0].port,
      username: MONITOR_USER,
      password: MONITOR_PASSWORD,
      connectTimeoutMs: 1000,
      commandTimeoutMs: 1000,
    });
    try {
      await expect(
        monitor.command(['SENTINEL', 'FAILOVER', 'mymaster']),
      ).rejects.toMatchObject({ kind: 'no-permission' });
    } finally {
      monitor.close();
    }
  });

  it('fails over, refuses a second failover while it runs, and the next status read shows the new primary', async () => {
    const { status, operations } = services();
    const before = await statusUntil(
      () => status,
      op,
      s => s.health === 'healthy',
    );
    const oldPrimary = (before.topology as SentinelTopology).primary!.address;

    const result = await operations.failover(op);
    expect(result).toMatchObject({
      operation: 'failover',
      previousPrimary: oldPrimary,
      message: `Sentinel started a failover away from ${oldPrimary}`,
    });
    await expect(operations.failover(op)).rejects.toMatchObject({
      name: 'ConflictError',
      message: expect.stringMatching(/still running|already running/),
    });

    // The status cache was dropped: the first read after the operation is a
    // new probe, and the new primary shows within two refreshes.
    const first = await status.status(
      op.entityRef,
      'orders',
      'prod',
      'sentinel',
    );
    expect(first.probedAt >= result.startedAt).toBe(true);
    const after = await statusUntil(
      () => status,
      op,
      s => {
        const t = s.topology as SentinelTopology | undefined;
        return !!t?.primary && t.primary.address !== oldPrimary;
      },
      TWO_REFRESHES_MS,
    );
    expect(after.summary).not.toContain('failover in progress');
  });
});

describe('Sentinel failover refused when no replica is in sync', () => {
  const rules = renderedOperationsRules('sentinel');
  let group: Topology;
  beforeAll(async () => {
    group = await startSentinelGroup({
      replicas: 1,
      sentinels: 1,
      quorum: 1,
      downAfterMs: 500,
      config: [monitoringUserLine('data'), operationsUserLine(rules.data)],
      sentinelConfig: [
        monitoringUserLine('sentinel'),
        operationsUserLine(rules.sentinel!),
      ],
    });
  });
  afterAll(() => group.destroy());

  it('says which replica is not in sync and starts nothing', async () => {
    const replica = group.nodes[1];
    await replica.stop();
    await waitUntil(
      'the Sentinel to see the replica down',
      async () => {
        const reply = await group.sentinels[0].cli([
          'SENTINEL',
          'REPLICAS',
          'mymaster',
        ]);
        return /s_down/.test(reply);
      },
      15_000,
    );
    const { operations } = servicesFor({
      orders: {
        host: '127.0.0.1',
        port: group.nodes[0].port,
        sentinelHost: '127.0.0.1',
        sentinelPort: group.sentinels[0].port,
      },
    });
    await expect(
      operations.failover({
        entityRef: 'resource:default/orders',
        instance: 'orders',
        environment: 'prod',
        mode: 'sentinel',
      }),
    ).rejects.toMatchObject({
      name: 'ConflictError',
      message: `no replica of mymaster is in sync: ${replica.address} is down or disconnected`,
    });
    const primary = await group.sentinels[0].cli([
      'SENTINEL',
      'GET-PRIMARY-ADDR-BY-NAME',
      'mymaster',
    ]);
    expect(primary).toContain(String(group.nodes[0].port));
  });
});

describe('fail over a cluster shard to a chosen replica with the rendered chart operations user', () => {
  const rules = renderedOperationsRules('cluster');
  let cluster: Topology;
  beforeAll(async () => {
    cluster = await startCluster({
      nodes: 6,
      replicasPerPrimary: 1,
      config: [monitoringUserLine('data'), operationsUserLine(rules.data)],
    });
  });
  afterAll(() => cluster.destroy());

  const op = {
    entityRef: 'resource:default/orders',
    instance: 'orders',
    environment: 'prod',
    mode: 'cluster' as const,
  };
  const services = () =>
    servicesFor({ orders: { host: '127.0.0.1', port: cluster.nodes[0].port } });

  it('refuses a primary and an address that is not a node of the instance', async () => {
    const { status, operations } = services();
    const s = await statusUntil(
      () => status,
      op,
      x => x.health === 'healthy',
    );
    const shard = (s.topology as ClusterTopology).shards[0];
    await expect(
      operations.failover(op, shard.nodes[0].address),
    ).rejects.toMatchObject({
      name: 'ConflictError',
      message: `${shard.nodes[0].address} is already the primary of its shard`,
    });
    await expect(
      operations.failover(op, '10.0.0.1:6379'),
    ).rejects.toMatchObject({
      name: 'InputError',
      message: expect.stringMatching(
        /^10\.0\.0\.1:6379 is not a replica of this instance; choose one of: /,
      ),
    });
    await expect(operations.failover(op)).rejects.toMatchObject({
      name: 'InputError',
      message: expect.stringMatching(/^choose the replica that takes over/),
    });
  });

  it('moves the shard to the chosen replica and the next status read shows it', async () => {
    const { status, operations } = services();
    const s = await statusUntil(
      () => status,
      op,
      x => x.health === 'healthy',
    );
    const shard = (s.topology as ClusterTopology).shards[1];
    const [primary, replica] = shard.nodes;
    const result = await operations.failover(op, replica.address);
    expect(result).toMatchObject({
      replica: replica.address,
      previousPrimary: primary.address,
      message: `${replica.address} is taking over its shard from ${primary.address}`,
    });
    await expect(
      operations.failover(op, primary.address),
    ).rejects.toMatchObject({ name: 'ConflictError' });
    const after = await statusUntil(
      () => status,
      op,
      x =>
        (x.topology as ClusterTopology | undefined)?.shards.some(
          sh => sh.nodes[0].address === replica.address,
        ) ?? false,
      TWO_REFRESHES_MS,
    );
    expect(after.probedAt >= result.startedAt).toBe(true);
  });
});
