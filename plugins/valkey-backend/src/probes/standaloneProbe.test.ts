import net from 'node:net';
import {
  freePort,
  parseInfo,
  startReplicationGroup,
  startValkeyServer,
  Topology,
  ValkeyServer,
  waitForReplicasOnline,
  waitUntil,
} from '@valkey-backstage/valkey-local';
import {
  InstanceStatus,
  ReplicationTopology,
} from '@valkey-backstage/plugin-valkey-common';
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

  const primaryOf = (status: InstanceStatus) =>
    (status.topology as ReplicationTopology).primary!;

  it('reports the runtime figures INFO gives: memory vs limit and policy, evicted/expired keys, hits, ops/s, clients, version, uptime', async () => {
    await server.cli(['CONFIG', 'SET', 'maxmemory', '64mb']);
    await server.cli(['CONFIG', 'SET', 'maxmemory-policy', 'allkeys-lru']);
    await server.cli(['SET', 'present', 'v']);
    await server.cli(['GET', 'present']);
    await server.cli(['GET', 'present']);
    await server.cli(['GET', 'absent']);
    await server.cli(['SET', 'short-lived', 'v', 'PX', '1']);
    await waitUntil(
      'the short-lived key to expire',
      async () =>
        Number(parseInfo(await server.cli(['INFO', 'stats'])).expired_keys) >=
        1,
      5000,
    );
    // A client blocked in BLPOP, seen by INFO and by the probe alike.
    const blocked = net.connect(server.port, '127.0.0.1');
    blocked.write('*3\r\n$5\r\nBLPOP\r\n$7\r\nnothing\r\n$1\r\n0\r\n');
    try {
      await waitUntil(
        'the BLPOP client to block',
        async () =>
          parseInfo(await server.cli(['INFO', 'clients'])).blocked_clients ===
          '1',
        5000,
      );
      const status = await serviceFor(server.port)().status(
        'resource:default/orders',
        'orders',
        'dev',
        'standalone',
      );
      const info = parseInfo(await server.cli(['INFO']));
      const primary = primaryOf(status);
      const n = (key: string) => Number(info[key]);
      expect(primary.runtime).toMatchObject({
        maxMemoryBytes: 64 * 1024 * 1024,
        maxMemoryPolicy: 'allkeys-lru',
        evictedKeys: n('evicted_keys'),
        expiredKeys: n('expired_keys'),
        keyspaceHits: n('keyspace_hits'),
        keyspaceMisses: n('keyspace_misses'),
        blockedClients: 1,
        rejectedConnections: n('rejected_connections'),
        maxClients: n('maxclients'),
        // valkey-cli's connection then, the probe's now; plus the blocked one.
        connectedClients: n('connected_clients'),
      });
      expect(primary.runtime!.keyspaceHits).toBe(2);
      expect(primary.runtime!.keyspaceMisses).toBe(1);
      expect(primary.runtime!.expiredKeys).toBeGreaterThanOrEqual(1);
      expect(primary.runtime!.opsPerSecond).toEqual(expect.any(Number));
      // used_memory moves by a few kB with every connection's buffers.
      expect(
        Math.abs(primary.runtime!.usedMemoryBytes! - n('used_memory')),
      ).toBeLessThan(n('used_memory') * 0.05);
      expect(primary.version).toBe(info.valkey_version);
      expect(
        Math.abs(primary.uptimeSeconds! - n('uptime_in_seconds')),
      ).toBeLessThanOrEqual(2);
      expect(status.runtime).toMatchObject({
        nodes: 1,
        maxMemoryBytes: 64 * 1024 * 1024,
        keyspaceHits: 2,
        keyspaceMisses: 1,
        hitRatio: 2 / 3,
        blockedClients: 1,
      });
    } finally {
      blocked.destroy();
      await server.cli(['CONFIG', 'SET', 'maxmemory', '0']);
    }
  });

  it('says when nothing was saved since start (saving off, AOF off), then reports the real save once there is one', async () => {
    const fresh = await startValkeyServer({
      config: [monitoringUserLine('data')],
    });
    try {
      const unsaved = primaryOf(
        await serviceFor(fresh.port)().status(
          'resource:default/orders',
          'orders',
          'dev',
          'standalone',
        ),
      );
      const info = parseInfo(await fresh.cli(['INFO', 'persistence']));
      expect(info.rdb_saves).toBe('0');
      expect(unsaved.persistence).toMatchObject({
        rdbSaves: 0,
        aofEnabled: false,
        // With no save yet, Valkey reports its start time here.
        rdbLastSaveTime: Number(info.rdb_last_save_time),
      });

      await fresh.cli(['SET', 'k', 'v']);
      await fresh.cli(['BGSAVE']);
      await waitUntil(
        'the BGSAVE to finish',
        async () =>
          parseInfo(await fresh.cli(['INFO', 'persistence'])).rdb_saves === '1',
        10_000,
      );
      await fresh.cli(['CONFIG', 'SET', 'appendonly', 'yes']);
      // Turning AOF on starts a rewrite; its figures settle when it is done.
      await waitUntil(
        'AOF to be on and its first rewrite done',
        async () => {
          const p = parseInfo(await fresh.cli(['INFO', 'persistence']));
          return (
            p.aof_enabled === '1' &&
            p.aof_rewrite_in_progress === '0' &&
            p.aof_rewrite_scheduled === '0'
          );
        },
        10_000,
      );
      const saved = primaryOf(
        await serviceFor(fresh.port)().status(
          'resource:default/orders',
          'orders',
          'dev',
          'standalone',
        ),
      );
      const after = parseInfo(await fresh.cli(['INFO', 'persistence']));
      expect(after.rdb_saves).toBe('1');
      expect(saved.persistence).toMatchObject({
        rdbSaves: 1,
        rdbLastBgsaveStatus: 'ok',
        rdbChangesSinceLastSave: Number(after.rdb_changes_since_last_save),
        aofEnabled: true,
        rdbLastSaveTime: Number(after.rdb_last_save_time),
      });
      expect(saved.persistence!.rdbLastSaveTime!).toBeGreaterThanOrEqual(
        Math.floor(Date.now() / 1000) - 10,
      );
    } finally {
      await fresh.destroy();
    }
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

  it('keeps answering when the primary is frozen (SIGSTOP): names it, shows it unreachable and both replicas from their own INFO', async () => {
    // One service: it remembers the replicas of the last good probe.
    const service = serviceFor(group.nodes[0].port)();
    const same = () => service;
    const ask = {
      instance: 'orders',
      environment: 'dev',
      mode: 'replication' as const,
    };
    await statusUntil(
      same,
      ask,
      s => allNodes(s).length === 3 && s.health === 'healthy',
    );
    const primary = group.nodes[0];
    primary.signal('SIGSTOP');
    try {
      const status = await statusUntil(same, ask, s =>
        allNodes(s).some(
          n => n.address === primary.address && n.unreachable === true,
        ),
      );
      expect(status.probeDurationMs).toBeLessThan(
        timing.connectTimeoutMs + timing.commandTimeoutMs + 1000,
      );
      expect(status.problems).toContainEqual(
        expect.objectContaining({
          section: 'connection',
          kind: 'timeout',
          node: primary.address,
        }),
      );
      const t = status.topology as ReplicationTopology;
      expect(t.primary).toMatchObject({
        address: primary.address,
        role: 'primary',
        health: 'down',
        unreachable: true,
      });
      expect(t.replicas.map(r => r.address).sort()).toEqual(
        [group.nodes[1].address, group.nodes[2].address].sort(),
      );
      for (const replica of t.replicas) {
        expect(replica.unreachable).toBeUndefined();
        expect(replica.role).toBe('replica');
        expect(replica.replication?.primaryAddress).toBe(primary.address);
        expect(replica.persistence).toBeDefined();
        expect(replica.runtime?.connectedClients).toEqual(expect.any(Number));
      }
      expect(status.health).not.toBe('healthy');
      expect(status.summary).toContain('1 not answering');
    } finally {
      primary.signal('SIGCONT');
    }
    await statusUntil(same, ask, s => s.health === 'healthy', 30_000);
  });

  it('keeps answering when the primary is killed: names it unreachable, shows the replicas with their link down', async () => {
    const service = serviceFor(group.nodes[0].port)();
    const same = () => service;
    const ask = {
      instance: 'orders',
      environment: 'dev',
      mode: 'replication' as const,
    };
    await statusUntil(
      same,
      ask,
      s => allNodes(s).length === 3 && s.health === 'healthy',
    );
    const primary = group.nodes[0];
    primary.signal('SIGKILL');
    const status = await statusUntil(same, ask, s => {
      const t = s.topology as ReplicationTopology | undefined;
      return (
        !!t?.primary?.unreachable &&
        t.replicas.length === 2 &&
        t.replicas.every(r => r.replication?.linkStatus === 'down')
      );
    });
    expect(status.problems).toContainEqual(
      expect.objectContaining({
        section: 'connection',
        kind: 'unreachable',
        node: primary.address,
      }),
    );
    const t = status.topology as ReplicationTopology;
    expect(t.primary).toMatchObject({ health: 'down', unreachable: true });
    for (const replica of t.replicas) {
      expect(replica.health).toBe('degraded');
      const own = parseInfo(
        await group.nodes
          .find(n => n.address === replica.address)!
          .cli(['INFO', 'replication']),
      );
      expect(own.master_link_status).toBe('down');
    }
    expect(status.health).toBe('down');
  });
});

