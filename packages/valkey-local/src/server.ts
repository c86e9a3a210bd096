import { ChildProcess, spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CliAuth, CliTls, valkeyCli } from './cli';
import { freePort, waitUntil } from './ports';

export interface ValkeyServerOptions {
  /** Port to listen on; a free one when omitted. */
  port?: number;
  /** Extra config directives, one per line, e.g. `cluster-enabled yes`. */
  config?: string[];
  /** Password of the default user (written to the config file, never to argv). */
  password?: string;
  /** Run `valkey-sentinel` instead of `valkey-server`. */
  sentinel?: boolean;
  /** Working directory; a new temporary one when omitted. */
  dir?: string;
  /** Loopback address to listen on and to reach the process at, default 127.0.0.1 (any of 127.0.0.0/8). */
  host?: string;
  /**
   * Run this existing config file as it is (nothing is written; `port` and `host`
   * must match what it configures). For configs produced by other tools.
   */
  configFile?: string;
  /** Readiness timeout, default 10 s. */
  startTimeoutMs?: number;
  /** The port speaks TLS (a `configFile` with tls-port): the readiness PING uses these files. */
  tls?: CliTls;
}

export interface ValkeyServer {
  host: string;
  port: number;
  /** `host:port` */
  address: string;
  dir: string;
  configFile: string;
  readonly pid: number | undefined;
  /** The last few kB the process wrote to stdout/stderr (for failure messages). */
  readonly output: string;
  /** Admin credentials for this process (the default user). */
  auth: CliAuth;
  cli(args: string[], auth?: CliAuth): Promise<string>;
  /** Sends a signal (SIGKILL, SIGSTOP, SIGCONT...) to the process. */
  signal(signal: NodeJS.Signals): void;
  /** Stops the process (SIGTERM, then SIGKILL) and keeps its directory. */
  stop(): Promise<void>;
  /** Starts the process again with the same config file and directory. */
  restart(): Promise<void>;
  /** Stops the process and removes its directory. */
  destroy(): Promise<void>;
}

const running = new Set<ChildProcess>();
let exitHookInstalled = false;
function installExitHook() {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const child of running) {
      try {
        child.kill('SIGKILL');
      } catch {
        // gone
      }
    }
  });
}

function quote(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/**
 * Starts a real valkey-server (or valkey-sentinel) process on 127.0.0.1 with its
 * own config file and directory, and waits until it answers PING.
 */
export async function startValkeyServer(
  options: ValkeyServerOptions = {},
): Promise<ValkeyServer> {
  installExitHook();
  const port = options.port ?? (await freePort());
  const host = options.host ?? '127.0.0.1';
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), `valkey-${port}-`));
  const configFile =
    options.configFile ??
    join(dir, options.sentinel ? 'sentinel.conf' : 'valkey.conf');
  const lines = [
    `port ${port}`,
    `bind ${host}`,
    `dir ${quote(dir)}`,
    'daemonize no',
    'logfile ""',
    'loglevel warning',
  ];
  if (!options.sentinel) {
    lines.push('save ""', 'appendonly no');
  }
  if (options.password) {
    lines.push(`requirepass ${quote(options.password)}`);
  }
  lines.push(...(options.config ?? []));
  if (!options.configFile) {
    writeFileSync(configFile, `${lines.join('\n')}\n`);
    chmodSync(configFile, 0o600);
  }

  const auth: CliAuth = {
    ...(options.password ? { password: options.password } : {}),
    ...(options.tls ? { tls: options.tls } : {}),
  };
  let child: ChildProcess | undefined;
  let output = '';

  const launch = async () => {
    output = '';
    const binary = options.sentinel ? 'valkey-sentinel' : 'valkey-server';
    child = spawn(binary, [configFile], {
      cwd: dir,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    running.add(child);
    const current = child;
    current.stdout?.on('data', d => {
      output = (output + d).slice(-4000);
    });
    current.stderr?.on('data', d => {
      output = (output + d).slice(-4000);
    });
    current.on('exit', () => running.delete(current));
    await waitUntil(
      `${binary} on ${host}:${port} to answer PING`,
      async () => {
        if (current.exitCode !== null) {
          throw new Error(
            `${binary} exited with ${current.exitCode}: ${output}`,
          );
        }
        return (
          (await valkeyCli({ host, port }, ['PING'], auth, 2000)).trim() ===
          'PONG'
        );
      },
      options.startTimeoutMs ?? 10_000,
      50,
    );
  };

  const stop = async () => {
    const current = child;
    if (!current || current.exitCode !== null || current.signalCode !== null)
      return;
    const exited = new Promise<void>(r => current.once('exit', () => r()));
    current.kill('SIGCONT');
    current.kill('SIGTERM');
    const timer = setTimeout(() => current.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  };

  await launch();
  return {
    host,
    port,
    address: `${host}:${port}`,
    dir,
    configFile,
    get pid() {
      return child?.pid;
    },
    get output() {
      return output;
    },
    auth,
    cli: (args, as = auth) => valkeyCli({ host, port }, args, as),
    signal: sig => {
      child?.kill(sig);
    },
    stop,
    restart: async () => {
      await stop();
      await launch();
    },
    destroy: async () => {
      await stop();
      if (!options.dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}
