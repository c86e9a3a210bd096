import { ChildProcess, spawn } from 'node:child_process';
import {
  createWriteStream,
  mkdtempSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { freePort, waitUntil } from '@valkey-backstage/valkey-local';
import { repoRoot } from './paths';

export { repoRoot };

export interface Portal {
  /** The frontend, e.g. http://localhost:3105 */
  appUrl: string;
  /** The backend, e.g. http://localhost:7105 */
  backendUrl: string;
  /** Everything both processes printed so far (for failure messages). */
  logs(): string;
  stop(): Promise<void>;
}

export interface PortalOptions {
  /** The Backstage app to run, default this repository. */
  root?: string;
  /** Its config files, default `<root>/app-config.yaml`. */
  configFiles?: string[];
  /** Extra configuration merged over the config files. */
  config?: Record<string, unknown>;
  /** How long to wait for both processes, default 180 s. */
  startTimeoutMs?: number;
}

function startPackage(
  root: string,
  dir: string,
  configFiles: string[],
  logFile: string,
): ChildProcess {
  const cli = join(root, 'node_modules', '.bin', 'backstage-cli');
  const args = [
    'package',
    'start',
    ...configFiles.flatMap(f => ['--config', f]),
  ];
  const child = spawn(cli, args, {
    cwd: join(root, dir),
    detached: true,
    env: { ...process.env, BROWSER: 'none', NODE_ENV: 'development' },
  });
  const log = createWriteStream(logFile);
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  return child;
}

/** Stops a process started detached, with its group: SIGTERM, then SIGKILL after 5 s. */
export async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>(r => child.once('exit', () => r()));
  try {
    process.kill(-child.pid!, 'SIGTERM');
  } catch {
    return;
  }
  const timer = setTimeout(() => {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // gone
    }
  }, 5000);
  await exited;
  clearTimeout(timer);
}

/**
 * Starts the real backend and frontend dev server of this repository on free
 * ports, with app-config.yaml and an overlay, and waits until both answer.
 */
export async function startPortal(
  options: PortalOptions = {},
): Promise<Portal> {
  const [appPort, backendPort] = [await freePort(), await freePort()];
  const appUrl = `http://localhost:${appPort}`;
  const backendUrl = `http://localhost:${backendPort}`;
  const dir = mkdtempSync(join(tmpdir(), 'valkey-portal-'));
  const overlay = join(dir, 'app-config.test.yaml');
  writeFileSync(
    overlay,
    stringify({
      app: { baseUrl: appUrl },
      backend: {
        baseUrl: backendUrl,
        listen: { port: backendPort, host: '127.0.0.1' },
        cors: { origin: appUrl },
      },
      ...options.config,
    }),
  );
  const root = options.root ?? repoRoot;
  const configFiles = [
    ...(options.configFiles ?? [join(root, 'app-config.yaml')]),
    overlay,
  ];
  const backendLog = join(dir, 'backend.log');
  const appLog = join(dir, 'app.log');
  const backend = startPackage(
    root,
    'packages/backend',
    configFiles,
    backendLog,
  );
  const app = startPackage(root, 'packages/app', configFiles, appLog);
  const logs = () =>
    `--- backend ---\n${readFileSync(
      backendLog,
      'utf8',
    )}\n--- app ---\n${readFileSync(appLog, 'utf8')}`;
  const stop = async () => {
    await Promise.all([stopProcess(app), stopProcess(backend)]);
  };

  const timeout = options.startTimeoutMs ?? 180_000;
  try {
    await Promise.all([
      waitUntil(
        `backend readiness at ${backendUrl}`,
        async () =>
          (
            await fetch(`${backendUrl}/.backstage/health/v1/readiness`)
          ).ok,
        timeout,
        500,
      ),
      waitUntil(
        `frontend at ${appUrl}`,
        async () => {
          const res = await fetch(appUrl);
          return res.ok && (await res.text()).includes('<div id="root">');
        },
        timeout,
        500,
      ),
    ]);
  } catch (e) {
    const output = logs();
    await stop();
    throw new Error(`${(e as Error).message}\n${output.slice(-4000)}`);
  }
  return { appUrl, backendUrl, logs, stop };
}

/** A Backstage token for the guest user (guest sign-in is on in app-config.yaml). */
export async function guestToken(portal: Portal): Promise<string> {
  const res = await fetch(`${portal.backendUrl}/api/auth/guest/refresh`);
  if (!res.ok) throw new Error(`guest sign-in failed with HTTP ${res.status}`);
  const body = (await res.json()) as { backstageIdentity: { token: string } };
  return body.backstageIdentity.token;
}

/**
 * Waits until the catalog has processed the entity: the backend is ready
 * before the catalog has read its locations, and an entity page opened too
 * early says "Entity not found" for good.
 */
export async function waitForEntity(
  portal: Portal,
  ref: { kind: string; namespace?: string; name: string },
  timeoutMs = 120_000,
): Promise<void> {
  const token = await guestToken(portal);
  const path = `${ref.kind}/${ref.namespace ?? 'default'}/${ref.name}`;
  await waitUntil(
    `the catalog to have ${path}`,
    async () =>
      (
        await fetch(
          `${portal.backendUrl}/api/catalog/entities/by-name/${path}`,
          {
            headers: { authorization: `Bearer ${token}` },
          },
        )
      ).ok,
    timeoutMs,
    500,
  );
}
