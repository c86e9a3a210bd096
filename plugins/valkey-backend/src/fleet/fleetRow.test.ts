import { InstanceStatus } from '@valkey-backstage/plugin-valkey-common';
import { compareVersions, failedFleetRow, fleetRowOf } from './fleetRow';

const entity = { entityRef: 'resource:default/orders', title: 'Orders' };
const node = (address: string, version: string, usedMemoryBytes?: number) => ({
  id: address,
  address,
  role: 'primary',
  health: 'healthy',
  flags: [],
  version,
  ...(usedMemoryBytes === undefined ? {} : { runtime: { usedMemoryBytes } }),
});

/**
 * A status document in the current shape (`observedAt`); typed loosely so the
 * test also compiles against the next shape (`probedAt`).
 */
const doc = (fields: object) => fields as unknown as InstanceStatus;
const base = {
  entityRef: 'resource:default/orders',
  environment: 'prod',
  mode: 'replication',
  health: 'healthy',
  summary: 'primary and 2 replicas healthy',
  observedAt: '2026-12-01T09:00:00.000Z',
  probeDurationMs: 12,
  problems: [] as never[],
};

describe('fleetRowOf', () => {
  const now = new Date('2026-12-01T10:00:00.000Z');

  it('takes mode, health, summary and probe time from the status document', () => {
    expect(fleetRowOf(entity, doc(base), now)).toEqual({
      entityRef: 'resource:default/orders',
      title: 'Orders',
      environment: 'prod',
      health: 'healthy',
      summary: 'primary and 2 replicas healthy',
      mode: 'replication',
      probedAt: '2026-12-01T09:00:00.000Z',
    });
  });

  it('lists the versions of the data nodes lowest first and adds up their memory', () => {
    const status = {
      ...base,
      topology: {
        kind: 'replication',
        primary: node('a:6379', '8.0.10', 1000),
        replicas: [node('b:6379', '8.0.2', 500), node('c:6379', '8.0.10')],
      },
    };
    const row = fleetRowOf(entity, doc(status), now);
    expect(row.version).toBe('8.0.2, 8.0.10');
    expect(row.usedMemoryBytes).toBe(1500);
  });

  it('prefers the runtime totals and probedAt of the newer status shape', () => {
    const status = {
      ...base,
      probedAt: '2026-12-01T09:30:00.000Z',
      runtime: { usedMemoryBytes: 4096 },
    };
    const row = fleetRowOf(entity, doc(status), now);
    expect(row.usedMemoryBytes).toBe(4096);
    expect(row.probedAt).toBe('2026-12-01T09:30:00.000Z');
  });

  it('gives the age of the last successful backup as of now, not as of the cached probe', () => {
    const row = fleetRowOf(
      entity,
      doc({
        ...base,
        backup: {
          configured: true,
          lastSuccessTime: '2026-12-01T08:00:00.000Z',
          lastSuccessAgeSeconds: 3600,
          stale: false,
          history: [],
        },
      }),
      now,
    );
    expect(row).toMatchObject({
      backupConfigured: true,
      lastBackupAgeSeconds: 7200,
      backupStale: false,
    });
    const none = fleetRowOf(
      entity,
      doc({ ...base, backup: { configured: false, stale: true, history: [] } }),
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

  it('orders versions by number', () => {
    expect(['8.0.10', '7.2.4', '8.0.2'].sort(compareVersions)).toEqual([
      '7.2.4',
      '8.0.2',
      '8.0.10',
    ]);
  });
});
