import { CacheService, LoggerService } from '@backstage/backend-plugin-api';
import {
  BackupStatus,
  InstanceStatus,
  InstanceStatusAnswer,
  StatusProblem,
  statusNotConfiguredMessage,
  statusNotDeployedMessage,
  ValkeyMode,
} from '@valkey-backstage/plugin-valkey-common';
import { backupStatusOf } from '../backup/backupStatus';
import {
  KubernetesReader,
  kubernetesErrorMessage,
} from '../backup/KubernetesReader';
import { KnownNodesStore } from '../cache/KnownNodesStore';
import { SharedResultCache } from '../cache/SharedResultCache';
import { EnvironmentConfig, StatusConfig } from '../config/statusConfig';
import { probeInstance, ProbeResult, ProbeTarget } from '../probes';
import { resolveCredentials } from '../targets/resolveCredentials';
import { resolveTarget, ResolvedTarget } from '../targets/resolveTarget';
import { dataNodesOf } from './collectNodes';
import { enginePersistence } from './enginePersistence';
import { overallHealth } from './overallHealth';
import { runtimeTotals } from './runtimeTotals';
import { serviceNameExists } from './serviceNameExists';
import { summaryLine } from './summaryLine';

/** The status document without the entity it was asked for (shared across entities). */
type TargetStatus = Omit<InstanceStatus, 'entityRef'>;

const statusKey = (target: ResolvedTarget) => `status:v1:${target.key}`;

export interface StatusServiceOptions {
  config: StatusConfig;
  cache: CacheService;
  logger: LoggerService;
  now?: () => Date;
  /** Whether a service host name exists (default: a DNS lookup). */
  hostExists?: (host: string) => Promise<boolean>;
}

/**
 * Status of (instance, environment): resolves the endpoint from config, probes
 * the instance and reads the backup objects at most once per refresh interval
 * for any number of callers, and assembles the status document.
 */
export class StatusService {
  private readonly results: SharedResultCache<TargetStatus>;
  private readonly known: KnownNodesStore;
  private readonly kubernetes = new Map<string, KubernetesReader>();
  private readonly hostChecks = new Map<
    string,
    { at: number; exists: Promise<boolean> }
  >();
  private readonly now: () => Date;

  constructor(private readonly options: StatusServiceOptions) {
    const { config } = options;
    this.results = new SharedResultCache(
      options.cache,
      config.refreshIntervalSeconds * 1000,
      config.maxConcurrentProbes,
      options.logger,
    );
    this.known = new KnownNodesStore(options.cache, options.logger);
    this.now = options.now ?? (() => new Date());
  }

  get config(): StatusConfig {
    return this.options.config;
  }

  /**
   * What the entity page shows for one of the entity's environments: the
   * status, or why there is none (not watched here, not deployed yet), which
   * no refresh can change until something else happens.
   */
  async answer(
    entityRef: string,
    instance: string,
    environment: string,
    mode: ValkeyMode | undefined,
  ): Promise<InstanceStatusAnswer> {
    const unavailable = (
      reason: 'not-configured' | 'not-deployed',
      message: string,
    ) => ({ entityRef, environment, unavailable: reason, message });
    if (!this.options.config.environments.has(environment)) {
      return unavailable(
        'not-configured',
        statusNotConfiguredMessage(environment),
      );
    }
    const target = resolveTarget(
      this.options.config,
      instance,
      environment,
      mode,
    );
    if (!(await this.hostExists(target.host))) {
      return unavailable('not-deployed', statusNotDeployedMessage(environment));
    }
    return this.statusOf(entityRef, target);
  }

  /**
   * Whether a service host name exists, asked at most once per refresh
   * interval per host: the cards poll every few seconds, and a lookup per
   * poll would reach the cluster's DNS for every viewer.
   */
  private hostExists(host: string): Promise<boolean> {
    const now = Date.now();
    const known = this.hostChecks.get(host);
    if (
      known &&
      now - known.at < this.options.config.refreshIntervalSeconds * 1000
    ) {
      return known.exists;
    }
    const exists = (this.options.hostExists ?? serviceNameExists)(host);
    this.hostChecks.set(host, { at: now, exists });
    return exists;
  }

  /** Throws InputError (400) for an environment that is not configured. */
  async status(
    entityRef: string,
    instance: string,
    environment: string,
    mode: ValkeyMode | undefined,
  ): Promise<InstanceStatus> {
    const target = resolveTarget(
      this.options.config,
      instance,
      environment,
      mode,
    );
    return this.statusOf(entityRef, target);
  }

  private async statusOf(
    entityRef: string,
    target: ResolvedTarget,
  ): Promise<InstanceStatus> {
    const result = await this.results.get(statusKey(target), () =>
      this.probe(target),
    );
    return { entityRef, ...result };
  }

  /** Forgets the cached status of a target, so the next read probes again. */
  async invalidate(target: ResolvedTarget): Promise<void> {
    await this.results.invalidate(statusKey(target));
  }

