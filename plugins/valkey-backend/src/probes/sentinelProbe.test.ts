import {
  freePort,
  startReplicationGroup,
  startSentinelGroup,
  startValkeyServer,
  Topology,
  ValkeyServer,
  waitUntil,
} from '@valkey-backstage/valkey-local';
import { SentinelTopology } from '@valkey-backstage/plugin-valkey-common';
import {
  MONITOR_PASSWORD,
  MONITOR_USER,
  monitoringUserLine,
} from '../__testUtils__/chartMonitoringAcl';
import {
  FAST_PROBE_TIMING,
  statusServiceFor,
  statusUntil,
} from '../__testUtils__/statusHarness';

jest.setTimeout(120_000);

const timing = FAST_PROBE_TIMING;
const ask = {
  instance: 'orders',
  environment: 'prod',
  mode: 'sentinel' as const,
};

describe('sentinel probe, 1 primary + 2 replicas + 3 Sentinels (chart monitoring user)', () => {
  let group: Topology;
  let limited: Topology | undefined;
  beforeAll(async () => {
    group = await startSentinelGroup({
      replicas: 2,
      sentinels: 3,
      downAfterMs: 1000,
      config: [monitoringUserLine('data')],
      sentinelConfig: [monitoringUserLine('sentinel')],
    });
  });
  afterAll(async () => {
    await group.destroy();
    await limited?.destroy();
  });

  const serviceFor = (g: Topology) => () =>
    statusServiceFor({
      ...timing,
      environments: [
        {
          name: 'prod',
          instances: {
            orders: {
              host: '127.0.0.1',
              port: g.nodes[0].port,
              sentinelHost: '127.0.0.1',
              sentinelPort: g.sentinels[0].port,
            },
          },
          credentials: { username: MONITOR_USER, password: MONITOR_PASSWORD },
        },
      ],
    });

  const topologyOf = (s: { topology?: unknown }) =>
    s.topology as SentinelTopology;

  it('shows primary, replicas with lag, Sentinels and a passing CKQUORUM', async () => {
    const status = await statusUntil(
      serviceFor(group),
      ask,
      s => s.health === 'healthy',
    );
    const t = topologyOf(status);
    expect(t.kind).toBe('sentinel');
    expect(t.primary).toMatchObject({
      address: group.nodes[0].address,
      role: 'primary',
      health: 'healthy',
    });
    expect(t.replicas.map(r => r.address).sort()).toEqual(
      group.nodes
        .slice(1)
        .map(n => n.address)
        .sort(),
    );
    for (const r of t.replicas) {
      expect(r.replication).toMatchObject({
        linkStatus: 'up',
        lagBytes: expect.any(Number),
      });
      expect(r.persistence?.rdbLastBgsaveStatus).toBe('ok');
    }
    expect(t.sentinels).toHaveLength(3);
    expect(t.sentinels.every(s => s.health === 'healthy' && !s.stale)).toBe(
      true,
    );
    expect(t.quorum).toMatchObject({
      ok: true,
      required: 2,
      usableSentinels: 3,
    });
    expect(t.quorum.text).toMatch(/^OK 3 usable Sentinels/);
    expect(t).toMatchObject({ failoverInProgress: false, tilt: false });
  });

  it('reports a missing permission in the sentinel section, the rest still there', async () => {
    limited = await startSentinelGroup({
      replicas: 1,
      sentinels: 1,
      quorum: 1,
      config: [monitoringUserLine('data')],
      sentinelConfig: [
        monitoringUserLine('sentinel', { without: '+sentinel|ckquorum' }),
      ],
    });
    const status = await serviceFor(limited)().status(
      'resource:default/orders',
      'orders',
      'prod',
      'sentinel',
    );
    expect(status.problems).toContainEqual(
      expect.objectContaining({
        section: 'sentinel',
        kind: 'no-permission',
        command: 'SENTINEL CKQUORUM',
      }),
    );
    expect(
      status.problems.filter(p => p.kind === 'no-permission'),
    ).toHaveLength(1);
    const t = topologyOf(status);
    expect(t.primary).toMatchObject({ health: 'healthy', role: 'primary' });
    expect(t.primary?.persistence?.rdbLastBgsaveStatus).toBe('ok');
    expect(t.replicas).toHaveLength(1);
    expect(t.quorum.ok).toBe(false);
  });

  it('shows NOQUORUM and the stopped Sentinels as stale when 2 of 3 are stopped', async () => {
    await group.sentinels[1].stop();
    await group.sentinels[2].stop();
    const status = await statusUntil(
      serviceFor(group),
      ask,
      s =>
        topologyOf(s).sentinels.filter(n => n.stale).length === 2 &&
        !topologyOf(s).quorum.ok,
    );
    const t = topologyOf(status);
    expect(t.quorum.ok).toBe(false);
    expect(t.quorum.text).toMatch(/^NOQUORUM/);
    expect(t.quorum.usableSentinels).toBe(1);
    const stale = t.sentinels.filter(s => s.stale);
    expect(stale.map(s => s.address).sort()).toEqual(
      [group.sentinels[1].address, group.sentinels[2].address].sort(),
    );
    expect(
      stale.every(s => s.health === 'down' && s.flags.includes('s_down')),
    ).toBe(true);
    expect(status.health).toBe('degraded');
    expect(status.summary).toContain('NOQUORUM');
    expect(t.primary?.health).toBe('healthy');
  });
});

