/*
 * Runs a rendered chart script with `sh`, the way a container command would, with
 * only the environment the test gives it (plus PATH and TMPDIR).
 */
import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

export type Env = Record<string, string | number | undefined>;
export type ScriptResult = {
  code: number;
  stdout: string;
  stderr: string;
  seconds: number;
};

function scriptEnv(scriptsDir: string, env: Env): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    TMPDIR: process.env.TMPDIR ?? '/tmp',
    VALKEY_SCRIPTS_DIR: scriptsDir,
  };
  for (const [k, v] of Object.entries(env))
    if (v !== undefined) out[k] = String(v);
  return out;
}

/** Runs `sh <scriptsDir>/<name>` to completion (killed after timeoutMs). Never throws on exit codes. */
export function runScript(
  scriptsDir: string,
  name: string,
  env: Env,
  timeoutMs = 120_000,
): Promise<ScriptResult> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn('sh', [join(scriptsDir, name)], {
      env: scriptEnv(scriptsDir, env),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.stdout.on('data', d => (stdout += d));
    child.stderr.on('data', d => (stderr += d));
    child.on('error', reject);
    child.on('close', code => {
      clearTimeout(timer);
      resolve({
        code: code ?? -1,
        stdout,
        stderr,
        seconds: (Date.now() - started) / 1000,
      });
    });
  });
}

/** Like runScript but throws with the script's output when it exits non-zero. */
export async function runScriptOk(
  scriptsDir: string,
  name: string,
  env: Env,
  timeoutMs?: number,
): Promise<ScriptResult> {
  const r = await runScript(scriptsDir, name, env, timeoutMs);
  if (r.code !== 0)
    throw new Error(`${name} exited ${r.code}:\n${r.stderr}${r.stdout}`);
  return r;
}

export type Sidecar = {
  readonly log: string;
  child: ChildProcess;
  stop(): Promise<void>;
};

/** Starts a long-running script (a sidecar such as the password watcher). */
export function startSidecar(
  scriptsDir: string,
  name: string,
  env: Env,
): Sidecar {
  // Own process group, so stopping it also stops the `sleep` it waits on.
  const child = spawn('sh', [join(scriptsDir, name)], {
    env: scriptEnv(scriptsDir, env),
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let log = '';
  child.stdout.on('data', d => (log = (log + d).slice(-20000)));
  child.stderr.on('data', d => (log = (log + d).slice(-20000)));
  return {
    child,
    get log() {
      return log;
    },
    stop: () =>
      new Promise<void>(resolve => {
        if (child.exitCode !== null || child.signalCode !== null) {
          resolve();
          return;
        }
        child.once('exit', () => resolve());
        process.kill(-child.pid!, 'SIGTERM');
      }),
  };
}
