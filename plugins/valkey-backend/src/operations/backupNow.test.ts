import { CacheManager } from '@backstage/backend-defaults/cache';
import { ConfigReader } from '@backstage/config';
import { freePort } from '@valkey-backstage/valkey-local';
import {
  FakeKubernetesApi,
  startFakeKubernetesApi,
} from '../backup/__testUtils__/fakeKubernetesApi';
import {
  chartBackupCronJob,
  jobOf,
} from '../backup/__testUtils__/kubernetesObjects';
import { INSTANTIATE_ANNOTATION } from '../backup/manualBackupJob';
import { statusServiceFor } from '../__testUtils__/statusHarness';
import { resolveTarget } from '../targets/resolveTarget';
import { OperationsService } from './OperationsService';

const silent = {
  error() {},
  warn() {},
  info() {},
  debug() {},
  child: () => silent,
} as any;

describe('back up now: a Job from the backup CronJob through the Kubernetes API (stand-in API server, real client)', () => {
  let api: FakeKubernetesApi;
  let objects: any[];
  let unusedPort: number;
  const cronJob = chartBackupCronJob({
    lastSuccessfulTime: '2026-01-10T02:00:42Z',
  });
  const op = {
    entityRef: 'resource:default/orders',
    instance: 'orders',
    environment: 'prod',
    mode: 'standalone' as const,
  };

  beforeEach(async () => {
    objects = [
      { kind: 'CronJob', ...cronJob },
      { kind: 'Job', ...jobOf(cronJob, '2026-01-10T02:00:00Z', 'succeeded') },
    ];
    api = await startFakeKubernetesApi({ token: 'ops-token', objects });
    unusedPort = await freePort();
  });
  afterEach(() => api.close());

  const serviceFor = (operations: object | null = {}) => {
    const status = statusServiceFor({
      refreshIntervalSeconds: 60,
      connectTimeoutMs: 300,
      commandTimeoutMs: 300,
      environments: [
        {
          name: 'prod',
          instances: { orders: { host: '127.0.0.1', port: unusedPort } },
          kubernetes: { url: api.url, caData: api.caData, token: 'ops-token' },
          ...(operations ? { operations } : {}),
        },
      ],
    });
    const cache = CacheManager.fromConfig(new ConfigReader({})).forPlugin(
      'valkey',
    );
    return {
      status,
      operations: new OperationsService({ status, cache, logger: silent }),
    };
  };

  it('creates the Job like kubectl create job --from=cronjob: template, owner, manual annotation', async () => {
    const { operations } = serviceFor();
    const result = await operations.backupNow(op);

    const post = api.requests.find(r => r.method === 'POST');
    expect(post).toMatchObject({
      path: '/apis/batch/v1/namespaces/orders/jobs',
      authorized: true,
    });
    const job = post!.body as any;
    expect(job.metadata.name).toMatch(
      /^orders-valkey-backup-manual-[a-z0-9]{5}$/,
    );
    expect(result).toMatchObject({
      operation: 'backup',
      environment: 'prod',
      jobName: job.metadata.name,
    });
    expect(result.message).toContain(job.metadata.name);
    expect(job.metadata.annotations[INSTANTIATE_ANNOTATION]).toBe('manual');
    expect(job.metadata.ownerReferences).toEqual([
      {
        apiVersion: 'batch/v1',
        kind: 'CronJob',
        name: 'orders-valkey-backup',
        uid: cronJob.metadata!.uid,
        controller: true,
        blockOwnerDeletion: true,
      },
    ]);
    expect(job.metadata.labels).toEqual(
      cronJob.spec!.jobTemplate.metadata!.labels,
    );
    expect(job.spec).toEqual(
      JSON.parse(JSON.stringify(cronJob.spec!.jobTemplate.spec)),
    );
  });

  it('the backup status shows the new run as it starts and as it ends', async () => {
    const { operations, status } = serviceFor();
    // A status read before: cached for 60 s, so only the invalidation makes the run visible.
    const before = await status.status(
      op.entityRef,
      'orders',
      'prod',
      'standalone',
    );
    expect(before.backup?.lastRun?.result).toBe('succeeded');

    const { jobName } = await operations.backupNow(op);
    const started = await status.status(
      op.entityRef,
      'orders',
      'prod',
      'standalone',
    );
    expect(started.backup?.lastRun).toMatchObject({
      name: jobName,
      result: 'running',
    });

    // The Job controller finishes it.
    const stored = objects.find(o => o.metadata?.name === jobName);
    stored.status = {
      startTime: stored.metadata.creationTimestamp,
      completionTime: new Date().toISOString(),
      succeeded: 1,
      conditions: [{ type: 'Complete', status: 'True' }],
    };
    await status.invalidate(
      resolveTarget(status.config, 'orders', 'prod', 'standalone'),
    );
    const ended = await status.status(
      op.entityRef,
      'orders',
      'prod',
      'standalone',
    );
    expect(ended.backup?.lastRun).toMatchObject({
      name: jobName,
      result: 'succeeded',
    });
  });

  it('refuses while a backup Job is still running, and creates nothing', async () => {
    objects.push({
      kind: 'Job',
      ...jobOf(cronJob, '2026-01-11T02:00:00Z', 'running'),
    });
    const { operations } = serviceFor();
    await expect(operations.backupNow(op)).rejects.toMatchObject({
      name: 'ConflictError',
      message: expect.stringMatching(
        /backup orders-valkey-backup-\d+ is still running/,
      ),
    });
    expect(api.requests.filter(r => r.method === 'POST')).toHaveLength(0);
  });

  it('refuses an instance without a backup schedule', async () => {
    objects.splice(0, objects.length);
    const { operations } = serviceFor();
    await expect(operations.backupNow(op)).rejects.toMatchObject({
      name: 'ConflictError',
      message:
        'orders has no backup schedule in environment prod; turn on backups for it first',
    });
  });

  it('refuses an environment without operations, before asking Kubernetes anything', async () => {
    const { operations } = serviceFor(null);
    await expect(operations.backupNow(op)).rejects.toMatchObject({
      name: 'InputError',
      message:
        'operations are not set up for environment prod; ask the platform team to turn them on',
    });
    expect(api.requests).toHaveLength(0);
  });

  it('says what the API server answered when it refuses the Job', async () => {
    const { operations } = serviceFor();
    const reader = (operations as any).options.status.kubernetesFor(
      (operations as any).options.status.config.environments.get('prod'),
    );
    reader.createJob = async () => {
      throw Object.assign(new Error('HTTP-Code: 403'), {
        code: 403,
        body: JSON.stringify({
          message:
            'jobs.batch is forbidden: User "system:serviceaccount:backstage:valkey" cannot create resource "jobs"',
        }),
      });
    };
    await expect(operations.backupNow(op)).rejects.toThrow(
      'could not create the backup Job in namespace orders: HTTP 403: jobs.batch is forbidden',
    );
  });
});