describe('sentinel probe when one Sentinel or the primary fails (1 primary + 2 replicas + 3 Sentinels)', () => {
  let group: Topology;
  beforeAll(async () => {
    group = await startSentinelGroup({
      replicas: 2,
      sentinels: 3,
      downAfterMs: 1000,
      failoverTimeoutMs: 5000,
      config: [monitoringUserLine('data')],
      sentinelConfig: [monitoringUserLine('sentinel')],
    });
  });
  afterAll(() => group.destroy());

  const serviceFor = () =>
    statusServiceFor({
      ...timing,
      environments: [
        {
          name: 'prod',
          instances: {
            orders: {
              host: '127.0.0.1',
              port: group.nodes[0].port,
              sentinelHost: '127.0.0.1',
              sentinelPort: group.sentinels[0].port,
            },
          },
          credentials: { username: MONITOR_USER, password: MONITOR_PASSWORD },
        },
      ],
    });
  const topologyOf = (s: { topology?: unknown }) =>
    s.topology as SentinelTopology;
  // One service per test: it remembers the Sentinels of the last good probe.
  let service: ReturnType<typeof serviceFor>;
  const same = () => service;
  beforeEach(() => {
    service = serviceFor();
  });

  it('asks the next Sentinel when the configured one is frozen (SIGSTOP), names it and shows it unreachable', async () => {
    await statusUntil(same, ask, s => s.health === 'healthy');
    const [first, second, third] = group.sentinels;
    first.signal('SIGSTOP');
    try {
      const status = await statusUntil(same, ask, s =>
        topologyOf(s)?.sentinels.some(
          n => n.address === first.address && n.unreachable === true,
        ),
      );
      // One timeout for the silent Sentinel, then the next one answers.
      expect(status.probeDurationMs).toBeLessThan(
        2 * (timing.connectTimeoutMs + timing.commandTimeoutMs) + 1000,
      );
      expect(status.problems).toContainEqual(
        expect.objectContaining({
          section: 'connection',
          kind: 'timeout',
          node: first.address,
        }),
      );
      const t = topologyOf(status);
      expect(
        t.sentinels.find(n => n.flags.includes('myself'))?.address,
      ).toMatch(new RegExp(`^127\\.0\\.0\\.1:(${second.port}|${third.port})$`));
      expect(t.sentinels.map(n => n.address).sort()).toEqual(
        group.sentinels.map(n => n.address).sort(),
      );
      expect(t.primary).toMatchObject({
        address: group.nodes[0].address,
        health: 'healthy',
      });
      expect(t.replicas).toHaveLength(2);
      expect(t.quorum.ok).toBe(true);
    } finally {
      first.signal('SIGCONT');
    }
  });

  it('asks the next Sentinel when the configured one is killed, and after a primary freeze agrees with the Sentinels on the new primary', async () => {
    await statusUntil(
      same,
      ask,
      s => topologyOf(s)?.primary?.health === 'healthy',
    );
    const [first, second] = group.sentinels;
    first.signal('SIGKILL');
    const status = await statusUntil(same, ask, s =>
      topologyOf(s)?.sentinels.some(
        n => n.address === first.address && n.health === 'down',
      ),
    );
    expect(status.problems).toContainEqual(
      expect.objectContaining({
        section: 'connection',
        kind: 'unreachable',
        node: first.address,
      }),
    );
    expect(topologyOf(status).primary?.address).toBe(group.nodes[0].address);

    const oldPrimary = group.nodes[0];
    oldPrimary.signal('SIGSTOP');
    try {
      const after = await statusUntil(
        same,
        ask,
        s =>
          !!topologyOf(s)?.primary &&
          topologyOf(s).primary!.address !== oldPrimary.address &&
          topologyOf(s).primary!.health === 'healthy' &&
          !topologyOf(s).failoverInProgress,
        60_000,
      );
      const byCli = (
        await second.cli(['SENTINEL', 'GET-PRIMARY-ADDR-BY-NAME', 'mymaster'])
      )
        .trim()
        .split('\n')
        .map(l => l.trim());
      expect(topologyOf(after).primary!.address).toBe(
        `${byCli[0]}:${byCli[1]}`,
      );
      const own = await group.nodes
        .find(n => n.address === topologyOf(after).primary!.address)!
        .cli(['ROLE']);
      expect(own.trim().split('\n')[0]).toBe('master');
      // Sentinel keeps the frozen old primary as a replica: down, either
      // because Sentinel flags it already (stale) or because it does not answer.
      const old = topologyOf(after).replicas.find(
        n => n.address === oldPrimary.address,
      );
      expect(old?.health).toBe('down');
      expect(old!.stale === true || old!.unreachable === true).toBe(true);
    } finally {
      oldPrimary.signal('SIGCONT');
    }
  });
});

