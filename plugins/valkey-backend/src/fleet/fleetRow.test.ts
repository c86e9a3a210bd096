import {
  InstanceStatus,
  ValkeyNode,
} from '@valkey-backstage/plugin-valkey-common';
import { failedFleetRow, fleetRowOf } from './fleetRow';

const entity = { entityRef: 'resource:default/orders', title: 'Orders' };
const node = (address: string, version: string): ValkeyNode => ({
  id: address,
  address,
  role: 'primary',
  health: 'healthy',
  flags: [],
  version,
});

const base: InstanceStatus = {
  entityRef: 'resource:default/orders',
  environment: 'prod',
  mode: 'replication',
  health: 'healthy',
  summary: 'primary and 2 replicas healthy',
  probedAt: '2026-12-01T09:00:00.000Z',
  probeDurationMs: 12,
  refreshIntervalSeconds: 5,
  problems: [],
};

describe('fleetRowOf', () => {
  const now = new Date('2026-12-01T10:00:00.000Z');

  it('takes mode, health, summary and probe time from the status document', () => {
    expect(fleetRowOf(entity, base, now)).toEqual({
      entityRef: 'resource:default/orders',
      title: 'Orders',
      environment: 'prod',
      health: 'healthy',
      summary: 'primary and 2 replicas healthy',
      mode: 'replication',
      probedAt: '2026-12-01T09:00:00.000Z',
    });
  });

  it('lists the versions of the data nodes lowest first and takes the memory of the runtime totals', () => {
    const row = fleetRowOf(
      entity,
      {
        ...base,
        topology: {
          kind: 'replication',
          primary: node('a:6379', '8.0.10'),
          replicas: [node('b:6379', '8.0.2'), node('c:6379', '8.0.10')],
        },
        runtime: {
          nodes: 3,
          usedMemoryBytes: 4096,
          evictedKeys: 0,
          expiredKeys: 0,
          keyspaceHits: 0,
          keyspaceMisses: 0,
          opsPerSecond: 0,
          connectedClients: 1,
          blockedClients: 0,
          rejectedConnections: 0,
        },
      },
      now,
    );
    expect(row.version).toBe('8.0.2, 8.0.10');
    expect(row.usedMemoryBytes).toBe(4096);
  });

  it('gives the age of the last successful backup as of now, not as of the cached probe', () => {
    const row = fleetRowOf(
      entity,
      {
        ...base,
        backup: {
          configured: true,
          lastSuccessTime: '2026-12-01T08:00:00.000Z',
          lastSuccessAgeSeconds: 3600,
          stale: false,
          history: [],
        },
      },
      now,
    );
    expect(row).toMatchObject({
      backupConfigured: true,
      lastBackupAgeSeconds: 7200,
      backupStale: false,
    });
    const none = fleetRowOf(
      entity,
      { ...base, backup: { configured: false, stale: true, history: [] } },
      now,
    );
    expect(none.backupConfigured).toBe(false);
    expect(none.lastBackupAgeSeconds).toBeUndefined();
    expect(none.backupStale).toBeUndefined();
  });

  it('makes a row that says why there is no status', () => {
    expect(failedFleetRow(entity, 'dev', 'boom')).toEqual({
      ...entity,
      environment: 'dev',
      health: 'unknown',
      error: 'boom',
    });
  });
});
