import {
  startValkeyServer,
  ValkeyServer,
} from '@valkey-backstage/valkey-local';
import { CronExpressionParser } from 'cron-parser';
import {
  FakeKubernetesApi,
  secretOf,
  startFakeKubernetesApi,
} from '../backup/__testUtils__/fakeKubernetesApi';
import {
  chartBackupCronJob,
  jobOf,
} from '../backup/__testUtils__/kubernetesObjects';
import {
  MONITOR_PASSWORD,
  MONITOR_USER,
  monitoringUserLine,
} from '../__testUtils__/chartMonitoringAcl';
import { statusServiceFor } from '../__testUtils__/statusHarness';

jest.setTimeout(60_000);

/** The last `count` scheduled times of the chart's default schedule before now. */
function lastScheduledTimes(count: number): string[] {
  const it = CronExpressionParser.parse('0 2 * * *', {
    currentDate: new Date(),
    tz: 'UTC',
  });
  return Array.from({ length: count }, () => it.prev().toDate().toISOString());
}

describe('StatusService with backups from Kubernetes (stand-in API server, real client library)', () => {
  let server: ValkeyServer;
  let api: FakeKubernetesApi;
  const [latest, previous] = lastScheduledTimes(2);
  const cronJob = chartBackupCronJob({
    lastSuccessfulTime: latest.replace('00.000Z', '40Z'),
  });

  beforeAll(async () => {
    server = await startValkeyServer({ config: [monitoringUserLine('data')] });
    api = await startFakeKubernetesApi({
      token: 'cluster-token',
      objects: [
        cronJob,
        jobOf(cronJob, latest, 'succeeded'),
        jobOf(cronJob, previous, 'failed'),
        secretOf('orders', 'orders-valkey', {
          'monitoring-password': MONITOR_PASSWORD,
        }),
      ] as any,
    });
  });
  afterAll(async () => {
    await server.destroy();
    await api.close();
  });

  const service = (credentials: object, token = 'cluster-token') =>
    statusServiceFor({
      connectTimeoutMs: 500,
      commandTimeoutMs: 1000,
      environments: [
        {
          name: 'prod',
          namespace: '{instance}',
          instances: { orders: { host: '127.0.0.1', port: server.port } },
          credentials,
          kubernetes: { url: api.url, token, caData: api.caData },
        },
      ],
    });

  it('merges the backup CronJob and Jobs with the engine persistence, password from the chart Secret', async () => {
    const status = await service({
      username: MONITOR_USER,
      secretRef: { name: '{instance}-valkey', key: 'monitoring-password' },
    }).status('resource:default/orders', 'orders', 'prod', 'standalone');
    expect(status.health).toBe('healthy');
    expect(status.problems).toEqual([]);
    expect(status.backup).toMatchObject({
      configured: true,
      cronJobName: 'orders-valkey-backup',
      schedule: '0 2 * * *',
      retention: 7,
      stale: false,
      intervalSeconds: 86400,
      lastRun: { result: 'succeeded' },
      engine: {
        nodes: 1,
        rdbFailingNodes: [],
        aofEnabledNodes: 0,
        aofFailingNodes: [],
      },
    });
    expect(status.backup?.history.map(r => r.result)).toEqual([
      'succeeded',
      'failed',
    ]);
    // The server has saving off and never saved: its rdb_last_save_time is
    // its start time, which must not read as a save.
    expect(status.backup?.engine?.oldestRdbSaveTime).toBeUndefined();
    expect(status.backup?.engine?.unsavedNodes).toEqual([server.address]);
    expect(status.summary).toContain('backup fresh');
    expect(JSON.stringify(status)).not.toContain(MONITOR_PASSWORD);
  });

  it('a wrong password degrades only the connection section; the backup section is fine', async () => {
    const status = await service({
      username: MONITOR_USER,
      password: 'wrong',
    }).status('resource:default/orders', 'orders', 'prod', 'standalone');
    expect(status.problems).toEqual([
      expect.objectContaining({ section: 'connection', kind: 'auth-failed' }),
    ]);
    expect(status.backup).toMatchObject({ configured: true, stale: false });
  });

  it('a Kubernetes failure degrades only the backup section; the topology is fine', async () => {
    const status = await service(
      { username: MONITOR_USER, password: MONITOR_PASSWORD },
      'expired-token',
    ).status('resource:default/orders', 'orders', 'prod', 'standalone');
    expect(status.topology).toMatchObject({
      kind: 'standalone',
      primary: { health: 'healthy' },
    });
    expect(status.backup).toBeUndefined();
    expect(status.problems).toEqual([
      expect.objectContaining({
        section: 'backup',
        message: expect.stringMatching(/HTTP 401/),
      }),
    ]);
    expect(status.health).toBe('degraded');
  });

  it('says which Secret could not be read', async () => {
    const status = await service({
      username: MONITOR_USER,
      secretRef: { name: '{instance}-missing', key: 'monitoring-password' },
    }).status('resource:default/orders', 'orders', 'prod', 'standalone');
    expect(status.problems[0]).toMatchObject({
      section: 'connection',
      kind: 'config',
      message: expect.stringContaining('Secret orders/orders-missing'),
    });
    expect(status.backup?.configured).toBe(true);
  });
});
