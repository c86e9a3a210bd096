/*
 * Data pods and Sentinels configured by the chart's valkey-init.sh and
 * sentinel-init.sh, on loopback. Sentinel resolves the announced names itself
 * (resolve-hostnames), so here every pod announces 127.0.0.1 and its own port
 * (VALKEY_ANNOUNCE_HOST/PORT, VALKEY_HOST_<n>/VALKEY_PORT_<n>,
 * VALKEY_SENTINEL_HOST_<n>/VALKEY_SENTINEL_PORT_<n>) instead of pod DNS names.
 * With `mode: 'standalone'` and no Sentinels it runs the standalone StatefulSet.
 */
import {
  mkdirSync,
  mkdtempSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
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
import { countKeys } from './keys';
import { dirIn, HostsFile, NAMESPACE, podEnv, podMounts } from './pods';
import { pointConfigAtTls, TLS_MOUNT, writeTlsSecret } from './tlsCerts';
import {
  Env,
  runScript,
  runScriptOk,
  ScriptResult,
  startSidecar,
  Sidecar,
} from './scripts';

export const FULLNAME = `${RELEASE}-valkey`;
const HOST = '127.0.0.1';

export type Pod = {
  ordinal: number;
  name: string;
  port: number;
  dir: string;
  server?: ValkeyServer;
  sidecars: Sidecar[];
};

export class ChartSentinel {
  readonly data: Pod[] = [];
  readonly sentinels: Pod[] = [];
  readonly secretsDir: string;
  /** What the pods mount at /etc/valkey/tls (tls.certMountPath). */
  readonly tlsDir: string;
  /** With tls.enabled: the test's certificates (the TLS Secret), used by every client here too. */
  readonly tls?: CliTls;
  readonly downAfterMs: number;
  readonly failoverTimeoutMs: number;
  /** What the pods and the backup Job mount at /backup (another instance's, to restore from it). */
  backupDir: string;
  /** Pod DNS names -> 127.0.0.1 (VALKEY_HOSTS_FILE), for scripts given a pod name such as the backup source. */
  readonly hosts: HostsFile;
  /** Output of the last restore init container(s) per data ordinal (when backup.restore.enabled). */
  readonly restoreLogs = new Map<number, string>();
  /** Stand-in Secrets for secretKeyRefs other than the password (e.g. the bucket's key pair). */
  secrets: Secrets = {};

  private constructor(
    readonly rendered: RenderedChart,
    readonly root: string,
    public password: string,
    values: Record<string, any>,
  ) {
    this.secretsDir = dirIn(root, 'secrets');
    this.backupDir = dirIn(root, 'backup');
    this.tlsDir = dirIn(root, 'tls');
    if (String(values['tls.enabled']) === 'true') {
      this.tls = writeTlsSecret(this.tlsDir);
      pointConfigAtTls(rendered.configDir, this.tlsDir);
    }
    this.hosts = new HostsFile(join(root, 'hosts'));
    // what the chart Secret holds (generated passwords)
    this.writeSecret('valkey-password', password);
    this.writeSecret('monitoring-password', `${password}-monitor`);
    this.writeSecret('operations-password', `${password}-operations`);
    this.downAfterMs = Number(values['sentinel.downAfterMilliseconds']);
    this.failoverTimeoutMs = Number(values['sentinel.failoverTimeout']);
  }

  static async create(
    set: Record<string, string | number | boolean> = {},
    dataPods = 3,
    sentinels = 3,
  ) {
    const sentinelValues = {
      'sentinel.replicas': dataPods,
      'sentinel.sentinelReplicas': sentinels,
      'sentinel.downAfterMilliseconds': 2000,
      'sentinel.failoverTimeout': 10000,
    };
    const values = {
      mode: 'sentinel',
      'config.bind': HOST,
      ...((set.mode ?? 'sentinel') === 'sentinel' ? sentinelValues : {}),
      ...set,
    };
    const rendered = await renderChart(values);
    const h = new ChartSentinel(
      rendered,
      mkdtempSync(join(tmpdir(), 'ops-sentinel-')),
      `pw-${Math.random().toString(36).slice(2, 12)}`,
      values,
    );
    const ports = await freePorts(dataPods + sentinels);
    for (let i = 0; i < dataPods; i++) {
      const name = `${FULLNAME}-${i}`;
      h.data.push({
        ordinal: i,
        name,
        port: ports[i],
        dir: dirIn(h.root, name),
        sidecars: [],
      });
      h.hosts.set(HOST, [
        `${name}.${FULLNAME}-headless.${NAMESPACE}.svc.cluster.local`,
        `${name}.${FULLNAME}-headless`,
      ]);
    }
    for (let i = 0; i < sentinels; i++) {
      const name = `${FULLNAME}-sentinel-${i}`;
      h.sentinels.push({
        ordinal: i,
        name,
        port: ports[dataPods + i],
        dir: dirIn(h.root, name),
        sidecars: [],
      });
    }
    return h;
  }

  /** The Secret's value as mounted: rewriting it is how a rotation reaches the pods. */
  writeSecret(key: string, value: string) {
    mkdirSync(dirname(join(this.secretsDir, key)), { recursive: true });
    writeFileSync(join(this.secretsDir, `${key}.tmp`), value, { mode: 0o600 });
    renameSync(join(this.secretsDir, `${key}.tmp`), join(this.secretsDir, key));
  }

  private addressing(): Env {
    const env: Env = { VALKEY_HOSTS_FILE: this.hosts.path };
    for (const p of this.data)
      Object.assign(env, {
        [`VALKEY_HOST_${p.ordinal}`]: HOST,
        [`VALKEY_PORT_${p.ordinal}`]: p.port,
      });
    for (const s of this.sentinels)
      Object.assign(env, {
        [`VALKEY_SENTINEL_HOST_${s.ordinal}`]: HOST,
        [`VALKEY_SENTINEL_PORT_${s.ordinal}`]: s.port,
      });
    return env;
  }

  private mounts(p: Pod) {
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

  /** Env of a data pod container as rendered, on loopback. */
  dataEnv(p: Pod, container: string, extra: Env = {}): Env {
    const env = podEnv(
      renderedEnv(this.rendered.objects, 'StatefulSet', FULLNAME, container),
      this.mounts(p),
      {
        POD_NAME: p.name,
        POD_IP: HOST,
        VALKEY_NAMESPACE: NAMESPACE,
      },
    );
    return {
      ...env,
      ...this.addressing(),
      VALKEY_ANNOUNCE_HOST: HOST,
      VALKEY_ANNOUNCE_PORT: p.port,
      ...this.listen(p.port),
      VALKEY_PRIMARY_LOOKUP_TIMEOUT: 4,
      VALKEY_PORT: p.port,
      VALKEY_LOCAL_HOST: HOST,
      // Scripts default to the /data mount; here it lives in the pod's directory.
      VALKEY_DATA_DIR: env.VALKEY_DATA_DIR ?? this.mounts(p)['/data'],
      ...extra,
    };
  }

  /** The pod's one port: TLS only when TLS is on (the base config says port 0). */
  private listen(port: number): Env {
    return this.tls
      ? { VALKEY_LISTEN_TLS_PORT: port }
      : { VALKEY_LISTEN_PORT: port };
  }

  /** Env of a Sentinel pod container as rendered, on loopback. */
  sentinelEnv(s: Pod, container: string, extra: Env = {}): Env {
    const env = podEnv(
      renderedEnv(
        this.rendered.objects,
        'StatefulSet',
        `${FULLNAME}-sentinel`,
        container,
      ),
      this.mounts(s),
      {
        POD_NAME: s.name,
        VALKEY_NAMESPACE: NAMESPACE,
      },
    );
    // The Sentinel base config lives beside the data config under a sentinel- prefix.
    for (const k of [
      'VALKEY_SENTINEL_BASE_CONFIG',
      'VALKEY_SENTINEL_PARAMS_FILE',
      'VALKEY_ACL_USERS_FILE',
    ]) {
      if (env[k]) env[k] = String(env[k]).replace(/\/([^/]+)$/, '/sentinel-$1');
    }
    return {
      ...env,
      ...this.addressing(),
      VALKEY_ANNOUNCE_HOST: HOST,
      VALKEY_ANNOUNCE_PORT: s.port,
      ...this.listen(s.port),
      VALKEY_SENTINEL_PORT: s.port,
      VALKEY_PRIMARY_LOOKUP_TIMEOUT: 4,
      VALKEY_LOCAL_HOST: HOST,
      ...extra,
    };
  }

  async startData(i: number, extra: Env = {}): Promise<ScriptResult> {
    const p = this.data[i];
    if (hasInitContainer(this.rendered, FULLNAME, 'restore')) {
      this.restoreLogs.set(
        i,
        await runRestoreInit(
          this.rendered.scriptsDir,
          this.rendered.objects,
          FULLNAME,
          this.secrets,
          c => this.dataEnv(p, c, extra),
        ),
      );
    }
    const init = await runScriptOk(
      this.rendered.scriptsDir,
      'valkey-init.sh',
      this.dataEnv(p, 'init-config', extra),
    );
    p.server = await startValkeyServer({
      host: HOST,
      port: p.port,
      configFile: join(p.dir, 'run', 'conf', 'valkey.conf'),
      dir: dirIn(p.dir, 'data'),
      password: this.password,
      tls: this.tls,
      startTimeoutMs: 20_000,
    });
    return init;
  }

  async startSentinel(i: number, extra: Env = {}): Promise<ScriptResult> {
    const s = this.sentinels[i];
    const init = await runScriptOk(
      this.rendered.scriptsDir,
      'sentinel-init.sh',
      this.sentinelEnv(s, 'init-sentinel', extra),
    );
    s.server = await startValkeyServer({
      sentinel: true,
      host: HOST,
      port: s.port,
      configFile: join(s.dir, 'run', 'conf', 'sentinel.conf'),
      dir: dirIn(s.dir, 'data'),
      password: this.password,
      tls: this.tls,
      startTimeoutMs: 20_000,
    });
    return init;
  }

  /** Starts every pod at once, as both StatefulSets do with parallel pod management. */
  async startAll() {
    await Promise.all([
      ...this.data.map(p => this.startData(p.ordinal)),
      ...this.sentinels.map(s => this.startSentinel(s.ordinal)),
    ]);
  }

  /** Stops a data pod, running its preStop hook first unless `kill`. */
  async stopData(i: number, { kill = false } = {}) {
    const p = this.data[i];
    if (kill) {
      p.server?.signal('SIGKILL');
      await p.server?.stop();
      return;
    }
    await runScript(
      this.rendered.scriptsDir,
      'prestop.sh',
      this.dataEnv(p, 'valkey', { REDISCLI_AUTH: this.password }),
      60_000,
    );
    await p.server?.stop();
  }

  /** Starts a sidecar container's script (`<container>.sh` unless `script` names another). */
  startSidecar(
    pod: Pod,
    kind: 'data' | 'sentinel',
    container: string,
    extra: Env = {},
    script = `${container}.sh`,
  ) {
    // The container's /tmp is the pod's tmp volume (state kept across container restarts).
    const tmp = { TMPDIR: this.mounts(pod)['/tmp'], ...extra };
    const env =
      kind === 'data'
        ? this.dataEnv(pod, container, tmp)
        : this.sentinelEnv(pod, container, tmp);
    const sc = startSidecar(this.rendered.scriptsDir, script, env);
    pod.sidecars.push(sc);
    return sc;
  }

  /**
   * Runs the backup CronJob's script once with its rendered env. Its source is a
   * pod DNS name (hosts file -> 127.0.0.1); the pod's own port is the only override.
   */
  runBackup(extra: Env = {}): Promise<ScriptResult> {
    const cronJob = `${FULLNAME}-backup`;
    const objects = this.rendered.objects;
    const source = this.data.find(
      p =>
        renderedEnv(
          objects,
          'CronJob',
          cronJob,
          'backup',
        ).VALKEY_BACKUP_SOURCE_HOST?.split('.')[0] === p.name,
    );
    return runBackupJob(
      uploadsToBucket(objects, cronJob),
      this.backupDir,
      this.root,
      (script, container, dir) =>
        runScript(
          this.rendered.scriptsDir,
          script,
          {
            ...podEnv(
              renderedEnv(objects, 'CronJob', cronJob, container),
              {
                '/backup': dir,
                '/tmp': dirIn(this.root, 'job-tmp'),
                [TLS_MOUNT]: this.tlsDir,
              },
              { VALKEY_NAMESPACE: NAMESPACE },
            ),
            ...secretEnv(objects, 'CronJob', cronJob, container, this.secrets),
            ...this.addressing(),
            VALKEY_BACKUP_SOURCE_PORT: source?.port,
            REDISCLI_AUTH: this.password,
            ...extra,
          },
          120_000,
        ),
    );
  }

  cli(port: number, args: string[], password = this.password) {
    return valkeyCli({ host: HOST, port }, args, { password, tls: this.tls });
  }

  /** Address of a pod for the key helpers (TLS when on). */
  address(p: Pod) {
    return { host: HOST, port: p.port, tls: this.tls };
  }

  async role(p: Pod) {
    return parseInfo(await this.cli(p.port, ['INFO', 'replication']));
  }

  /** "host port" each running Sentinel reports for the primary. */
  async sentinelPrimaries(): Promise<string[]> {
    const out: string[] = [];
    for (const s of this.sentinels) {
      if (!s.server) continue;
      const r = await this.cli(s.port, [
        'SENTINEL',
        'GET-MASTER-ADDR-BY-NAME',
        'mymaster',
      ]).catch(() => '');
      out.push(r.trim().split('\n').join(' '));
    }
    return out;
  }

  /** Waits until exactly one data pod is a primary, the others replicate it with the link up, and every Sentinel names it. */
  /** Waits until the Sentinels agree on a promoted replica (not `old`) that reports itself primary. */
  async waitForPromotion(old: Pod): Promise<Pod> {
    let promoted: Pod | undefined;
    await waitUntil(
      'a replica promoted and named by the Sentinels',
      async () => {
        const named = await this.sentinelPrimaries();
        const port = Number(named[0]?.split(' ')[1]);
        if (!port || port === old.port || !named.every(n => n === named[0]))
          return false;
        const p = this.data.find(d => d.port === port)!;
        if ((await this.role(p)).role !== 'master') return false;
        promoted = p;
        return true;
      },
      this.downAfterMs + this.failoverTimeoutMs + 10_000,
      100,
    );
    return promoted!;
  }

  async waitForOnePrimary(timeoutMs = 60_000): Promise<Pod> {
    let primary: Pod | undefined;
    let lastView = '';
    try {
      await waitUntil(
        'one primary, replicas linked, Sentinels agreeing',
        async () => {
          const roles = await Promise.all(this.data.map(p => this.role(p)));
          const sentinelViews = await this.sentinelPrimaries();
          lastView = `data: ${this.data
            .map(
              (p, i) =>
                `${p.ordinal}@${p.port}=${roles[i].role}${
                  roles[i].role === 'slave'
                    ? `(of ${roles[i].master_port}, link ${roles[i].master_link_status})`
                    : ''
                }`,
            )
            .join(', ')}; Sentinels name: ${sentinelViews.join(' | ')}`;
          const primaries = this.data.filter(
            (_, i) => roles[i].role === 'master',
          );
          if (primaries.length !== 1) return false;
          primary = primaries[0];
          const linked = roles.every(
            (r, i) =>
              this.data[i] === primary ||
              (r.role === 'slave' &&
                Number(r.master_port) === primary!.port &&
                r.master_link_status === 'up'),
          );
          const named = sentinelViews.every(
            a => a === `${HOST} ${primary!.port}`,
          );
          return linked && named;
        },
        timeoutMs,
        250,
      );
    } catch (e) {
      throw new Error(`${(e as Error).message}; last view: ${lastView}`);
    }
    return primary!;
  }

  /** Waits until data pod `ordinal` holds every one of the `count` test keys under `prefix`. */
  async waitForKeys(ordinal: number, prefix: string, count: number) {
    await waitUntil(
      `${count} keys on data pod ${ordinal}`,
      async () =>
        (await countKeys(
          { host: HOST, port: this.data[ordinal].port },
          prefix,
          count,
          this.password,
        )) === count,
      30_000,
      200,
    );
  }

  async destroy() {
    for (const p of [...this.data, ...this.sentinels]) {
      await Promise.all(p.sidecars.map(s => s.stop()));
      await p.server?.destroy();
    }
    rmSync(this.root, { recursive: true, force: true });
    rmSync(this.rendered.scriptsDir, { recursive: true, force: true });
    rmSync(this.rendered.configDir, { recursive: true, force: true });
  }
}
