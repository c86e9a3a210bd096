import { CacheService, LoggerService } from '@backstage/backend-plugin-api';
import { ConflictError, InputError } from '@backstage/errors';
import {
  OperationResult,
  ValkeyMode,
} from '@valkey-backstage/plugin-valkey-common';
import { kubernetesErrorMessage } from '../backup/KubernetesReader';
import { backupRunOf } from '../backup/backupStatus';
import { jobSuffix, manualBackupJob } from '../backup/manualBackupJob';
import { ConnectionOptions } from '../client';
import { uniqueAddresses } from '../probes/nodeQuery';
import { StatusService } from '../status/StatusService';
import { resolveCredentials } from '../targets/resolveCredentials';
import { resolveTarget, ResolvedTarget } from '../targets/resolveTarget';
import {
  chosenReplica,
  clusterFailover,
  replicaPromoted,
} from './clusterFailover';
import { sentinelFailover, sentinelPrimaryMoved } from './sentinelFailover';

/** One (instance, environment) an operation runs on; names only, endpoints come from config. */
export interface OperationTarget {
  entityRef: string;
  instance: string;
  environment: string;
  mode?: ValkeyMode;
}

/** A failover started here counts as running for this long (all backend replicas, through the cache). */
const FAILOVER_LOCK_MS = 30_000;
/** How long and how often a started failover is followed until it completes. */
const FOLLOW_MS = 60_000;
const FOLLOW_EVERY_MS = 500;

/**
 * Back up now and fail over for one (instance, environment), with the
 * environment's operations credentials (never the monitoring user's).
 * Refusals are ConflictError (409) with the reason; what the caller must
 * change is InputError (400). After an operation the shared status is
 * dropped, so the next refresh shows its effect.
 */
export class OperationsService {
  private readonly now: () => Date;
  private readonly following = new Set<NodeJS.Timeout>();
  private stopped = false;

  constructor(
    private readonly options: {
      status: StatusService;
      cache: CacheService;
      logger: LoggerService;
      now?: () => Date;
    },
  ) {
    this.now = options.now ?? (() => new Date());
  }

  /** Whether operations are set up for an environment (config only). */
  configured(environment: string): boolean {
    return !!this.options.status.config.environments.get(environment)
      ?.operations;
  }

  async backupNow(op: OperationTarget): Promise<OperationResult> {
    const target = this.targetOf(op);
    const startedAt = this.now().toISOString();
    const kube = this.options.status.kubernetesFor(target.config);
    if (!kube) {
      throw new InputError(
        `backups cannot be started in environment ${op.environment}: the portal has no access to its Kubernetes cluster`,
      );
    }
    const { namespace } = target;
    let objects;
    try {
      objects = await kube.backupObjects(namespace, target.instance);
    } catch (error) {
      throw new Error(
        `could not read the backup CronJob in namespace ${namespace}: ${kubernetesErrorMessage(
          error,
        )}`,
      );
    }
    const { cronJob, jobs } = objects;
    if (!cronJob) {
      throw new ConflictError(
        `${target.instance} has no backup schedule in environment ${op.environment}; turn on backups for it first`,
      );
    }
    const running = jobs.map(backupRunOf).find(run => run.result === 'running');
    if (running) {
      throw new ConflictError(
        `backup ${running.name} is still running; wait until it ends`,
      );
    }
    let created;
    try {
      created = await kube.createJob(
        namespace,
        manualBackupJob(cronJob, jobSuffix()),
      );
    } catch (error) {
      throw new Error(
        `could not create the backup Job in namespace ${namespace}: ${kubernetesErrorMessage(
          error,
        )}`,
      );
    }
    await this.options.status.invalidate(target);
    const jobName = created.metadata?.name ?? '?';
    return {
      operation: 'backup',
      entityRef: op.entityRef,
      environment: op.environment,
      message: `Started backup ${jobName} from ${cronJob.metadata?.name}`,
      jobName,
      startedAt,
    };
  }