describe('sentinel probe with per-pod Sentinel addresses from config (3 Sentinels on 127.0.0.30-32, one port)', () => {
  let group: Topology;
  const sentinels: ValkeyServer[] = [];
  beforeAll(async () => {
    group = await startReplicationGroup({
      replicas: 1,
      config: [monitoringUserLine('data')],
    });
    const port = await freePort();
    for (let i = 0; i < 3; i++) {
      const host = `127.0.0.3${i}`;
      sentinels.push(
        await startValkeyServer({
          host,
          port,
          sentinel: true,
          config: [
            `sentinel monitor mymaster 127.0.0.1 ${group.nodes[0].port} 2`,
            'sentinel down-after-milliseconds mymaster 1000',
            // As the chart's Sentinel pods announce their own address.
            `sentinel announce-ip ${host}`,
            monitoringUserLine('sentinel'),
          ],
        }),
      );
    }
    await waitUntil(
      'the Sentinels to discover each other',
      async () => {
        for (const s of sentinels) {
          const fields = (await s.cli(['SENTINEL', 'MASTER', 'mymaster']))
            .split('\n')
            .map(l => l.trim());
          if (Number(fields[fields.indexOf('num-other-sentinels') + 1]) < 2)
            return false;
        }
        return true;
      },
      30_000,
    );
  });
  afterAll(async () => {
    await Promise.all(sentinels.map(s => s.destroy()));
    await group?.destroy();
  });

  it('with the configured Sentinel frozen on a first probe (nothing known yet), asks the Sentinel pods the pattern names', async () => {
    const [first] = sentinels;
    first.signal('SIGSTOP');
    try {
      const status = await statusServiceFor({
        ...timing,
        environments: [
          {
            name: 'prod',
            host: '127.0.0.1',
            port: group.nodes[0].port,
            sentinelHost: '127.0.0.30',
            sentinelPort: first.port,
            sentinels: { host: '127.0.0.3{index}', count: 3 },
            credentials: {
              username: MONITOR_USER,
              password: MONITOR_PASSWORD,
            },
          },
        ],
      }).status('resource:default/orders', 'orders', 'prod', 'sentinel');
      expect(status.problems).toContainEqual(
        expect.objectContaining({
          section: 'connection',
          kind: 'timeout',
          node: first.address,
        }),
      );
      const t = status.topology as SentinelTopology;
      expect(t.sentinels.find(n => n.flags.includes('myself'))?.address).toBe(
        sentinels[1].address,
      );
      expect(t.sentinels.find(n => n.address === first.address)).toMatchObject({
        unreachable: true,
        health: 'down',
      });
      expect(t.primary).toMatchObject({
        address: group.nodes[0].address,
        health: 'healthy',
      });
      expect(t.replicas).toHaveLength(1);
    } finally {
      first.signal('SIGCONT');
    }
  });
});
