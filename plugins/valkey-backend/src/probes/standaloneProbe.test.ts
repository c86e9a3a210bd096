import {
  startReplicationGroup,
  startValkeyServer,
  Topology,
  ValkeyServer,
} from '@valkey-backstage/valkey-local';
import {
  MONITOR_PASSWORD,
  MONITOR_USER,
  monitoringUserLine,
} from '../__testUtils__/chartMonitoringAcl';
import {
  allNodes,
  FAST_PROBE_TIMING,
  statusServiceFor,
  statusUntil,
} from '../__testUtils__/statusHarness';

jest.setTimeout(90_000);

const credentials = { username: MONITOR_USER, password: MONITOR_PASSWORD };
const timing = FAST_PROBE_TIMING;
const serviceFor =
  (port: number, extra: object = {}) =>
  () =>
    statusServiceFor({
      ...timing,
      environments: [
        {
          name: 'dev',
          instances: { orders: { host: '127.0.0.1', port } },
          credentials,
          ...extra,
        },
      ],
    });

describe('standalone probe (real valkey-server, chart monitoring user)', () => {
  let server: ValkeyServer;
  beforeAll(async () => {
    server = await startValkeyServer({ config: [monitoringUserLine('data')] });
  });
  afterAll(() => server.destroy());

  it('reports the node, its version and persistence, healthy', async () => {
    const status = await serviceFor(server.port)().status(
      'resource:default/orders',
      'orders',
      'dev',
      'standalone',
    );
    expect(status).toMatchObject({
      mode: 'standalone',
      health: 'healthy',
      problems: [],
    });
    expect(status.topology).toMatchObject({
      kind: 'standalone',
      primary: {
        address: server.address,
        role: 'primary',
        health: 'healthy',
        version: '8.0.1',
      },
      replicas: [],
    });
    const primary =
      status.topology?.kind === 'standalone'
        ? status.topology.primary
        : undefined;
    expect(primary?.persistence).toMatchObject({
      rdbLastBgsaveStatus: 'ok',
      aofEnabled: false,
    });
  });

  it('detects the mode when the entity names none', async () => {
    const status = await serviceFor(server.port)().status(
      'resource:default/orders',
      'orders',
      'dev',
      undefined,
    );
    expect(status.mode).toBe('standalone');
  });

  it('says so in the connection section for a wrong password, and shows no secret', async () => {
    const status = await statusServiceFor({
      ...timing,
      environments: [
        {
          name: 'dev',
          instances: { orders: { host: '127.0.0.1', port: server.port } },
          credentials: { username: MONITOR_USER, password: 'not-the-password' },
        },
      ],
    }).status('resource:default/orders', 'orders', 'dev', 'standalone');
    expect(status.health).toBe('unknown');
    expect(status.problems).toEqual([
      expect.objectContaining({
        section: 'connection',
        kind: 'auth-failed',
        node: server.address,
      }),
    ]);
    expect(JSON.stringify(status)).not.toContain('not-the-password');
  });

  it('answers an unreachable endpoint within the timeout', async () => {
    const closed = await startValkeyServer();
    await closed.destroy();
    const started = Date.now();
    const status = await serviceFor(closed.port)().status(
      'resource:default/orders',
      'orders',
      'dev',
      undefined,
    );
    expect(Date.now() - started).toBeLessThan(
      timing.connectTimeoutMs + timing.commandTimeoutMs + 1000,
    );
    expect(status.health).toBe('down');
    expect(status.problems[0]).toMatchObject({
      section: 'connection',
      kind: 'unreachable',
    });
  });
});

describe('replication probe, 1 primary + 2 replicas', () => {
  let group: Topology;
  beforeAll(async () => {
    group = await startReplicationGroup({
      replicas: 2,
      config: [monitoringUserLine('data')],
    });
  });
  afterAll(() => group.destroy());

  it('shows both replicas with link state, last-IO age and byte lag', async () => {
    await group.nodes[0].cli(['SET', 'k', 'v']);
    const status = await statusUntil(
      serviceFor(group.nodes[0].port),
      { instance: 'orders', environment: 'dev', mode: 'replication' },
      s =>
        allNodes(s).length === 3 &&
        allNodes(s).every(n => n.health === 'healthy'),
    );
    expect(status.health).toBe('healthy');
    if (status.topology?.kind !== 'replication')
      throw new Error('not a replication topology');
    expect(status.topology.primary?.address).toBe(group.nodes[0].address);
    expect(status.topology.replicas.map(r => r.address).sort()).toEqual(
      [group.nodes[1].address, group.nodes[2].address].sort(),
    );
    for (const replica of status.topology.replicas) {
      expect(replica.role).toBe('replica');
      expect(replica.replication).toMatchObject({
        primaryAddress: group.nodes[0].address,
        linkStatus: 'up',
        lagBytes: expect.any(Number),
        lastIoSecondsAgo: expect.any(Number),
      });
      expect(replica.replication!.lagBytes).toBeGreaterThanOrEqual(0);
    }
  });

  it('shows a stopped replica as not healthy and still answers', async () => {
    const replica = group.nodes[2];
    replica.signal('SIGSTOP');
    try {
      const status = await statusUntil(
        serviceFor(group.nodes[0].port),
        { instance: 'orders', environment: 'dev', mode: 'replication' },
        s =>
          allNodes(s).some(
            n => n.address === replica.address && n.health !== 'healthy',
          ),
      );
      expect(status.health).toBe('degraded');
      expect(status.problems).toContainEqual(
        expect.objectContaining({ node: replica.address, kind: 'timeout' }),
      );
    } finally {
      replica.signal('SIGCONT');
    }
  });
});
