/**
 * Typed status documents for component tests, written from the status types
 * in valkey-common. Addresses and ids look like what a real 6-node cluster and
 * a Sentinel group on loopback report.
 */
import {
  BackupStatus,
  InstanceStatus,
  ValkeyNode,
} from '@valkey-backstage/plugin-valkey-common';

const probedAt = '2026-11-20T12:00:00.000Z';

const persistence = {
  rdbLastSaveTime: 1795172400,
  rdbLastBgsaveStatus: 'ok' as const,
  aofEnabled: false,
  rdbChangesSinceLastSave: 12,
};

function node(
  id: string,
  port: number,
  role: 'primary' | 'replica',
  extra: Partial<ValkeyNode> = {},
): ValkeyNode {
  return {
    id,
    address: `127.0.0.1:${port}`,
    role,
    health: 'healthy',
    flags: [role === 'primary' ? 'master' : 'slave'],
    availabilityZone: `zone-${port % 3}`,
    version: '8.0.1',
    persistence,
    ...extra,
  };
}

function replicaOf(
  id: string,
  port: number,
  primaryPort: number,
  extra: Partial<ValkeyNode> = {},
) {
  return node(id, port, 'replica', {
    replication: {
      primaryAddress: `127.0.0.1:${primaryPort}`,
      linkStatus: 'up',
      lastIoSecondsAgo: 1,
      lagBytes: 0,
    },
    ...extra,
  });
}

export const backupFresh: BackupStatus = {
  configured: true,
  schedule: '0 * * * *',
  suspended: false,
  nextRunTime: '2026-11-20T13:00:00.000Z',
  retention: 7,
  lastRun: {
    name: 'orders-cache-backup-29001',
    startTime: '2026-11-20T11:00:00.000Z',
    completionTime: '2026-11-20T11:00:42.000Z',
    result: 'succeeded',
  },
  lastSuccessTime: '2026-11-20T11:00:42.000Z',
  lastSuccessAgeSeconds: 3558,
  stale: false,
  history: [
    {
      name: 'orders-cache-backup-29001',
      startTime: '2026-11-20T11:00:00.000Z',
      completionTime: '2026-11-20T11:00:42.000Z',
      result: 'succeeded',
    },
    {
      name: 'orders-cache-backup-29000',
      startTime: '2026-11-20T10:00:00.000Z',
      completionTime: '2026-11-20T10:00:39.000Z',
      result: 'succeeded',
    },
  ],
};

export const backupStale: BackupStatus = {
  configured: true,
  schedule: '0 2 * * *',
  nextRunTime: '2026-11-21T02:00:00.000Z',
  retention: 3,
  lastRun: {
    name: 'orders-cache-backup-28990',
    startTime: '2026-11-20T02:00:00.000Z',
    completionTime: '2026-11-20T02:01:10.000Z',
    result: 'failed',
    message: 'BackoffLimitExceeded: upload to s3://backups failed',
  },
  lastSuccessTime: '2026-11-17T02:00:51.000Z',
  lastSuccessAgeSeconds: 295149,
  stale: true,
  history: [
    {
      name: 'orders-cache-backup-28990',
      startTime: '2026-11-20T02:00:00.000Z',
      result: 'failed',
      message: 'BackoffLimitExceeded: upload to s3://backups failed',
    },
    {
      name: 'orders-cache-backup-28989',
      startTime: '2026-11-19T02:00:00.000Z',
      result: 'failed',
    },
    {
      name: 'orders-cache-backup-28987',
      startTime: '2026-11-17T02:00:00.000Z',
      completionTime: '2026-11-17T02:00:51.000Z',
      result: 'succeeded',
    },
  ],
};

export const backupNotConfigured: BackupStatus = {
  configured: false,
  stale: true,
  history: [],
};

const ids = ['a1', 'b2', 'c3', 'd4', 'e5', 'f6'].map(
  p => `${p}${'0'.repeat(38)}`,
);

