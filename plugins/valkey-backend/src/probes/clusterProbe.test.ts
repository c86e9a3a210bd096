import {
  freePort,
  startCluster,
  startValkeyServer,
  Topology,
  valkeyCli,
  ValkeyServer,
  waitForClusterOk,
  waitUntil,
  parseInfo,
} from '@valkey-backstage/valkey-local';
import {
  ClusterTopology,
  InstanceStatus,
} from '@valkey-backstage/plugin-valkey-common';
import {
  chartMonitoringPermissions,
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

jest.setTimeout(180_000);

const timing = FAST_PROBE_TIMING;
const ask = {
  instance: 'orders',
  environment: 'prod',
  mode: 'cluster' as const,
};
const zones = ['zone-a', 'zone-b', 'zone-c'];

describe('cluster probe, 6 nodes (3 primaries + 3 replicas, chart monitoring user)', () => {
  let cluster: Topology;
  let seed: ValkeyServer;

  beforeAll(async () => {
    cluster = await startCluster({
      nodes: 6,
      replicasPerPrimary: 1,
      config: [monitoringUserLine('data')],
    });
    seed = cluster.nodes[0];
    await Promise.all(
      cluster.nodes.map((n, i) =>
        n.cli(['CONFIG', 'SET', 'availability-zone', zones[i % 3]]),
      ),
    );
  });
  afterAll(() => cluster.destroy());

  const serviceFor =
    (username = MONITOR_USER, password = MONITOR_PASSWORD) =>
    () =>
      statusServiceFor({
        ...timing,
        environments: [
          {
            name: 'prod',
            instances: { orders: { host: '127.0.0.1', port: seed.port } },
            credentials: { username, password },
          },
        ],
      });
  const topologyOf = (s: InstanceStatus) => s.topology as ClusterTopology;
  const primaries = (s: InstanceStatus) =>
    topologyOf(s)
      .shards.filter(sh => sh.slots.length > 0)
      .map(sh => sh.nodes[0]);
  const serverAt = (address: string) =>
    cluster.nodes.find(n => n.address === address)!;

  it('shows 3 shards covering every slot, replicas under their primary, zones, asked of every node', async () => {
    const status = await statusUntil(
      serviceFor(),
      ask,
      s => s.health === 'healthy',
    );
    const t = topologyOf(status);
    expect(t).toMatchObject({
      state: 'ok',
      slotsAssigned: 16384,
      slotsOk: 16384,
      size: 3,
      knownNodes: 6,
    });
    expect(t.quorum).toEqual({
      asked: 6,
      answered: 6,
      agreeing: 3,
      primariesAnswering: 3,
      primariesAgreeing: 3,
    });
    expect(t.coverage).toHaveLength(3);
    expect(t.coverage.every(r => r.state === 'ok')).toBe(true);
    expect(t.coverage[0].start).toBe(0);
    expect(t.coverage[2].end).toBe(16383);
    for (const shard of t.shards) {
      expect(shard.nodes.map(n => n.role)).toEqual(['primary', 'replica']);
      const [primary, replica] = shard.nodes;
      expect(replica.replication).toMatchObject({
        primaryAddress: primary.address,
        linkStatus: 'up',
        lagBytes: expect.any(Number),
      });
      expect(primary.persistence?.rdbLastBgsaveStatus).toBe('ok');
    }
    const nodes = allNodes(status);
    expect(nodes.map(n => n.availabilityZone).sort()).toEqual([
      'zone-a',
      'zone-a',
      'zone-b',
      'zone-b',
      'zone-c',
      'zone-c',
    ]);
    expect(status.summary).toBe(
      '3 shards, 16384/16384 slots ok, 6/6 nodes healthy',
    );
  });

  it('shows a slot being migrated', async () => {
    const status = await serviceFor()().status(
      'resource:default/orders',
      'orders',
      'prod',
      'cluster',
    );
    const [from, to] = primaries(status);
    const slot = topologyOf(status).shards.find(s => s.nodes[0].id === from.id)!
      .slots[0].start;
    await serverAt(from.address).cli([
      'CLUSTER',
      'SETSLOT',
      String(slot),
      'MIGRATING',
      to.id,
    ]);
    await serverAt(to.address).cli([
      'CLUSTER',
      'SETSLOT',
      String(slot),
      'IMPORTING',
      from.id,
    ]);
    try {
      const moving = await serviceFor()().status(
        'resource:default/orders',
        'orders',
        'prod',
        'cluster',
      );
      const shard = topologyOf(moving).shards.find(
        s => s.nodes[0].id === from.id,
      )!;
      expect(shard.migrating).toEqual([
        { slot, direction: 'migrating', peerNodeId: to.id },
      ]);
      expect(topologyOf(moving).coverage).toContainEqual(
        expect.objectContaining({ start: slot, end: slot, state: 'migrating' }),
      );
    } finally {
      await serverAt(from.address).cli([
        'CLUSTER',
        'SETSLOT',
        String(slot),
        'STABLE',
      ]);
      await serverAt(to.address).cli([
        'CLUSTER',
        'SETSLOT',
        String(slot),
        'STABLE',
      ]);
    }
  });

  it('reports a monitoring user missing +cluster|shards in the cluster section; topology and persistence still there', async () => {
    const permissions = chartMonitoringPermissions('data')
      .split(/\s+/)
      .filter(p => p !== '+cluster|shards');
    await Promise.all(
      cluster.nodes.map(n =>
        n.cli([
          'ACL',
          'SETUSER',
          'limited',
          'on',
          '>limited-pw',
          ...permissions,
        ]),
      ),
    );
    const status = await serviceFor('limited', 'limited-pw')().status(
      'resource:default/orders',
      'orders',
      'prod',
      'cluster',
    );
    const denied = status.problems.filter(p => p.kind === 'no-permission');
    expect(denied).toHaveLength(6);
    expect(
      denied.every(
        p => p.section === 'cluster' && p.command === 'CLUSTER SHARDS',
      ),
    ).toBe(true);
    const t = topologyOf(status);
    expect(t.coverage.every(r => r.state === 'ok')).toBe(true);
    expect(t.shards).toHaveLength(3);
    expect(allNodes(status)).toHaveLength(6);
    expect(
      allNodes(status).every(n => n.persistence?.rdbLastBgsaveStatus === 'ok'),
    ).toBe(true);
    expect(status.problems.some(p => p.section === 'persistence')).toBe(false);
  });

  it('shows PFAIL for stopped primaries (SIGSTOP) and still answers within the timeout', async () => {
    const healthy = await statusUntil(
      serviceFor(),
      ask,
      s => s.health === 'healthy',
    );
    // Two of three primaries: the one left cannot gather a majority, so the
    // suspicion stays PFAIL instead of turning into FAIL.
    const stopped = primaries(healthy)
      .filter(p => p.address !== seed.address)
      .slice(0, 2)
      .map(p => serverAt(p.address));
    stopped.forEach(n => n.signal('SIGSTOP'));
    try {
      const status = await statusUntil(serviceFor(), ask, s =>
        stopped.every(st =>
          allNodes(s).some(
            n => n.address === st.address && n.flags.includes('fail?'),
          ),
        ),
      );
      expect(status.probeDurationMs).toBeLessThan(
        timing.connectTimeoutMs + timing.commandTimeoutMs + 1000,
      );
      for (const node of stopped) {
        const shown = allNodes(status).find(n => n.address === node.address)!;
        expect(shown.flags).toContain('fail?');
        expect(shown.flags).not.toContain('fail');
        expect(shown.health).toBe('degraded');
        expect(status.problems).toContainEqual(
          expect.objectContaining({ node: node.address, kind: 'timeout' }),
        );
      }
      const t = topologyOf(status);
      expect(t.coverage.filter(r => r.state === 'pfail')).toHaveLength(2);
      expect(t.quorum.answered).toBe(4);
    } finally {
      stopped.forEach(n => n.signal('SIGCONT'));
    }
    await statusUntil(serviceFor(), ask, s => s.health === 'healthy', 60_000);
  });

  /**
   * The serving primaries and their slots as `valkey-cli CLUSTER NODES` of a
   * live node says, `id -> "0-5460"`: what the status must agree with.
   */
  const primariesByCli = async (live: ValkeyServer) => {
    const text = await live.cli(['CLUSTER', 'NODES']);
    const out = new Map<string, string>();
    for (const line of text.trim().split('\n')) {
      const [id, , flags, , , , , , ...slots] = line.trim().split(' ');
      const list = flags.split(',');
      const owned = slots.filter(x => /^\d+(-\d+)?$/.test(x));
      if (list.includes('master') && !list.includes('fail') && owned.length) {
        out.set(id, owned.join(','));
      }
    }
    return out;
  };
  const primariesByStatus = (s: InstanceStatus) =>
    new Map(
      topologyOf(s)
        .shards.filter(
          sh =>
            sh.slots.length > 0 &&
            sh.nodes[0].role === 'primary' &&
            !sh.nodes[0].flags.includes('fail'),
        )
        .map(sh => [
          sh.nodes[0].id,
          sh.slots
            .map(r =>
              r.start === r.end ? `${r.start}` : `${r.start}-${r.end}`,
            )
            .join(','),
        ]),
    );

  it('keeps answering when the configured seed is frozen (SIGSTOP): names it, shows the other five, its slots FAIL as the primaries say, then agrees with CLUSTER NODES after the failover', async () => {
    // One service for the whole test: it remembers the nodes of the last good probe.
    const service = serviceFor()();
    const same = () => service;
    const before = await statusUntil(same, ask, s => s.health === 'healthy');
    const seedId = (await seed.cli(['CLUSTER', 'MYID'])).trim();
    const seedShard = topologyOf(before).shards.find(
      sh => sh.nodes[0].id === seedId,
    )!;
    expect(seedShard).toBeDefined();
    const replica = serverAt(seedShard.nodes[1].address);
    // Hold the failover back, so the FAIL state can be observed for certain.
    await replica.cli(['CONFIG', 'SET', 'cluster-replica-no-failover', 'yes']);
    // An idle replica has not heard data from its primary for long; without
    // this it may refuse to take over ("disconnected for longer than allowed").
    await replica.cli([
      'CONFIG',
      'SET',
      'cluster-replica-validity-factor',
      '0',
    ]);
    seed.signal('SIGSTOP');
    try {
      const frozen = await statusUntil(same, ask, s =>
        allNodes(s).some(n => n.id === seedId && n.unreachable === true),
      );
      expect(frozen.probeDurationMs).toBeLessThan(
        timing.connectTimeoutMs + timing.commandTimeoutMs + 1000,
      );
      expect(frozen.problems).toContainEqual(
        expect.objectContaining({
          section: 'connection',
          kind: 'timeout',
          node: seed.address,
        }),
      );
      expect(frozen.summary).toContain('1 not answering');
      // Degraded while the cluster still serves every slot, down once its
      // slots are FAIL: never healthy with a node that does not answer.
      expect(['degraded', 'down']).toContain(frozen.health);
      const others = allNodes(frozen).filter(n => n.id !== seedId);
      expect(others).toHaveLength(5);
      for (const node of others) {
        expect(node.unreachable).toBeUndefined();
        expect(node.persistence?.rdbLastBgsaveStatus).toBe('ok');
      }
      expect(topologyOf(frozen).quorum).toMatchObject({
        asked: 6,
        answered: 5,
      });

      const failed = await statusUntil(same, ask, s =>
        allNodes(s).some(n => n.id === seedId && n.flags.includes('fail')),
      );
      const shown = allNodes(failed).find(n => n.id === seedId)!;
      expect(shown).toMatchObject({ unreachable: true, health: 'down' });
      const failedShard = topologyOf(failed).shards.find(
        sh => sh.nodes[0].id === seedId,
      )!;
      expect(failedShard.slots).toEqual(seedShard.slots);
      for (const range of failedShard.slots) {
        expect(topologyOf(failed).coverage).toContainEqual(
          expect.objectContaining({ ...range, state: 'fail' }),
        );
      }
      expect(failed.problems).toContainEqual(
        expect.objectContaining({
          section: 'topology',
          node: shown.address,
          message: expect.stringContaining('FAIL'),
        }),
      );

      await replica.cli(['CONFIG', 'SET', 'cluster-replica-no-failover', 'no']);
      const after = await statusUntil(
        same,
        ask,
        s =>
          topologyOf(s).state === 'ok' &&
          topologyOf(s).coverage.every(r => r.state === 'ok'),
        60_000,
      );
      const promoted = topologyOf(after).shards.find(sh =>
        sh.nodes.some(n => n.id === seedId),
      )!;
      expect(promoted.id).toBe(seedShard.id);
      expect(promoted.nodes[0]).toMatchObject({
        address: replica.address,
        role: 'primary',
        health: 'healthy',
      });
      expect(primariesByStatus(after)).toEqual(await primariesByCli(replica));
      expect(after.problems).toContainEqual(
        expect.objectContaining({ kind: 'timeout', node: seed.address }),
      );
    } finally {
      seed.signal('SIGCONT');
      await replica.cli(['CONFIG', 'SET', 'cluster-replica-no-failover', 'no']);
      await replica.cli([
        'CONFIG',
        'SET',
        'cluster-replica-validity-factor',
        '10',
      ]);
    }
    const back = await statusUntil(
      same,
      ask,
      s => s.health === 'healthy',
      60_000,
    );
    expect(allNodes(back).find(n => n.id === seedId)).toMatchObject({
      role: 'replica',
      health: 'healthy',
    });
  });

  it('after kill -9 of a primary: the node shows as failed, its replica is promoted, slots covered again', async () => {
    const before = await statusUntil(
      serviceFor(),
      ask,
      s => s.health === 'healthy',
    );
    // Not the seed nor its shard's primary: the seed keeps a live partner
    // for the test that kills it next.
    const victimNode = primaries(before).find(
      p =>
        p.address !== seed.address &&
        !topologyOf(before)
          .shards.find(sh => sh.nodes[0].id === p.id)!
          .nodes.some(n => n.address === seed.address),
    )!;
    const replicaId = topologyOf(before).shards.find(
      s => s.nodes[0].id === victimNode.id,
    )!.nodes[1].id;
    const slots = topologyOf(before).shards.find(
      s => s.nodes[0].id === victimNode.id,
    )!.slots;
    serverAt(victimNode.address).signal('SIGKILL');

    const status = await statusUntil(
      serviceFor(),
      ask,
      s =>
        topologyOf(s).state === 'ok' &&
        topologyOf(s).coverage.every(r => r.state === 'ok') &&
        topologyOf(s).shards.some(
          sh => sh.nodes[0].id === replicaId && sh.nodes[0].role === 'primary',
        ),
      60_000,
    );
    const shard = topologyOf(status).shards.find(
      sh => sh.nodes[0].id === replicaId,
    )!;
    expect(shard.slots).toEqual(slots);
    expect(shard.nodes[0]).toMatchObject({
      role: 'primary',
      health: 'healthy',
    });
    const failed = allNodes(status).find(n => n.id === victimNode.id)!;
    expect(failed.flags).toContain('fail');
    expect(failed.health).toBe('down');
    expect(topologyOf(status).coverage.every(r => r.state === 'ok')).toBe(true);
    expect(topologyOf(status).slotsOk).toBe(16384);
    expect(status.health).toBe('degraded');
    expect(status.problems).toContainEqual(
      expect.objectContaining({
        section: 'topology',
        node: victimNode.address,
        kind: 'unhealthy',
      }),
    );
    // The promoted node's own INFO agrees.
    const promoted = cluster.nodes.find(
      n => shard.nodes[0].address === n.address,
    )!;
    await waitUntil(
      'promoted node reports role master',
      async () =>
        parseInfo(await promoted.cli(['INFO', 'replication'])).role ===
        'master',
      5000,
    );
  });

  it('keeps answering when the configured seed is killed (SIGKILL): names it unreachable, shows the others, and agrees with CLUSTER NODES', async () => {
    const service = serviceFor()();
    const same = () => service;
    const before = await statusUntil(
      same,
      ask,
      s =>
        topologyOf(s).state === 'ok' &&
        allNodes(s).some(n => n.address === seed.address && !n.unreachable),
    );
    const seedId = allNodes(before).find(n => n.address === seed.address)!.id;
    const live = cluster.nodes.find(
      n =>
        n !== seed &&
        allNodes(before).some(
          m => m.address === n.address && m.health === 'healthy',
        ),
    )!;
    // The entity may name no mode: the last good probe's mode is remembered.
    const autoAsk = { ...ask, mode: undefined };
    const detected = await statusUntil(
      same,
      autoAsk,
      s => s.mode === 'cluster',
    );
    expect(detected.topology?.kind).toBe('cluster');
    seed.signal('SIGKILL');
    const status = await statusUntil(
      same,
      ask,
      s =>
        allNodes(s).some(n => n.id === seedId && n.flags.includes('fail')) &&
        topologyOf(s).coverage.every(r => r.state === 'ok'),
      60_000,
    );
    expect(status.problems).toContainEqual(
      expect.objectContaining({
        section: 'connection',
        kind: 'unreachable',
        node: seed.address,
      }),
    );
    expect(allNodes(status).find(n => n.id === seedId)).toMatchObject({
      unreachable: true,
      health: 'down',
    });
    const answering = allNodes(status).filter(n => !n.unreachable);
    expect(answering.length).toBeGreaterThanOrEqual(4);
    expect(answering.every(n => n.persistence !== undefined)).toBe(true);
    expect(primariesByStatus(status)).toEqual(await primariesByCli(live));
    // Without a mode, the dead seed cannot say what it is; the status is
    // still the cluster's, from the other nodes.
    const auto = await same().status(
      'resource:default/orders',
      'orders',
      'prod',
      undefined,
    );
    expect(auto.mode).toBe('cluster');
    expect(primariesByStatus(auto)).toEqual(primariesByStatus(status));
    expect(status.probeDurationMs).toBeLessThan(
      timing.connectTimeoutMs + timing.commandTimeoutMs + 1000,
    );
  });
});

describe('cluster probe with per-pod addresses from config (6 pods on 127.0.0.20-25, one port)', () => {
  // Each "pod" has its own loopback address and the same port, as pods behind
  // a headless Service do; the pattern names them by index.
  const pods: ValkeyServer[] = [];
  let port: number;
  beforeAll(async () => {
    do port = await freePort();
    while (port + 10000 > 65535);
    for (let i = 0; i < 6; i++) {
      const host = `127.0.0.2${i}`;
      pods.push(
        await startValkeyServer({
          host,
          port,
          config: [
            'cluster-enabled yes',
            'cluster-config-file nodes.conf',
            'cluster-node-timeout 2000',
            // As the chart's pods announce their own address.
            `cluster-announce-ip ${host}`,
            `bind-source-addr ${host}`,
            monitoringUserLine('data'),
          ],
        }),
      );
    }
    await valkeyCli(
      pods[0],
      [
        '--cluster',
        'create',
        ...pods.map(n => n.address),
        '--cluster-replicas',
        '1',
        '--cluster-yes',
      ],
      {},
      60_000,
    );
    await waitForClusterOk(pods);
  });
  afterAll(() => Promise.all(pods.map(n => n.destroy())));

  const withPattern = () =>
    statusServiceFor({
      ...timing,
      environments: [
        {
          name: 'prod',
          host: '127.0.0.20',
          port,
          nodes: { host: '127.0.0.2{index}', count: 6 },
          credentials: { username: MONITOR_USER, password: MONITOR_PASSWORD },
        },
      ],
    });

  it('with the seed frozen on a first probe (nothing known yet), asks the pods the pattern names and shows the cluster', async () => {
    const [seed] = pods;
    seed.signal('SIGSTOP');
    try {
      const status = await withPattern().status(
        'resource:default/orders',
        'orders',
        'prod',
        'cluster',
      );
      // One command timeout for the seed, then the pods answer at once.
      expect(status.probeDurationMs).toBeLessThan(
        timing.connectTimeoutMs + timing.commandTimeoutMs + 1000,
      );
      expect(status.problems).toContainEqual(
        expect.objectContaining({
          section: 'connection',
          kind: 'timeout',
          node: seed.address,
        }),
      );
      const t = status.topology as ClusterTopology;
      expect(t.shards.filter(sh => sh.slots.length > 0)).toHaveLength(3);
      const shown = allNodes(status);
      expect(shown.map(n => n.address).sort()).toEqual(
        pods.map(n => n.address).sort(),
      );
      expect(shown.find(n => n.address === seed.address)).toMatchObject({
        unreachable: true,
      });
      expect(
        shown
          .filter(n => n.address !== seed.address)
          .every(n => !n.unreachable && n.persistence !== undefined),
      ).toBe(true);
      expect(t.quorum).toMatchObject({ asked: 6, answered: 5 });
    } finally {
      seed.signal('SIGCONT');
    }
    const healthy = await statusUntil(
      withPattern,
      { instance: 'orders', environment: 'prod', mode: 'cluster' },
      s => s.health === 'healthy',
      60_000,
    );
    expect(allNodes(healthy)).toHaveLength(6);
  });
});