describe('replication probe with per-pod addresses from config (pods on 127.0.0.10-12, one port)', () => {
  // Each "pod" has its own loopback address and the same port, as pods behind
  // a headless Service do; the pattern names them by index.
  let nodes: ValkeyServer[] = [];
  let port: number;
  beforeAll(async () => {
    port = await freePort();
    const primary = await startValkeyServer({
      host: '127.0.0.10',
      port,
      config: [monitoringUserLine('data')],
    });
    nodes = [primary];
    for (const host of ['127.0.0.11', '127.0.0.12']) {
      nodes.push(
        await startValkeyServer({
          host,
          port,
          config: [
            `replicaof 127.0.0.10 ${port}`,
            // As the chart's pods announce their own address.
            `replica-announce-ip ${host}`,
            monitoringUserLine('data'),
          ],
        }),
      );
    }
    await waitForReplicasOnline(primary, 2);
  });
  afterAll(() => Promise.all(nodes.map(n => n.destroy())));

  const withPattern = () =>
    statusServiceFor({
      ...timing,
      environments: [
        {
          name: 'dev',
          host: '127.0.0.10',
          port,
          nodes: { host: '127.0.0.1{index}', count: 3 },
          credentials,
        },
      ],
    });
  const ask = {
    instance: 'orders',
    environment: 'dev',
    mode: 'replication' as const,
  };

  it('with the primary frozen on a first probe (nothing known yet), finds the replicas through the pattern and does not list the primary pod as a replica', async () => {
    const [primary, ...replicas] = nodes;
    primary.signal('SIGSTOP');
    try {
      // A new service: no earlier probe, so only config can name the replicas.
      const status = await withPattern().status(
        'resource:default/orders',
        'orders',
        'dev',
        'replication',
      );
      expect(status.probeDurationMs).toBeLessThan(
        2 * (timing.connectTimeoutMs + timing.commandTimeoutMs) + 1000,
      );
      expect(status.problems).toContainEqual(
        expect.objectContaining({
          section: 'connection',
          kind: 'timeout',
          node: primary.address,
        }),
      );
      const t = status.topology as ReplicationTopology;
      expect(t.primary).toMatchObject({
        address: primary.address,
        unreachable: true,
        health: 'down',
      });
      expect(t.replicas.map(r => r.address).sort()).toEqual(
        replicas.map(r => r.address).sort(),
      );
      for (const replica of t.replicas) {
        expect(replica.replication?.primaryAddress).toBe(primary.address);
        expect(replica.persistence).toBeDefined();
      }
    } finally {
      primary.signal('SIGCONT');
    }
    const healthy = await statusUntil(
      withPattern,
      ask,
      s => s.health === 'healthy',
    );
    expect(allNodes(healthy)).toHaveLength(3);
  });
});