  async failover(
    op: OperationTarget,
    replica?: string,
  ): Promise<OperationResult> {
    const target = this.targetOf(op);
    const startedAt = this.now().toISOString();
    const connect = await this.operationsConnection(target);
    const status = await this.options.status.status(
      op.entityRef,
      op.instance,
      op.environment,
      op.mode,
    );
    const kind = status.topology?.kind ?? op.mode;
    const lockKey = `operations:v1:failover:${target.key}`;
    if (await this.options.cache.get(lockKey)) {
      throw new ConflictError(
        `a failover of ${op.instance} in ${op.environment} was started moments ago and is still running`,
      );
    }
    let result: OperationResult;
    let completed: () => Promise<boolean>;
    if (status.topology?.kind === 'sentinel' && target.sentinel) {
      const known = status.topology.sentinels.map(s => s.address);
      const sentinels = uniqueAddresses([
        `${target.sentinel.host}:${target.sentinel.port}`,
        ...target.podSentinels,
        ...known,
      ]);
      const done = await sentinelFailover(
        sentinels,
        target.sentinel.primaryName,
        connect,
      );
      result = {
        operation: 'failover',
        entityRef: op.entityRef,
        environment: op.environment,
        message: `Sentinel started a failover away from ${done.previousPrimary}`,
        previousPrimary: done.previousPrimary,
        startedAt,
      };
      const { primaryName } = target.sentinel;
      completed = () =>
        sentinelPrimaryMoved(
          done.sentinel,
          primaryName,
          done.previousPrimary,
          connect,
        );
    } else if (status.topology?.kind === 'cluster') {
      const chosen = chosenReplica(status.topology, replica);
      await clusterFailover(chosen, connect);
      result = {
        operation: 'failover',
        entityRef: op.entityRef,
        environment: op.environment,
        message: `${chosen.replica} is taking over its shard from ${chosen.primary}`,
        previousPrimary: chosen.primary,
        replica: chosen.replica,
        startedAt,
      };
      completed = () => replicaPromoted(chosen.replica, connect);
    } else if (!status.topology) {
      throw new ConflictError(
        `${op.instance} in ${op.environment} cannot be reached right now, so no failover was started: ${status.summary}`,
      );
    } else {
      throw new InputError(
        `fail over needs Sentinel or cluster mode; ${op.instance} runs in ${kind} mode`,
      );
    }
    await this.options.cache.set(lockKey, startedAt, {
      ttl: FAILOVER_LOCK_MS,
    });
    await this.options.status.invalidate(target);
    this.options.logger.info(
      `${result.message} (${op.entityRef}, environment ${op.environment})`,
    );
    this.follow(target, lockKey, completed);
    return result;
  }

  /** Stops following failovers (backend shutdown, tests). */
  stop(): void {
    this.stopped = true;
    for (const timer of this.following) clearTimeout(timer);
    this.following.clear();
  }

  /**
   * Follows a started failover until it completes, then drops the shared
   * status (so the next refresh shows the new primary, not the failover in
   * progress) and the lock (so the next failover may start).
   */
  private follow(
    target: ResolvedTarget,
    lockKey: string,
    completed: () => Promise<boolean>,
  ) {
    const until = Date.now() + FOLLOW_MS;
    const schedule = () => {
      if (this.stopped) return;
      const timer = setTimeout(async () => {
        this.following.delete(timer);
        const done = await completed().catch(() => false);
        if (done) {
          await this.options.status.invalidate(target);
          await this.options.cache.delete(lockKey).catch(() => undefined);
          this.options.logger.info(
            `failover of ${target.instance} in ${target.environment} completed`,
          );
        } else if (Date.now() < until) {
          schedule();
        } else {
          this.options.logger.warn(
            `failover of ${target.instance} in ${
              target.environment
            } did not complete within ${FOLLOW_MS / 1000} s`,
          );
        }
      }, FOLLOW_EVERY_MS).unref();
      this.following.add(timer);
    };
    schedule();
  }

  private targetOf(op: OperationTarget): ResolvedTarget {
    const target = resolveTarget(
      this.options.status.config,
      op.instance,
      op.environment,
      op.mode,
    );
    if (!target.config.operations) {
      throw new InputError(
        `operations are not set up for environment ${op.environment}; ask the platform team to turn them on`,
      );
    }
    return target;
  }

  /** Connection options with the operations user (password from config or its Secret). */
  private async operationsConnection(
    target: ResolvedTarget,
  ): Promise<(host: string, port: number) => ConnectionOptions> {
    const credentials = await resolveCredentials(
      target.config.operations?.credentials,
      target,
      this.options.status.kubernetesFor(target.config),
      'operations',
    );
    if ('error' in credentials) throw new Error(credentials.error);
    const { connectTimeoutMs, commandTimeoutMs } = this.options.status.config;
    return (host, port) => ({
      host,
      port,
      tls: target.config.tls,
      ...(credentials.password
        ? { username: credentials.username, password: credentials.password }
        : {}),
      connectTimeoutMs,
      commandTimeoutMs,
    });
  }
}