export const clusterHealthy: InstanceStatus = {
  entityRef: 'resource:default/demo-cluster',
  environment: 'local',
  mode: 'cluster',
  health: 'healthy',
  summary: '3 shards, 16384/16384 slots ok, 6 nodes healthy',
  probedAt,
  probeDurationMs: 41,
  refreshIntervalSeconds: 10,
  topology: {
    kind: 'cluster',
    state: 'ok',
    slotsAssigned: 16384,
    slotsOk: 16384,
    slotsPfail: 0,
    slotsFail: 0,
    knownNodes: 6,
    size: 3,
    currentEpoch: 6,
    quorum: {
      asked: 6,
      answered: 6,
      agreeing: 3,
      primariesAnswering: 3,
      primariesAgreeing: 3,
    },
    shards: [
      {
        id: 'shard-a',
        slots: [{ start: 0, end: 5460 }],
        health: 'healthy',
        migrating: [],
        nodes: [
          node(ids[0], 7100, 'primary', { replicationOffset: 1400 }),
          replicaOf(ids[3], 7103, 7100, { replicationOffset: 1400 }),
        ],
      },
      {
        id: 'shard-b',
        slots: [{ start: 5461, end: 10922 }],
        health: 'healthy',
        migrating: [],
        nodes: [node(ids[1], 7101, 'primary'), replicaOf(ids[4], 7104, 7101)],
      },
      {
        id: 'shard-c',
        slots: [{ start: 10923, end: 16383 }],
        health: 'healthy',
        migrating: [],
        nodes: [node(ids[2], 7102, 'primary'), replicaOf(ids[5], 7105, 7102)],
      },
    ],
    coverage: [
      { start: 0, end: 5460, state: 'ok', shardId: 'shard-a' },
      { start: 5461, end: 10922, state: 'ok', shardId: 'shard-b' },
      { start: 10923, end: 16383, state: 'ok', shardId: 'shard-c' },
    ],
  },
  backup: backupFresh,
  problems: [],
};

/** A cluster in trouble: one primary PFAIL, one FAIL, a migrating slot, unassigned slots, a missing permission. */
export const clusterDegraded: InstanceStatus = {
  ...clusterHealthy,
  health: 'degraded',
  summary: '3 shards, 10800/16384 slots ok, 1 node failed, 1 suspected',
  topology: {
    kind: 'cluster',
    state: 'fail',
    slotsAssigned: 16284,
    slotsOk: 10800,
    slotsPfail: 5461,
    slotsFail: 23,
    knownNodes: 6,
    size: 3,
    currentEpoch: 7,
    quorum: {
      asked: 6,
      answered: 4,
      agreeing: 2,
      primariesAnswering: 2,
      primariesAgreeing: 2,
    },
    shards: [
      {
        id: 'shard-a',
        slots: [{ start: 0, end: 5460 }],
        health: 'degraded',
        migrating: [],
        nodes: [
          node(ids[0], 7100, 'primary', {
            health: 'degraded',
            flags: ['master', 'fail?'],
          }),
          replicaOf(ids[3], 7103, 7100, {
            replication: {
              primaryAddress: '127.0.0.1:7100',
              linkStatus: 'down',
              lastIoSecondsAgo: 14,
              linkDownSinceSeconds: 12,
              lagBytes: 524288,
            },
          }),
        ],
      },
      {
        id: 'shard-b',
        slots: [{ start: 5461, end: 10822 }],
        health: 'degraded',
        migrating: [
          { slot: 10822, direction: 'migrating', peerNodeId: ids[2] },
        ],
        nodes: [
          node(ids[1], 7101, 'primary'),
          replicaOf(ids[4], 7104, 7101, {
            replication: {
              primaryAddress: '127.0.0.1:7101',
              linkStatus: 'up',
              lastIoSecondsAgo: 0,
              lagBytes: 2048,
            },
          }),
        ],
      },
      {
        id: 'shard-c',
        slots: [{ start: 10923, end: 16383 }],
        health: 'down',
        migrating: [],
        nodes: [
          node(ids[2], 7102, 'primary', {
            health: 'down',
            flags: ['master', 'fail'],
          }),
        ],
      },
    ],
    coverage: [
      { start: 0, end: 5460, state: 'pfail', shardId: 'shard-a' },
      { start: 5461, end: 10821, state: 'ok', shardId: 'shard-b' },
      { start: 10822, end: 10822, state: 'migrating', shardId: 'shard-b' },
      { start: 10823, end: 10922, state: 'unassigned' },
      { start: 10923, end: 10945, state: 'fail', shardId: 'shard-c' },
      { start: 10946, end: 16383, state: 'ok', shardId: 'shard-c' },
    ],
  },
  backup: backupStale,
  problems: [
    {
      section: 'cluster',
      kind: 'no-permission',
      message: 'no permission for CLUSTER SHARDS on 127.0.0.1:7102',
      node: '127.0.0.1:7102',
      command: 'CLUSTER SHARDS',
    },
    {
      section: 'persistence',
      kind: 'timeout',
      message: 'INFO persistence timed out on 127.0.0.1:7102 after 2000 ms',
      node: '127.0.0.1:7102',
      command: 'INFO',
    },
  ],
};

const sentinelNode = (
  port: number,
  extra: Partial<ValkeyNode> = {},
): ValkeyNode => ({
  id: `sentinel-${port}`,
  address: `127.0.0.1:${port}`,
  role: 'sentinel',
  health: 'healthy',
  flags: ['sentinel'],
  ...extra,
});

