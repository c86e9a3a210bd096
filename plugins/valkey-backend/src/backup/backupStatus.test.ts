import { backupStatusOf, destinationOf, retentionOf } from './backupStatus';
import { chartBackupCronJob, jobOf } from './__testUtils__/kubernetesObjects';
import { scheduleTimes } from './scheduleTimes';

const now = new Date('2026-01-10T12:00:00Z');

describe('backupStatusOf', () => {
  it('reports a fresh daily backup with schedule, retention, next run and history', () => {
    const cronJob = chartBackupCronJob({
      lastSuccessfulTime: '2026-01-10T02:00:42Z',
    });
    const jobs = [
      jobOf(cronJob, '2026-01-08T02:00:00Z', 'succeeded'),
      jobOf(cronJob, '2026-01-10T02:00:00Z', 'succeeded'),
      jobOf(cronJob, '2026-01-09T02:00:00Z', 'succeeded'),
    ];
    const status = backupStatusOf(cronJob, jobs, now);
    expect(status).toMatchObject({
      configured: true,
      cronJobName: 'orders-valkey-backup',
      schedule: '0 2 * * *',
      suspended: false,
      nextRunTime: '2026-01-11T02:00:00.000Z',
      retention: 7,
      lastSuccessTime: '2026-01-10T02:00:42.000Z',
      lastSuccessAgeSeconds: 35958,
      intervalSeconds: 86400,
      stale: false,
    });
    expect(status.lastRun).toEqual({
      name: 'orders-valkey-backup-29466840',
      startTime: '2026-01-10T02:00:01.000Z',
      completionTime: '2026-01-10T02:00:42.000Z',
      result: 'succeeded',
    });
    expect(status.history.map(r => r.startTime)).toEqual([
      '2026-01-10T02:00:01.000Z',
      '2026-01-09T02:00:01.000Z',
      '2026-01-08T02:00:01.000Z',
    ]);
  });

  it('is stale when the last success is older than two schedule intervals, and shows the failed run', () => {
    const cronJob = chartBackupCronJob({
      lastSuccessfulTime: '2026-01-07T02:00:40Z',
    });
    const jobs = [
      jobOf(cronJob, '2026-01-10T02:00:00Z', 'failed'),
      jobOf(cronJob, '2026-01-07T02:00:00Z', 'succeeded', 39),
    ];
    const status = backupStatusOf(cronJob, jobs, now);
    expect(status.stale).toBe(true);
    expect(status.lastRun).toMatchObject({
      result: 'failed',
      message:
        'BackoffLimitExceeded: Job has reached the specified backoff limit',
    });
    expect(status.lastSuccessTime).toBe('2026-01-07T02:00:40.000Z');
  });

  it('is not stale at just under two intervals', () => {
    const cronJob = chartBackupCronJob({
      lastSuccessfulTime: '2026-01-08T12:00:01Z',
    });
    expect(backupStatusOf(cronJob, [], now).stale).toBe(false);
    const older = chartBackupCronJob({
      lastSuccessfulTime: '2026-01-08T11:59:59Z',
    });
    expect(backupStatusOf(older, [], now).stale).toBe(true);
  });

  it('shows a running Job and a suspended CronJob without a next run', () => {
    const cronJob = chartBackupCronJob({
      suspend: true,
      lastSuccessfulTime: '2026-01-10T02:00:42Z',
    });
    const status = backupStatusOf(
      cronJob,
      [jobOf(cronJob, '2026-01-10T11:59:00Z', 'running')],
      now,
    );
    expect(status.suspended).toBe(true);
    expect(status.nextRunTime).toBeUndefined();
    expect(status.lastRun?.result).toBe('running');
  });

  it('is stale with no success at all, and unconfigured without a CronJob', () => {
    expect(backupStatusOf(chartBackupCronJob(), [], now)).toMatchObject({
      configured: true,
      stale: true,
    });
    expect(backupStatusOf(undefined, [], now)).toEqual({
      configured: false,
      stale: true,
      history: [],
    });
  });

  it('reads the retention from the env var the chart renders', () => {
    expect(retentionOf(chartBackupCronJob())).toBe(7);
  });
});

describe('scheduleTimes', () => {
  it('uses the gap that applies now for irregular schedules', () => {
    // Monday noon: the two latest weekday runs are Monday 02:00 and Friday 02:00.
    const monday = new Date('2026-01-12T12:00:00Z');
    expect(scheduleTimes('0 2 * * 1-5', monday).intervalSeconds).toBe(
      3 * 86400,
    );
    expect(scheduleTimes('*/15 * * * *', monday).intervalSeconds).toBe(900);
  });
});

describe('destinationOf', () => {
  it('says the chart CronJob of backup.destination=s3 uploads to its bucket and prefix', () => {
    const cronJob = chartBackupCronJob({ bucket: true });
    expect(destinationOf(cronJob)).toEqual({
      type: 's3',
      location: 's3://acme-valkey-backups/orders',
    });
    expect(retentionOf(cronJob)).toBe(7);
    expect(backupStatusOf(cronJob, [], now).destination).toEqual({
      type: 's3',
      location: 's3://acme-valkey-backups/orders',
    });
  });

  it('names the backup volume claim for a CronJob rendered before object storage (no destination env)', () => {
    expect(destinationOf(chartBackupCronJob())).toEqual({
      type: 'pvc',
      location: 'pvc/orders-valkey-backup',
    });
  });

  it.each([
    ['an unknown destination', 'gcs', 'gs://bucket'],
    ['a location that is not a bucket URL', 's3', 'https://evil.example/x'],
    ['markup in the location', 's3', 's3://bucket/<script>'],
    ['a missing location', 's3', undefined],
  ])('reports no destination for %s', (_case, type, location) => {
    const cronJob = chartBackupCronJob({ bucket: true });
    for (const c of [
      ...(cronJob.spec!.jobTemplate.spec!.template.spec!.initContainers ?? []),
      ...cronJob.spec!.jobTemplate.spec!.template.spec!.containers,
    ]) {
      c.env = (c.env ?? []).filter(
        e =>
          e.name !== 'VALKEY_BACKUP_DESTINATION' &&
          e.name !== 'VALKEY_BACKUP_LOCATION',
      );
      c.env.push({ name: 'VALKEY_BACKUP_DESTINATION', value: type });
      if (location)
        c.env.push({ name: 'VALKEY_BACKUP_LOCATION', value: location });
    }
    expect(destinationOf(cronJob)).toBeUndefined();
  });
});
