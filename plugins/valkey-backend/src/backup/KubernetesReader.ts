import {
  BatchV1Api,
  CoreV1Api,
  KubeConfig,
  V1CronJob,
  V1Job,
} from '@kubernetes/client-node';
import { KubernetesClusterConfig } from '../config/statusConfig';

/** The chart's labels on the backup CronJob, its Jobs and pods. */
export function backupSelector(instance: string): string {
  return [
    'app.kubernetes.io/name=valkey',
    `app.kubernetes.io/instance=${instance}`,
    'app.kubernetes.io/component=backup',
  ].join(',');
}

/**
 * What the plugin asks of one environment's Kubernetes cluster: reads for the
 * status, and the one write of "Back up now" (creating a Job).
 */
export class KubernetesReader {
  private readonly batch: BatchV1Api;
  private readonly core: CoreV1Api;

  constructor(
    cluster: KubernetesClusterConfig,
    private readonly timeoutMs: number,
  ) {
    const kc = new KubeConfig();
    kc.loadFromOptions({
      clusters: [
        {
          name: 'valkey-status',
          server: cluster.url,
          caData: cluster.caData,
          skipTLSVerify: cluster.skipTLSVerify,
        },
      ],
      users: [{ name: 'valkey-status', token: cluster.token }],
      contexts: [
        {
          name: 'valkey-status',
          cluster: 'valkey-status',
          user: 'valkey-status',
        },
      ],
      currentContext: 'valkey-status',
    });
    this.batch = kc.makeApiClient(BatchV1Api);
    this.core = kc.makeApiClient(CoreV1Api);
  }

  /** The instance's backup CronJob (by the chart's labels) and its Jobs. */
  async backupObjects(
    namespace: string,
    instance: string,
  ): Promise<{ cronJob?: V1CronJob; jobs: V1Job[] }> {
    const labelSelector = backupSelector(instance);
    const [cronJobs, jobs] = await Promise.all([
      this.withTimeout(
        this.batch.listNamespacedCronJob({ namespace, labelSelector }),
        `listing CronJobs in ${namespace}`,
      ),
      this.withTimeout(
        this.batch.listNamespacedJob({ namespace, labelSelector }),
        `listing Jobs in ${namespace}`,
      ),
    ]);
    return { cronJob: cronJobs.items[0], jobs: jobs.items };
  }

  /** Creates a Job (a manual backup run); answers the Job as the API server stored it. */
  async createJob(namespace: string, job: V1Job): Promise<V1Job> {
    return this.withTimeout(
      this.batch.createNamespacedJob({ namespace, body: job }),
      `creating Job ${job.metadata?.name} in ${namespace}`,
    );
  }

  /** One key of a Secret, decoded. */
  async secretValue(
    namespace: string,
    name: string,
    key: string,
  ): Promise<string> {
    const secret = await this.withTimeout(
      this.core.readNamespacedSecret({ name, namespace }),
      `reading Secret ${namespace}/${name}`,
    );
    const encoded = secret.data?.[key];
    if (encoded === undefined) {
      throw new Error(`Secret ${namespace}/${name} has no key ${key}`);
    }
    return Buffer.from(encoded, 'base64').toString('utf8');
  }

  private withTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
    let timer: NodeJS.Timeout;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`${what} timed out after ${this.timeoutMs} ms`)),
        this.timeoutMs,
      );
    });
    return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
  }
}

/** A short reason from a client-node error (HTTP status and message, never headers). */
export function kubernetesErrorMessage(error: unknown): string {
  const e = error as { code?: number; body?: unknown; message?: string };
  if (typeof e?.code === 'number') {
    let reason = '';
    try {
      const body = typeof e.body === 'string' ? JSON.parse(e.body) : e.body;
      reason = (body as { message?: string })?.message ?? '';
    } catch {
      // not JSON
    }
    return `HTTP ${e.code}${reason ? `: ${reason}` : ''}`;
  }
  return e?.message ?? String(error);
}
