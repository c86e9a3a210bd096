import type { V1CronJob, V1Job } from '@kubernetes/client-node';
import {
  BackupDestination,
  BackupRun,
  BackupStatus,
} from '@valkey-backstage/plugin-valkey-common';
import { scheduleTimes } from './scheduleTimes';

/** The env var through which the chart's backup CronJob passes `backup.retention`. */
export const RETENTION_ENV = 'VALKEY_BACKUP_RETENTION';
/** The env vars through which it names `backup.destination` and where the sets go. */
export const DESTINATION_ENV = 'VALKEY_BACKUP_DESTINATION';
export const LOCATION_ENV = 'VALKEY_BACKUP_LOCATION';

const iso = (value: Date | string | undefined): string | undefined =>
  value === undefined ? undefined : new Date(value).toISOString();

export function backupRunOf(job: V1Job): BackupRun {
  const conditions = job.status?.conditions ?? [];
  const failed = conditions.find(
    c => c.type === 'Failed' && c.status === 'True',
  );
  const complete = conditions.find(
    c =>
      (c.type === 'Complete' || c.type === 'SuccessCriteriaMet') &&
      c.status === 'True',
  );
  let result: BackupRun['result'] = 'running';
  if (failed) result = 'failed';
  else if (complete || (job.status?.succeeded ?? 0) > 0) result = 'succeeded';
  const message = failed
    ? [failed.reason, failed.message].filter(Boolean).join(': ')
    : undefined;
  return {
    name: job.metadata?.name ?? '?',
    ...(job.status?.startTime ? { startTime: iso(job.status.startTime) } : {}),
    ...(job.status?.completionTime
      ? { completionTime: iso(job.status.completionTime) }
      : {}),
    result,
    ...(message ? { message } : {}),
  };
}

function startedAt(job: V1Job): number {
  const t = job.status?.startTime ?? job.metadata?.creationTimestamp;
  return t ? new Date(t).getTime() : 0;
}

/** The first plain value of env var `name` among the CronJob's containers (init containers included). */
function cronJobEnv(cronJob: V1CronJob, name: string): string | undefined {
  const spec = cronJob.spec?.jobTemplate.spec?.template.spec;
  const containers = [
    ...(spec?.initContainers ?? []),
    ...(spec?.containers ?? []),
  ];
  for (const container of containers) {
    const value = container.env?.find(e => e.name === name)?.value;
    if (value !== undefined) return value;
  }
  return undefined;
}

/** The retention the CronJob passes to its backup (or upload) container. */
export function retentionOf(cronJob: V1CronJob): number | undefined {
  const value = cronJobEnv(cronJob, RETENTION_ENV);
  return value !== undefined && /^\d+$/.test(value) ? Number(value) : undefined;
}

const LOCATION = {
  s3: /^s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](\/[A-Za-z0-9._-]+)*$/,
  pvc: /^pvc\/[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/,
};

/**
 * Where the CronJob's sets go: VALKEY_BACKUP_DESTINATION / _LOCATION of its
 * containers, or (a chart from before object storage) the backup volume's
 * claim. Values that are not what the chart writes are not reported.
 */
export function destinationOf(
  cronJob: V1CronJob,
): BackupDestination | undefined {
  const type = cronJobEnv(cronJob, DESTINATION_ENV);
  const location = cronJobEnv(cronJob, LOCATION_ENV);
  if (
    (type === 's3' || type === 'pvc') &&
    location &&
    LOCATION[type].test(location)
  )
    return { type, location };
  if (type !== undefined) return undefined;
  const claim = (
    cronJob.spec?.jobTemplate.spec?.template.spec?.volumes ?? []
  ).find(v => v.name === 'backup')?.persistentVolumeClaim?.claimName;
  return claim && LOCATION.pvc.test(`pvc/${claim}`)
    ? { type: 'pvc', location: `pvc/${claim}` }
    : undefined;
}

/**
 * Backup status from the backup CronJob and its Jobs: last run, last success
 * (from the Jobs or the CronJob's lastSuccessfulTime, whichever is newer), and
 * stale when the last success is older than two schedule intervals.
 */
export function backupStatusOf(
  cronJob: V1CronJob | undefined,
  jobs: V1Job[],
  now: Date,
): BackupStatus {
  if (!cronJob) return { configured: false, stale: true, history: [] };
  const owned = jobs.filter(job =>
    (job.metadata?.ownerReferences ?? []).length === 0
      ? true
      : job.metadata!.ownerReferences!.some(
          o => o.kind === 'CronJob' && o.name === cronJob.metadata?.name,
        ),
  );
  const sorted = [...owned].sort((a, b) => startedAt(b) - startedAt(a));
  const history = sorted.map(backupRunOf);
  const successTimes = history
    .filter(r => r.result === 'succeeded' && r.completionTime)
    .map(r => new Date(r.completionTime!).getTime());
  const fromCronJob = cronJob.status?.lastSuccessfulTime
    ? new Date(cronJob.status.lastSuccessfulTime).getTime()
    : undefined;
  if (fromCronJob !== undefined) successTimes.push(fromCronJob);
  const lastSuccess = successTimes.length
    ? Math.max(...successTimes)
    : undefined;

  const schedule = cronJob.spec?.schedule;
  let intervalSeconds: number | undefined;
  let nextRunTime: string | undefined;
  if (schedule) {
    try {
      const times = scheduleTimes(schedule, now, cronJob.spec?.timeZone);
      intervalSeconds = times.intervalSeconds;
      nextRunTime = cronJob.spec?.suspend
        ? undefined
        : times.nextRun.toISOString();
    } catch {
      // An unreadable schedule leaves the interval unknown; staleness then needs a success at all.
    }
  }
  const ageSeconds =
    lastSuccess !== undefined
      ? Math.max(0, Math.round((now.getTime() - lastSuccess) / 1000))
      : undefined;
  const stale =
    ageSeconds === undefined ||
    (intervalSeconds !== undefined && ageSeconds > 2 * intervalSeconds);
  const retention = retentionOf(cronJob);
  const destination = destinationOf(cronJob);
  return {
    configured: true,
    cronJobName: cronJob.metadata?.name,
    ...(destination ? { destination } : {}),
    ...(schedule ? { schedule } : {}),
    suspended: !!cronJob.spec?.suspend,
    ...(nextRunTime ? { nextRunTime } : {}),
    ...(retention !== undefined ? { retention } : {}),
    ...(history[0] ? { lastRun: history[0] } : {}),
    ...(lastSuccess !== undefined
      ? { lastSuccessTime: new Date(lastSuccess).toISOString() }
      : {}),
    ...(ageSeconds !== undefined ? { lastSuccessAgeSeconds: ageSeconds } : {}),
    stale,
    ...(intervalSeconds !== undefined ? { intervalSeconds } : {}),
    history,
  };
}
