import type { V1CronJob, V1Job } from '@kubernetes/client-node';
import {
  BackupRun,
  BackupStatus,
} from '@valkey-backstage/plugin-valkey-common';
import { scheduleTimes } from './scheduleTimes';

/** The env var through which the chart's backup CronJob passes `backup.retention`. */
export const RETENTION_ENV = 'VALKEY_BACKUP_RETENTION';

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

/** The retention the CronJob passes to its backup container. */
export function retentionOf(cronJob: V1CronJob): number | undefined {
  const containers =
    cronJob.spec?.jobTemplate.spec?.template.spec?.containers ?? [];
  for (const container of containers) {
    const value = container.env?.find(e => e.name === RETENTION_ENV)?.value;
    if (value !== undefined && /^\d+$/.test(value)) return Number(value);
  }
  return undefined;
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
  return {
    configured: true,
    cronJobName: cronJob.metadata?.name,
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
