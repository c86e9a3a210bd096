import type { V1CronJob, V1Job } from '@kubernetes/client-node';
import cronJobJson from '../__fixtures__/orders-valkey-backup.cronjob.json';
import bucketCronJobJson from '../__fixtures__/orders-valkey-backup-s3.cronjob.json';

/**
 * The chart's backup CronJob for release `orders` (rendered by `helm template`
 * with backup.enabled=true, plus the fields the API server adds), as the API
 * server returns it.
 */
export function chartBackupCronJob(
  overrides: {
    schedule?: string;
    lastSuccessfulTime?: string;
    suspend?: boolean;
    /** The CronJob of backup.destination=s3 (bucket acme-valkey-backups, prefix orders). */
    bucket?: boolean;
  } = {},
): V1CronJob {
  const cronJob = JSON.parse(
    JSON.stringify(overrides.bucket ? bucketCronJobJson : cronJobJson),
  );
  if (overrides.schedule) cronJob.spec.schedule = overrides.schedule;
  if (overrides.suspend !== undefined) cronJob.spec.suspend = overrides.suspend;
  if (overrides.lastSuccessfulTime === undefined)
    delete cronJob.status.lastSuccessfulTime;
  else cronJob.status.lastSuccessfulTime = overrides.lastSuccessfulTime;
  return cronJob;
}

/**
 * A Job as the CronJob controller creates it for a scheduled time (name,
 * labels, annotation and owner reference), with the status a finished or
 * running Job has.
 */
export function jobOf(
  cronJob: V1CronJob,
  scheduled: string,
  outcome: 'succeeded' | 'failed' | 'running',
  durationSeconds = 41,
): V1Job {
  const start = new Date(new Date(scheduled).getTime() + 1000);
  const end = new Date(start.getTime() + durationSeconds * 1000);
  const name = `${cronJob.metadata!.name}-${Math.floor(
    new Date(scheduled).getTime() / 60000,
  )}`;
  const uid = `0f0e0d0c-0000-4000-8000-${String(start.getTime())
    .slice(-12)
    .padStart(12, '0')}`;
  const at = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const template = JSON.parse(JSON.stringify(cronJob.spec!.jobTemplate));
  const labels = {
    ...(template.metadata?.labels ?? {}),
    'batch.kubernetes.io/controller-uid': uid,
    'batch.kubernetes.io/job-name': name,
    'controller-uid': uid,
    'job-name': name,
  };
  const finished = (type: string, extra: object = {}) => ({
    type,
    status: 'True',
    ...extra,
    lastProbeTime: at(end),
    lastTransitionTime: at(end),
  });
  const backoff = {
    reason: 'BackoffLimitExceeded',
    message: 'Job has reached the specified backoff limit',
  };
  const statusByOutcome: Record<typeof outcome, Record<string, unknown>> = {
    succeeded: {
      startTime: at(start),
      completionTime: at(end),
      succeeded: 1,
      ready: 0,
      terminating: 0,
      uncountedTerminatedPods: {},
      conditions: [finished('SuccessCriteriaMet'), finished('Complete')],
    },
    failed: {
      startTime: at(start),
      failed: 3,
      ready: 0,
      terminating: 0,
      uncountedTerminatedPods: {},
      conditions: [
        finished('FailureTarget', backoff),
        finished('Failed', backoff),
      ],
    },
    running: {
      startTime: at(start),
      active: 1,
      ready: 1,
      terminating: 0,
      uncountedTerminatedPods: {},
    },
  };
  const status = statusByOutcome[outcome];
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: {
      name,
      namespace: cronJob.metadata!.namespace,
      uid,
      resourceVersion: String(50000 + (start.getTime() % 10000)),
      generation: 1,
      creationTimestamp: at(start),
      labels,
      annotations: {
        'batch.kubernetes.io/cronjob-scheduled-timestamp': at(
          new Date(scheduled),
        ),
      },
      ownerReferences: [
        {
          apiVersion: 'batch/v1',
          kind: 'CronJob',
          name: cronJob.metadata!.name!,
          uid: cronJob.metadata!.uid!,
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
    },
    spec: {
      ...template.spec,
      completions: 1,
      parallelism: 1,
      completionMode: 'NonIndexed',
      suspend: false,
      podReplacementPolicy: 'TerminatingOrFailed',
      selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': uid } },
      template: {
        ...template.spec.template,
        metadata: { ...template.spec.template.metadata, labels },
      },
    },
    status,
  } as unknown as V1Job;
}
