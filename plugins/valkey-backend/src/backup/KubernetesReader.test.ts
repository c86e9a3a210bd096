import { KubernetesReader, kubernetesErrorMessage } from './KubernetesReader';
import {
  FakeKubernetesApi,
  secretOf,
  startFakeKubernetesApi,
} from './__testUtils__/fakeKubernetesApi';
import { chartBackupCronJob, jobOf } from './__testUtils__/kubernetesObjects';

describe('KubernetesReader (real @kubernetes/client-node against a stand-in API server)', () => {
  let api: FakeKubernetesApi;
  const cronJob = chartBackupCronJob({
    lastSuccessfulTime: '2026-01-10T02:00:42Z',
  });
  const otherRelease = {
    ...chartBackupCronJob(),
    metadata: {
      ...chartBackupCronJob().metadata,
      name: 'payments-valkey-backup',
      labels: {
        ...chartBackupCronJob().metadata!.labels,
        'app.kubernetes.io/instance': 'payments',
      },
    },
  };

  beforeAll(async () => {
    api = await startFakeKubernetesApi({
      token: 'reader-token',
      objects: [
        { kind: 'CronJob', ...cronJob } as any,
        { kind: 'CronJob', ...otherRelease } as any,
        {
          kind: 'Job',
          ...jobOf(cronJob, '2026-01-10T02:00:00Z', 'succeeded'),
        } as any,
        secretOf('orders', 'orders-valkey', {
          'monitoring-password': 's3cret',
        }),
      ],
    });
  });
  afterAll(() => api.close());

  const reader = (token = 'reader-token') =>
    new KubernetesReader(
      { url: api.url, token, caData: api.caData, skipTLSVerify: false },
      3000,
    );

  it('finds the CronJob and its Jobs by the chart labels, over verified TLS with the token', async () => {
    const { cronJob: found, jobs } = await reader().backupObjects(
      'orders',
      'orders',
    );
    expect(found?.metadata?.name).toBe('orders-valkey-backup');
    expect(found?.spec?.schedule).toBe('0 2 * * *');
    expect(jobs).toHaveLength(1);
    expect(jobs[0].status?.completionTime).toEqual(
      new Date('2026-01-10T02:00:42Z'),
    );
    const last = api.requests[api.requests.length - 1];
    expect(last.authorized).toBe(true);
    expect(decodeURIComponent(last.path)).toContain(
      'labelSelector=app.kubernetes.io/name=valkey,app.kubernetes.io/instance=orders,app.kubernetes.io/component=backup',
    );
  });

  it('reads a Secret key', async () => {
    expect(
      await reader().secretValue(
        'orders',
        'orders-valkey',
        'monitoring-password',
      ),
    ).toBe('s3cret');
    await expect(
      reader().secretValue('orders', 'orders-valkey', 'nope'),
    ).rejects.toThrow('Secret orders/orders-valkey has no key nope');
  });

  it('turns API errors into short messages without headers or tokens', async () => {
    const error = await reader('wrong-token')
      .backupObjects('orders', 'orders')
      .catch(e => e);
    const message = kubernetesErrorMessage(error);
    expect(message).toMatch(/^HTTP 401/);
    expect(message).not.toContain('token');
  });

  it('gives up after its timeout', async () => {
    const slow = await startFakeKubernetesApi({
      token: 't',
      objects: [],
      delayMs: 2000,
    });
    try {
      const started = Date.now();
      const r = new KubernetesReader(
        {
          url: slow.url,
          token: 't',
          caData: slow.caData,
          skipTLSVerify: false,
        },
        300,
      );
      await expect(r.backupObjects('orders', 'orders')).rejects.toThrow(
        /timed out after 300 ms/,
      );
      expect(Date.now() - started).toBeLessThan(1500);
    } finally {
      await slow.close();
    }
  });
});
