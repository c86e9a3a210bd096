/*
 * A Valkey Cluster whose nodes are configured by the chart's own valkey-init.sh
 * and operated by its Job scripts, on loopback. Each "pod" ops-valkey-<n> has its
 * own port (bus port = port + 10000), data/config/secret directories, and a
 * name in the hosts file (VALKEY_HOSTS_FILE) that stands in for the headless
 * Service's DNS record.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CliTls,
  freePorts,
  parseInfo,
  startValkeyServer,
  ValkeyServer,
  valkeyCli,
  waitUntil,
} from '@valkey-backstage/valkey-local';
import {
  hasInitContainer,
  RELEASE,
  renderChart,
  RenderedChart,
  renderedEnv,
  Secrets,
  secretEnv,
} from './chart';
import {
  downloadsFromBucket,
  runBackupJob,
  runRestoreInit,
  uploadsToBucket,
} from './bucketSteps';
import { dirIn, HostsFile, NAMESPACE, podEnv, podMounts } from './pods';
import { Env, runScript, runScriptOk, ScriptResult } from './scripts';
import { pointConfigAtTls, TLS_MOUNT, writeTlsSecret } from './tlsCerts';

export const FULLNAME = `${RELEASE}-valkey`;
const HEADLESS = `${FULLNAME}-headless`;

export type ClusterPod = {
  ordinal: number;
  name: string;
  fqdn: string;
  host: string;
  port: number;
  dir: string;
  server?: ValkeyServer;
};

export class ChartCluster {
  readonly pods = new Map<number, ClusterPod>();
  readonly hosts: HostsFile;
  private readonly secretsDir: string;
  /** What the pods and Jobs mount at /etc/valkey/tls. */
  private readonly tlsDir: string;
  /** With tls.enabled: the test's certificates (the TLS Secret), used by every client here too. */
  readonly tls?: CliTls;
  /** What the pods and Jobs mount at /backup (another cluster's, to restore from it). */
  backupDir: string;
  /** Stand-in Secrets for secretKeyRefs other than the password (e.g. the bucket's key pair). */
  secrets: Secrets = {};

  private constructor(
    public rendered: RenderedChart,
    readonly root: string,
    readonly password: string,
    private set: Record<string, string | number | boolean>,
  ) {
    this.hosts = new HostsFile(join(root, 'hosts'));
    this.backupDir = dirIn(root, 'backup');
    this.secretsDir = dirIn(root, 'secrets');
    this.tlsDir = dirIn(root, 'tls');
    if (String(set['tls.enabled']) === 'true') {
      this.tls = writeTlsSecret(this.tlsDir);
      pointConfigAtTls(rendered.configDir, this.tlsDir);
    }
    writeFileSync(join(this.secretsDir, 'valkey-password'), password, {
      mode: 0o600,
    });
    writeFileSync(
      join(this.secretsDir, 'monitoring-password'),
      `${password}-monitor`,
      { mode: 0o600 },
    );
    writeFileSync(
      join(this.secretsDir, 'operations-password'),
      `${password}-operations`,
      { mode: 0o600 },
    );
  }

  /** Renders the chart in cluster mode (`set` adds values) and prepares a root dir. */
  static async create(
    set: Record<string, string | number | boolean> = {},
  ): Promise<ChartCluster> {
    const values = { mode: 'cluster', 'cluster.nodeTimeout': 2000, ...set };
    const rendered = await renderChart(values);
    const password = `pw-${Math.random().toString(36).slice(2, 12)}`;
    return new ChartCluster(
      rendered,
      mkdtempSync(join(tmpdir(), 'ops-cluster-')),
      password,
      values,
    );
  }

  /** "helm upgrade": renders again with more values; later pods and Jobs use the new output. */
  async upgrade(set: Record<string, string | number | boolean>) {
    const old = this.rendered;
    this.set = { ...this.set, ...set };
    this.rendered = await renderChart(this.set);
    if (this.tls) pointConfigAtTls(this.rendered.configDir, this.tlsDir);
    rmSync(old.scriptsDir, { recursive: true, force: true });
    rmSync(old.configDir, { recursive: true, force: true });
  }

  get scriptsDir() {
    return this.rendered.scriptsDir;
  }

  /** Reserves ports for ordinals [from, to) (port and bus port free). */
  async addPods(from: number, to: number, host = '127.0.0.1') {
    const ports = await freePorts(to - from, { withBus: true });
    for (let i = from; i < to; i++) {
      const name = `${FULLNAME}-${i}`;
      this.pods.set(i, {
        ordinal: i,
        name,
        fqdn: `${name}.${HEADLESS}.${NAMESPACE}.svc.cluster.local`,
        host,
        port: ports[i - from],
        dir: dirIn(this.root, name),
      });
    }
  }

  pod(i: number): ClusterPod {
    const p = this.pods.get(i);
    if (!p) throw new Error(`no pod ${i}`);
    return p;
  }

  /** Addressing of every known ordinal: VALKEY_PORT_<n>, names through the hosts file. */
  private addressing(): Env {
    const env: Env = { VALKEY_HOSTS_FILE: this.hosts.path };
    for (const p of this.pods.values())
      env[`VALKEY_PORT_${p.ordinal}`] = p.port;
    return env;
  }

  private mounts(p: ClusterPod) {
    // Restoring from a bucket, /backup is the pod's own scratch volume.
    const backupDir = downloadsFromBucket(this.rendered.objects, FULLNAME)
      ? dirIn(p.dir, 'backup-scratch')
      : this.backupDir;
    return podMounts(
      {
        configDir: this.rendered.configDir,
        secretsDir: this.secretsDir,
        backupDir,
        tlsDir: this.tlsDir,
      },
      p.dir,
    );
  }

  /** Env of a container of the data StatefulSet, as the chart renders it, on loopback. */
  podEnv(
    p: ClusterPod,
    container: 'init-config' | 'valkey' | 'restore' | 'restore-download',
  ): Env {
    const rendered = renderedEnv(
      this.rendered.objects,
      'StatefulSet',
      FULLNAME,
      container,
    );
    const env = podEnv(rendered, this.mounts(p), {
      POD_NAME: p.name,
      POD_IP: p.host,
      VALKEY_NAMESPACE: NAMESPACE,
    });
    // The pod's network identity on loopback: its own port and address.
    const extraFlags = join(p.dir, 'extra-flags.conf');
    writeFileSync(
      extraFlags,
      `${this.rendered.dataConfig['extra-flags.conf'] ?? ''}\nbind ${
        p.host
      }\nbind-source-addr ${p.host}\ncluster-port ${p.port + 10000}\n`,
    );
    return {
      ...env,
      ...this.addressing(),
      VALKEY_EXTRA_FLAGS_FILE: extraFlags,
      // TLS only when TLS is on (the base config says port 0)
      ...(this.tls
        ? { VALKEY_LISTEN_TLS_PORT: p.port }
        : { VALKEY_LISTEN_PORT: p.port }),
      VALKEY_ANNOUNCE_PORT: p.port,
      VALKEY_PORT: p.port,
      VALKEY_LOCAL_HOST: p.host,
      VALKEY_DATA_DIR: env.VALKEY_DATA_DIR ?? this.mounts(p)['/data'],
      REDISCLI_AUTH: container === 'valkey' ? this.password : undefined,
    };
  }

  /** Env of a Job/CronJob container (cluster-init, cluster-scale, cluster-precheck, backup). */
  jobEnv(
    kind: 'Job' | 'CronJob',
    name: string,
    container: string,
    extra: Env = {},
    backupDir = this.backupDir,
  ): Env {
    const rendered = renderedEnv(this.rendered.objects, kind, name, container);
    return {
      ...podEnv(
        rendered,
        {
          '/backup': backupDir,
          '/tmp': dirIn(this.root, 'job-tmp'),
          [TLS_MOUNT]: this.tlsDir,
        },
        { VALKEY_NAMESPACE: NAMESPACE },
      ),
      ...secretEnv(this.rendered.objects, kind, name, container, this.secrets),
      ...this.addressing(),
      REDISCLI_AUTH: this.password,
      VALKEY_WAIT_TIMEOUT: 60,
      ...extra,
    };
  }

  /** Runs the backup CronJob's script once, with its rendered env. */
  runBackup(extra: Env = {}): Promise<ScriptResult> {
    const cronJob = `${FULLNAME}-backup`;
    return runBackupJob(
      uploadsToBucket(this.rendered.objects, cronJob),
      this.backupDir,
      this.root,
      (script, container, dir) =>
        runScript(
          this.scriptsDir,
          script,
          this.jobEnv('CronJob', cronJob, container, extra, dir),
          180_000,
        ),
    );
  }

  /** Runs a Job script of the chart (e.g. 'cluster-init') with its rendered env. */
  runJob(
    component: string,
    extra: Env = {},
    timeoutMs = 180_000,
  ): Promise<ScriptResult> {
    const name = `${FULLNAME}-${component}`;
    return runScript(
      this.scriptsDir,
      `${component}.sh`,
      this.jobEnv('Job', name, component, extra),
      timeoutMs,
    );
  }

  /** Gives a stopped pod a new address (a rescheduled pod's new IP; its DNS name follows). */
  movePod(i: number, host: string) {
    const p = this.pod(i);
    p.host = host;
    this.hosts.set(p.host, [p.fqdn, `${p.name}.${HEADLESS}`]);
  }

  /** Output of the last restore init container per ordinal (when backup.restore.enabled). */
  readonly restoreLogs = new Map<number, string>();

  /**
   * "Starts the pod": init containers (restore.sh when rendered, valkey-init.sh),
   * then valkey-server with the config they wrote.
   */
  async startPod(i: number) {
    const p = this.pod(i);
    this.hosts.set(p.host, [p.fqdn, `${p.name}.${HEADLESS}`]);
    if (hasInitContainer(this.rendered, FULLNAME, 'restore')) {
      this.restoreLogs.set(
        i,
        await runRestoreInit(
          this.scriptsDir,
          this.rendered.objects,
          FULLNAME,
          this.secrets,
          c => this.podEnv(p, c),
        ),
      );
    }
    await runScriptOk(
      this.scriptsDir,
      'valkey-init.sh',
      this.podEnv(p, 'init-config'),
    );
    p.server = await startValkeyServer({
      host: p.host,
      port: p.port,
      configFile: join(p.dir, 'run', 'conf', 'valkey.conf'),
      dir: dirIn(p.dir, 'data'),
      password: this.password,
      tls: this.tls,
      startTimeoutMs: 20_000,
    });
  }

  /** Stops the pod's server (the preStop hook runs first when `preStop`). */
  async stopPod(i: number, { preStop = false } = {}) {
    const p = this.pod(i);
    if (preStop)
      await runScript(
        this.scriptsDir,
        'prestop.sh',
        this.podEnv(p, 'valkey'),
        60_000,
      );
    await p.server?.stop();
  }

  /** Removes a scaled-away pod: server stopped, DNS record gone (the PVC is kept, as with whenScaled: Retain). */
  async deletePod(i: number) {
    await this.stopPod(i);
    this.hosts.remove(this.pod(i).fqdn);
    this.pods.delete(i);
  }

  cli(i: number, args: string[]) {
    const p = this.pod(i);
    return valkeyCli({ host: p.host, port: p.port }, args, {
      password: this.password,
      tls: this.tls,
    });
  }

  clusterNodes(i = this.firstOrdinal()) {
    return this.cli(i, ['CLUSTER', 'NODES']);
  }

  firstOrdinal() {
    return Math.min(...this.pods.keys());
  }

  async clusterInfo(i: number) {
    return parseInfo(await this.cli(i, ['CLUSTER', 'INFO']));
  }

  /** Waits until every running pod reports cluster_state:ok and knows `known` nodes. */
  async waitForOk(known: number, timeoutMs = 60_000) {
    await waitUntil(
      `cluster_state:ok with ${known} known nodes on every pod`,
      async () => {
        for (const p of this.pods.values()) {
          const info = await this.clusterInfo(p.ordinal);
          if (
            info.cluster_state !== 'ok' ||
            Number(info.cluster_known_nodes) !== known
          )
            return false;
        }
        return true;
      },
      timeoutMs,
      250,
    );
  }

  /** `valkey-cli --cluster check` from pod `i`: output and whether it reported problems. */
  async check(i = this.firstOrdinal()) {
    const p = this.pod(i);
    const out = await valkeyCli(
      { host: p.host, port: p.port },
      ['--cluster', 'check', `${p.host}:${p.port}`],
      {
        password: this.password,
        tls: this.tls,
      },
    ).catch(e => String(e));
    return {
      out,
      clean:
        out.includes('[OK] All 16384 slots covered.') &&
        !/\[ERR\]|\[WARNING\]/.test(out),
    };
  }

  async destroy() {
    await Promise.all([...this.pods.values()].map(p => p.server?.destroy()));
    rmSync(this.root, { recursive: true, force: true });
    rmSync(this.rendered.scriptsDir, { recursive: true, force: true });
    rmSync(this.rendered.configDir, { recursive: true, force: true });
  }
}
