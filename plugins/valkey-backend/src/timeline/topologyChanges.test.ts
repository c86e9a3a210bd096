import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import {
  ClusterTopology,
  InstanceStatus,
  SentinelTopology,
} from '@valkey-backstage/plugin-valkey-common';
import { nextBaseline, topologyChanges } from './topologyChanges';

/** Status documents recorded against real Valkey processes. */
function recorded(name: string): InstanceStatus {
  const dir = join(
    dirname(
      require.resolve('@valkey-backstage/plugin-valkey-common/package.json'),
    ),
    'src/__fixtures__/status',
  );
  return JSON.parse(readFileSync(join(dir, `${name}.json`), 'utf8'));
}

const later = (status: InstanceStatus, seconds: number): InstanceStatus => ({
  ...status,
  probedAt: new Date(
    Date.parse(status.probedAt) + seconds * 1000,
  ).toISOString(),
});

const kinds = (events: { kind: string }[]) => events.map(e => e.kind);

describe('topologyChanges', () => {
  it('records nothing for the first view (the baseline) or for the same view seen twice', () => {
    const healthy = recorded('cluster-healthy');
    expect(topologyChanges(undefined, healthy)).toEqual([]);
    expect(topologyChanges(healthy, { ...healthy })).toEqual([]);
  });

  it('records nothing between two healthy views of the same topology', () => {
    const healthy = recorded('sentinel');
    expect(topologyChanges(healthy, later(healthy, 30))).toEqual([]);
  });

  it('sees a cluster failover once, with the old and new primary, and the failed old primary', () => {
    const before = recorded('cluster-healthy');
    const after = recorded('cluster-failed-primary');
    const events = topologyChanges(before, after);
    expect(events).toEqual([
      {
        kind: 'failover',
        summary:
          '127.0.0.1:43571 took over as primary from 127.0.0.1:42803 (5462 slots).',
        previousPrimary: '127.0.0.1:42803',
        newPrimary: '127.0.0.1:43571',
        shardId: expect.stringMatching(/^0bf8e458/),
        slots: 5462,
        at: after.probedAt,
        previousAt: before.probedAt,
      },
      {
        kind: 'node-failed',
        summary: 'Node 127.0.0.1:42803 failed or stopped answering.',
        node: '127.0.0.1:42803',
        at: after.probedAt,
        previousAt: before.probedAt,
      },
    ]);
  });

  it('sees the old cluster primary come back as a replica as a recovery and a role change, not a second failover', () => {
    const failed = recorded('cluster-failed-primary');
    const rejoined = structuredClone(later(failed, 30));
    const shard = (rejoined.topology as ClusterTopology).shards.find(s =>
      s.nodes.some(n => n.address === '127.0.0.1:42803'),
    )!;
    shard.nodes = shard.nodes.map(n =>
      n.address === '127.0.0.1:42803'
        ? {
            ...n,
            role: 'replica',
            health: 'healthy',
            flags: ['slave'],
            unreachable: undefined,
          }
        : n,
    );
    expect(kinds(topologyChanges(failed, rejoined))).toEqual([
      'node-recovered',
      'role-changed',
    ]);
    expect(topologyChanges(failed, rejoined)[1].summary).toBe(
      '127.0.0.1:42803 changed from primary to replica.',
    );
  });

  it('tells slots moved between shards (resharding) from a failover', () => {
    const before = recorded('cluster-healthy');
    const after = structuredClone(later(before, 30));
    const shards = (after.topology as ClusterTopology).shards;
    const from = shards.find(s => s.slots[0].start === 0)!;
    const to = shards.find(s => s.slots[0].start === 5461)!;
    from.slots = [{ start: 100, end: 5460 }];
    to.slots = [{ start: 0, end: 99 }, ...to.slots];
    expect(topologyChanges(before, after)).toEqual([
      expect.objectContaining({
        kind: 'slots-moved',
        summary: '100 slots moved from 127.0.0.1:39569 to 127.0.0.1:42803.',
        node: '127.0.0.1:42803',
        slots: 100,
      }),
    ]);
  });

  it('sees the cluster state go to fail and back', () => {
    const ok = recorded('cluster-healthy');
    const failing = structuredClone(later(ok, 30));
    (failing.topology as ClusterTopology).state = 'fail';
    expect(kinds(topologyChanges(ok, failing))).toEqual(['quorum-lost']);
    expect(kinds(topologyChanges(failing, later(ok, 60)))).toEqual([
      'quorum-regained',
    ]);
  });

  it('sees a Sentinel quorum lost with the Sentinels that went down (and the backup run recorded failing meanwhile), and regained', () => {
    const ok = recorded('sentinel');
    const lost = recorded('sentinel-noquorum');
    const events = topologyChanges(ok, lost);
    expect(kinds(events)).toEqual([
      'node-failed',
      'node-failed',
      'quorum-lost',
      'backup-failed',
    ]);
    expect(events.map(e => e.summary)).toEqual([
      'Sentinel 127.0.0.1:36027 failed or stopped answering.',
      'Sentinel 127.0.0.1:43731 failed or stopped answering.',
      expect.stringMatching(
        /^The Sentinels lost their quorum: NOQUORUM 1 usable/,
      ),
      'Backup run orders-valkey-backup-29934840 failed: BackoffLimitExceeded: Job has reached the specified backoff limit',
    ]);
    expect(kinds(topologyChanges(lost, later(ok, 60)))).toEqual([
      'node-recovered',
      'node-recovered',
      'quorum-regained',
    ]);
  });

  it('sees a Sentinel failover as one event naming both primaries, without role changes', () => {
    const before = recorded('sentinel');
    const after = structuredClone(later(before, 30));
    const topology = after.topology as SentinelTopology;
    const [promoted, other] = topology.replicas;
    const demoted = topology.primary!;
    topology.primary = { ...promoted, role: 'primary', flags: ['master'] };
    topology.replicas = [
      { ...demoted, role: 'replica', flags: ['slave'] },
      other,
    ];
    expect(topologyChanges(before, after)).toEqual([
      expect.objectContaining({
        kind: 'failover',
        previousPrimary: '127.0.0.1:46179',
        newPrimary: '127.0.0.1:42807',
        summary: '127.0.0.1:42807 took over as primary from 127.0.0.1:46179.',
      }),
    ]);
  });

  it('sees the instance become unreachable and reachable, without a flood of node events', () => {
    const up = recorded('standalone');
    const down = later(recorded('standalone-auth-failed'), 0);
    down.probedAt = later(up, 30).probedAt;
    expect(kinds(topologyChanges(up, down))).toEqual(['instance-unreachable']);
    expect(kinds(topologyChanges(down, later(up, 60)))).toEqual([
      'instance-reachable',
    ]);
  });

  it('records a failed backup run once, also when it was running in the view before', () => {
    const before = recorded('sentinel');
    const running = structuredClone(later(before, 30));
    running.backup!.lastRun = {
      name: 'orders-valkey-backup-1',
      result: 'running',
    };
    const failed = structuredClone(later(before, 60));
    failed.backup!.lastRun = {
      name: 'orders-valkey-backup-1',
      result: 'failed',
      message: 'BackoffLimitExceeded',
    };
    expect(topologyChanges(before, running)).toEqual([]);
    expect(topologyChanges(running, failed)).toEqual([
      expect.objectContaining({
        kind: 'backup-failed',
        backupRun: 'orders-valkey-backup-1',
        summary:
          'Backup run orders-valkey-backup-1 failed: BackoffLimitExceeded',
      }),
    ]);
    expect(topologyChanges(failed, later(failed, 30))).toEqual([]);
  });

  it('does not report old failed runs again after the backup section could not be read once', () => {
    const failed = structuredClone(recorded('sentinel'));
    failed.backup!.lastRun = {
      name: 'orders-valkey-backup-1',
      result: 'failed',
    };
    const unreadable = { ...later(failed, 30), backup: undefined };
    const baseline = nextBaseline(failed, unreadable);
    expect(baseline.backup).toBe(failed.backup);
    expect(topologyChanges(failed, unreadable)).toEqual([]);
    expect(topologyChanges(baseline, later(failed, 60))).toEqual([]);
  });
});