export const sentinelHealthy: InstanceStatus = {
  entityRef: 'resource:default/demo-sentinel',
  environment: 'local',
  mode: 'sentinel',
  health: 'healthy',
  summary: 'primary 127.0.0.1:7200 with 2 replicas, 3 Sentinels, quorum ok',
  probedAt,
  probeDurationMs: 23,
  refreshIntervalSeconds: 10,
  topology: {
    kind: 'sentinel',
    primaryName: 'mymaster',
    primary: node('127.0.0.1:7200', 7200, 'primary', {
      replicationOffset: 90210,
    }),
    replicas: [
      replicaOf('127.0.0.1:7201', 7201, 7200, { replicationOffset: 90210 }),
      replicaOf('127.0.0.1:7202', 7202, 7200, {
        replicationOffset: 90100,
        replication: {
          primaryAddress: '127.0.0.1:7200',
          linkStatus: 'up',
          lastIoSecondsAgo: 1,
          lagBytes: 110,
        },
      }),
    ],
    sentinels: [sentinelNode(27200), sentinelNode(27201), sentinelNode(27202)],
    quorum: {
      required: 2,
      ok: true,
      text: 'OK 3 usable Sentinels. Quorum and failover authorization can be reached',
      usableSentinels: 3,
    },
    failoverInProgress: false,
    tilt: false,
  },
  backup: backupNotConfigured,
  problems: [],
};

/** Mid-failover: old primary stale, NOQUORUM, tilt. */
export const sentinelFailover: InstanceStatus = {
  ...sentinelHealthy,
  health: 'degraded',
  summary: 'failover in progress, no quorum',
  topology: {
    kind: 'sentinel',
    primaryName: 'mymaster',
    primary: node('127.0.0.1:7201', 7201, 'primary'),
    replicas: [
      node('127.0.0.1:7200', 7200, 'replica', {
        health: 'down',
        stale: true,
        flags: ['slave', 's_down', 'disconnected'],
        replication: { linkStatus: 'down', linkDownSinceSeconds: 30 },
      }),
      replicaOf('127.0.0.1:7202', 7202, 7201),
    ],
    sentinels: [
      sentinelNode(27200),
      sentinelNode(27201, {
        health: 'down',
        stale: true,
        flags: ['sentinel', 's_down', 'disconnected'],
      }),
      sentinelNode(27202, {
        health: 'down',
        stale: true,
        flags: ['sentinel', 's_down', 'disconnected'],
      }),
    ],
    quorum: {
      required: 2,
      ok: false,
      text: 'NOQUORUM 1 usable Sentinels. Not enough available Sentinels to reach the specified quorum for this master',
      usableSentinels: 1,
    },
    failoverInProgress: true,
    failoverState: 'wait_promotion',
    tilt: true,
  },
  problems: [],
};

export const standalone: InstanceStatus = {
  entityRef: 'resource:default/sessions',
  environment: 'dev',
  mode: 'standalone',
  health: 'healthy',
  summary: 'standalone 10.0.0.4:6379 healthy',
  probedAt,
  probeDurationMs: 5,
  refreshIntervalSeconds: 10,
  topology: {
    kind: 'standalone',
    primary: node('10.0.0.4:6379', 6379, 'primary', {
      address: '10.0.0.4:6379',
      persistence: {
        rdbLastBgsaveStatus: 'err',
        rdbBgsaveInProgress: false,
        aofEnabled: true,
        aofLastWriteStatus: 'ok',
        aofLastBgrewriteStatus: 'ok',
      },
    }),
    replicas: [],
  },
  backup: backupFresh,
  problems: [],
};

export const replication: InstanceStatus = {
  entityRef: 'resource:default/sessions',
  environment: 'prod',
  mode: 'replication',
  health: 'degraded',
  summary: 'primary with 2 replicas, 1 syncing',
  probedAt,
  probeDurationMs: 9,
  refreshIntervalSeconds: 10,
  topology: {
    kind: 'replication',
    primary: node('10.0.1.4:6379', 6379, 'primary', {
      address: '10.0.1.4:6379',
    }),
    replicas: [
      replicaOf('10.0.1.5:6379', 6380, 6379, { address: '10.0.1.5:6379' }),
      replicaOf('10.0.1.6:6379', 6381, 6379, {
        address: '10.0.1.6:6379',
        health: 'degraded',
        replication: {
          primaryAddress: '10.0.1.4:6379',
          linkStatus: 'down',
          syncInProgress: true,
          linkDownSinceSeconds: 8,
        },
      }),
    ],
  },
  backup: backupFresh,
  problems: [],
};

export const unreachable: InstanceStatus = {
  entityRef: 'resource:default/demo-cluster',
  environment: 'local',
  mode: 'cluster',
  health: 'unknown',
  summary: 'instance unreachable',
  probedAt,
  probeDurationMs: 2001,
  refreshIntervalSeconds: 10,
  problems: [
    {
      section: 'connection',
      kind: 'unreachable',
      message: 'connect ECONNREFUSED 127.0.0.1:7100',
      node: '127.0.0.1:7100',
    },
  ],
};