  private async probe(target: ResolvedTarget): Promise<TargetStatus> {
    const started = Date.now();
    const probedAt = this.now().toISOString();
    const problems: StatusProblem[] = [];
    let kube: KubernetesReader | undefined;
    try {
      kube = this.kubernetesFor(target.config);
    } catch (error) {
      problems.push({
        section: 'backup',
        kind: 'config',
        message: `the kubernetes settings of environment ${
          target.environment
        } are unusable: ${(error as Error).message}`,
      });
    }
    const [probe, backupRead] = await Promise.all([
      this.probeValkey(target, kube),
      kube ? this.readBackup(kube, target) : Promise.resolve(undefined),
    ]);
    problems.push(...probe.problems);
    let backup: BackupStatus | undefined;
    if (backupRead && 'error' in backupRead) {
      problems.push({
        section: 'backup',
        kind: 'unreachable',
        message: backupRead.error,
      });
    } else if (backupRead) {
      backup = backupRead.status;
      const nodes = dataNodesOf(probe.topology);
      if (nodes.length) backup.engine = enginePersistence(nodes);
      problems.push(...backupFindings(backup));
    }
    const runtime = runtimeTotals(dataNodesOf(probe.topology));
    return {
      environment: target.environment,
      mode: probe.mode,
      health: overallHealth(probe.topology, backup, problems),
      summary: summaryLine(probe.topology, backup, problems),
      probedAt,
      probeDurationMs: Date.now() - started,
      refreshIntervalSeconds: this.options.config.refreshIntervalSeconds,
      ...(probe.topology ? { topology: probe.topology } : {}),
      ...(runtime ? { runtime } : {}),
      ...(backup ? { backup } : {}),
      problems,
    };
  }

  private async probeValkey(
    target: ResolvedTarget,
    kube: KubernetesReader | undefined,
  ): Promise<ProbeResult> {
    const { config } = this.options;
    const credentials = await resolveCredentials(
      target.config.credentials,
      target,
      kube,
      'monitoring',
    );
    if ('error' in credentials) {
      return failedProbe(target, {
        section: 'connection',
        kind: 'config',
        message: credentials.error,
      });
    }
    const { username, password } = credentials;
    const known = await this.known.get(target.key);
    const probeTarget: ProbeTarget = {
      host: target.host,
      port: target.port,
      ...(target.sentinel ? { sentinel: target.sentinel } : {}),
      fallbacks: {
        knownNodes: known?.dataNodes ?? [],
        patternNodes: target.podNodes,
        knownSentinels: known?.sentinels ?? [],
        patternSentinels: target.podSentinels,
        ...(known ? { knownMode: known.mode } : {}),
        ...(known?.replicationId
          ? { knownReplicationId: known.replicationId }
          : {}),
      },
      ...(target.config.tls ? { tls: target.config.tls } : {}),
      ...(password ? { username, password } : {}),
      connectTimeoutMs: config.connectTimeoutMs,
      commandTimeoutMs: config.commandTimeoutMs,
    };
    const result = await probeInstance(probeTarget, target.mode);
    if (result.known) await this.known.set(target.key, result.known);
    return result;
  }

  private async readBackup(
    kube: KubernetesReader,
    target: ResolvedTarget,
  ): Promise<{ status: BackupStatus } | { error: string }> {
    try {
      const { cronJob, jobs } = await kube.backupObjects(
        target.namespace,
        target.instance,
      );
      return { status: backupStatusOf(cronJob, jobs, this.now()) };
    } catch (error) {
      return {
        error: `could not read the backup CronJob and Jobs in namespace ${
          target.namespace
        }: ${kubernetesErrorMessage(error)}`,
      };
    }
  }

  /** The environment's Kubernetes client (one per environment, shared with the operations). */
  kubernetesFor(env: EnvironmentConfig): KubernetesReader | undefined {
    if (!env.kubernetes) return undefined;
    let reader = this.kubernetes.get(env.name);
    if (!reader) {
      reader = new KubernetesReader(
        env.kubernetes,
        this.options.config.kubernetesTimeoutMs,
      );
      this.kubernetes.set(env.name, reader);
    }
    return reader;
  }
}

function failedProbe(
  target: ResolvedTarget,
  problem: StatusProblem,
): ProbeResult {
  return { mode: target.mode ?? 'standalone', problems: [problem] };
}

function backupFindings(backup: BackupStatus): StatusProblem[] {
  const findings: StatusProblem[] = [];
  if (!backup.configured) return findings;
  if (backup.stale) {
    findings.push({
      section: 'backup',
      kind: 'unhealthy',
      message: backup.lastSuccessTime
        ? `the last successful backup finished ${backup.lastSuccessTime}, more than two schedule intervals ago`
        : 'no successful backup is recorded',
    });
  }
  if (backup.lastRun?.result === 'failed') {
    findings.push({
      section: 'backup',
      kind: 'unhealthy',
      message: `the last backup Job ${backup.lastRun.name} failed${
        backup.lastRun.message ? `: ${backup.lastRun.message}` : ''
      }`,
    });
  }
  const engine = backup.engine;
  if (engine?.rdbFailingNodes.length) {
    findings.push({
      section: 'persistence',
      kind: 'unhealthy',
      message: `the last RDB save failed on ${engine.rdbFailingNodes.join(
        ', ',
      )}`,
    });
  }
  if (engine?.aofFailingNodes.length) {
    findings.push({
      section: 'persistence',
      kind: 'unhealthy',
      message: `AOF writes or rewrites failed on ${engine.aofFailingNodes.join(
        ', ',
      )}`,
    });
  }
  return findings;
}
