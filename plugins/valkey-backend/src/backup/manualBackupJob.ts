import type { V1CronJob, V1Job } from '@kubernetes/client-node';

/** What `kubectl create job --from=cronjob/...` marks a manual run with. */
export const INSTANTIATE_ANNOTATION = 'cronjob.kubernetes.io/instantiate';

/** Job names become a `job-name` label value: at most 63 characters. */
const MAX_JOB_NAME = 63;

/**
 * The Job of a manual backup run, built the way `kubectl create job
 * --from=cronjob/<name>` builds it: the CronJob's jobTemplate (labels,
 * annotations, spec), the annotation `cronjob.kubernetes.io/instantiate:
 * manual`, and the CronJob as controlling owner (so the CronJob's history
 * limits and deletion apply to it). `suffix` makes the name unique.
 */
export function manualBackupJob(cronJob: V1CronJob, suffix: string): V1Job {
  const cronName = cronJob.metadata?.name;
  const uid = cronJob.metadata?.uid;
  const template = cronJob.spec?.jobTemplate;
  if (!cronName || !uid || !template?.spec) {
    throw new Error(
      'the backup CronJob has no name, uid or job template to create a Job from',
    );
  }
  const tail = `-manual-${suffix}`;
  const name = `${cronName
    .slice(0, MAX_JOB_NAME - tail.length)
    .replace(/-+$/, '')}${tail}`;
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: {
      name,
      namespace: cronJob.metadata?.namespace,
      labels: { ...(template.metadata?.labels ?? {}) },
      annotations: {
        ...(template.metadata?.annotations ?? {}),
        [INSTANTIATE_ANNOTATION]: 'manual',
      },
      ownerReferences: [
        {
          apiVersion: 'batch/v1',
          kind: 'CronJob',
          name: cronName,
          uid,
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
    },
    spec: template.spec,
  };
}

/** A short random suffix of lowercase letters and digits, like the API server's generateName. */
export function jobSuffix(random: () => number = Math.random): string {
  const alphabet = 'bcdfghjklmnpqrstvwxz2456789';
  return Array.from(
    { length: 5 },
    () => alphabet[Math.floor(random() * alphabet.length)],
  ).join('');
}
