/* eslint-disable no-console */
/*
 * `npm run bench` (test workspace, after the operations bench), or alone with
 * `npm run bench:real-stack -w test`: the status route against the catalog's
 * own entity read on the REAL backend of this repository (packages/backend:
 * every plugin, real guest sign-in, real token checks, the real permission
 * backend over HTTP, the real catalog over HTTP), loaded with `wrk`.
 *
 * It starts a 6-node Valkey cluster on loopback, starts the backend with
 * app-config.yaml plus an overlay that points the `local` environment's
 * demo-cluster at that cluster, signs in as guest, waits for the catalog to
 * have resource:default/demo-cluster, then runs wrk for WRK_SECONDS (default 8)
 * at 1 and 50 connections against, in this order:
 *
 *   health   GET  /api/valkey/health                     auth middleware only (the floor)
 *   authz    POST /api/permission/authorize              one valkey.status.read decision
 *   catalog  GET  /api/catalog/entities/by-name/resource/default/demo-cluster
 *   status   GET  /api/valkey/entities/default/resource/demo-cluster/status?environment=local
 *
 * and prints req/s, mean, p50 and p99 side by side, with status/catalog
 * ratios. health and authz show where the status route's time goes (its
 * token check, its permission decision; the catalog row is what its entity
 * lookup costs). Then it starts the backend again with
 * valkey.status.accessCacheMs 0 (no per-caller reuse of the decision and the
 * entity: what every caller's first request in a window costs) and measures
 * catalog and status again. Prints numbers; asserts nothing. Target (issue "Status you can trust
 * in an incident"): status latency <= 1.3x catalog, status throughput >= 0.8x.
 *
 * How the backend runs: `node -r @backstage/cli/config/nodeTransform.cjs
 * packages/backend/src/index.ts` with NODE_ENV=production (no watcher, no
 * dev server; code is transpiled once at load, so it runs at the speed of a
 * build). Not a `backstage-cli package build` bundle: that build compiles the
 * backend but then builds the bundled `app` package with `yarn run build`,
 * which stops with "valkey-backstage@workspace:. This package doesn't seem to
 * be present in your lockfile" (this repository uses npm, no yarn.lock); and
 * the workspace plugins' `main` is `src/index.ts` outside of `npm pack`. The
 * mode is printed in the output.
 *
 * Needs valkey-server and wrk (`scripts/install-system-deps.sh valkey wrk`).
 */
import { ChildProcess, execFile, spawn } from 'node:child_process';
import {
  createWriteStream,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { stringify } from 'yaml';
import {
  freePort,
  startCluster,
  Topology,
  waitUntil,
} from '@valkey-backstage/valkey-local';
import { repoRoot } from '../lib/paths';
import { stopProcess } from '../lib/portal';

const run = promisify(execFile);
const SECONDS = Number(process.env.WRK_SECONDS ?? 8);
const CONNECTIONS = (process.env.WRK_CONNECTIONS ?? '1,50')
  .split(',')
  .map(Number);
const ENTITY_REF = 'resource:default/demo-cluster';
const CATALOG_PATH =
  '/api/catalog/entities/by-name/resource/default/demo-cluster';
const STATUS_PATH =
  '/api/valkey/entities/default/resource/demo-cluster/status?environment=local';

interface Backend {
  url: string;
  mode: string;
  logs(): string;
  stop(): Promise<void>;
}

async function startBackend(
  cluster: Topology,
  dir: string,
  port: number,
  label: string,
  extraStatus: Record<string, unknown> = {},
): Promise<Backend> {
  const url = `http://127.0.0.1:${port}`;
  const overlay = join(dir, `app-config.bench-${label}.yaml`);
  writeFileSync(
    overlay,
    stringify({
      backend: {
        baseUrl: url,
        listen: { port, host: '127.0.0.1' },
      },
      // NODE_ENV=production: guest sign-in has to be allowed explicitly.
      auth: {
        providers: {
          guest: {
            userEntityRef: 'user:default/guest',
            dangerouslyAllowOutsideDevelopment: true,
          },
        },
      },
      valkey: {
        status: {
          refreshIntervalSeconds: 5,
          ...extraStatus,
          environments: [
            {
              name: 'local',
              host: '{instance}.invalid',
              port: 6379,
              instances: {
                'demo-cluster': {
                  host: '127.0.0.1',
                  port: cluster.nodes[0].port,
                },
              },
            },
          ],
        },
      },
    }),
  );
  const logFile = join(dir, `backend-${label}.log`);
  const log = createWriteStream(logFile);
  const args = [
    '--require',
    require.resolve('@backstage/cli/config/nodeTransform.cjs'),
    'src/index.ts',
    '--config',
    join(repoRoot, 'app-config.yaml'),
    '--config',
    overlay,
  ];
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: join(repoRoot, 'packages', 'backend'),
    detached: true,
    env: { ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'warn' },
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  const logs = () => readFileSync(logFile, 'utf8');
  const stop = () => stopProcess(child);
  try {
    await waitUntil(
      `backend readiness at ${url}`,
      async () => {
        if (child.exitCode !== null) throw new Error('backend exited');
        return (await fetch(`${url}/.backstage/health/v1/readiness`)).ok;
      },
      180_000,
      500,
    );
  } catch (e) {
    await stop();
    throw new Error(`${(e as Error).message}\n${logs().slice(-4000)}`);
  }
  return {
    url,
    mode: 'node + @backstage/cli nodeTransform on packages/backend/src/index.ts, NODE_ENV=production',
    logs,
    stop,
  };
}

async function guestToken(url: string): Promise<string> {
  const res = await fetch(`${url}/api/auth/guest/refresh`);
  if (!res.ok) throw new Error(`guest sign-in failed with HTTP ${res.status}`);
  const body = (await res.json()) as { backstageIdentity: { token: string } };
  return body.backstageIdentity.token;
}

interface WrkResult {
  rps: number;
  meanMs: number;
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
  errors: string;
}

function toMs(value: string): number {
  const m = /^([\d.]+)(us|ms|s|m)$/.exec(value.trim());
  if (!m) return NaN;
  const n = Number(m[1]);
  return { us: n / 1000, ms: n, s: n * 1000, m: n * 60_000 }[
    m[2] as 'us' | 'ms' | 's' | 'm'
  ];
}

/** Parses `wrk --latency` output. */
export function parseWrk(out: string): WrkResult {
  const pick = (re: RegExp) => re.exec(out)?.[1] ?? '';
  return {
    rps: Number(pick(/Requests\/sec:\s+([\d.]+)/)),
    meanMs: toMs(pick(/Latency\s+(\S+)/)),
    p50Ms: toMs(pick(/\s50%\s+(\S+)/)),
    p99Ms: toMs(pick(/\s99%\s+(\S+)/)),
    non2xx: Number(pick(/Non-2xx or 3xx responses:\s+(\d+)/) || 0),
    errors: pick(/(Socket errors:[^\n]*)/),
  };
}

async function wrk(
  url: string,
  connections: number,
  token: string,
  luaScript?: string,
): Promise<WrkResult> {
  const args = [
    `-t${Math.min(2, connections)}`,
    `-c${connections}`,
    `-d${SECONDS}s`,
    '--latency',
    '-H',
    `Authorization: Bearer ${token}`,
    ...(luaScript ? ['-s', luaScript] : []),
    url,
  ];
  const { stdout } = await run('wrk', args, {
    timeout: (SECONDS + 30) * 1000,
  });
  return parseWrk(stdout);
}

const fmt = (n: number, digits = 1) =>
  Number.isFinite(n) ? n.toFixed(digits) : '?';

type Target = [name: string, path: string, luaScript?: string];

/** Starts one backend, runs wrk against each target at each connection count, prints a table. */
async function measure(
  cluster: Topology,
  dir: string,
  label: string,
  extraStatus: Record<string, unknown>,
  targets: Target[],
) {
  const started = Date.now();
  const backend = await startBackend(
    cluster,
    dir,
    await freePort(),
    String(Object.keys(extraStatus).length),
    extraStatus,
  );
  try {
    console.log(`[real-stack] ${label}`);
    console.log(
      `[real-stack] backend ready in ${fmt((Date.now() - started) / 1000)} s (${
        backend.mode
      }); Valkey cluster of ${
        cluster.nodes.length
      } nodes on 127.0.0.1:${cluster.nodes.map(n => n.port).join(',')}`,
    );
    const token = await guestToken(backend.url);
    const auth = { authorization: `Bearer ${token}` };
    await waitUntil(
      `the catalog to have ${ENTITY_REF}`,
      async () =>
        (
          await fetch(`${backend.url}${CATALOG_PATH}`, { headers: auth })
        ).ok,
      120_000,
      500,
    );
    const first = await fetch(`${backend.url}${STATUS_PATH}`, {
      headers: auth,
    });
    const doc = (await first.json()) as { health?: string; summary?: string };
    console.log(
      `[real-stack] first status: HTTP ${first.status}, ${doc.health}: ${doc.summary}`,
    );
    for (const c of CONNECTIONS) {
      const results: Record<string, WrkResult> = {};
      for (const [name, path, script] of targets) {
        results[name] = await wrk(`${backend.url}${path}`, c, token, script);
      }
      console.log(
        `[real-stack] wrk ${SECONDS} s, ${c} connection${c === 1 ? '' : 's'}:`,
      );
      console.log(
        `  ${'route'.padEnd(8)} ${'req/s'.padStart(8)} ${'mean ms'.padStart(
          8,
        )} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)}  non-2xx`,
      );
      for (const [name] of targets) {
        const r = results[name];
        console.log(
          `  ${name.padEnd(8)} ${fmt(r.rps).padStart(8)} ${fmt(
            r.meanMs,
            2,
          ).padStart(8)} ${fmt(r.p50Ms, 2).padStart(8)} ${fmt(
            r.p99Ms,
            2,
          ).padStart(8)}  ${r.non2xx}${r.errors ? ` ${r.errors}` : ''}`,
        );
      }
      const s = results.status;
      const k = results.catalog;
      console.log(
        `  status/catalog: latency mean ${fmt(
          s.meanMs / k.meanMs,
          2,
        )}x, p50 ${fmt(s.p50Ms / k.p50Ms, 2)}x, p99 ${fmt(
          s.p99Ms / k.p99Ms,
          2,
        )}x; throughput ${fmt(
          s.rps / k.rps,
          2,
        )}x (target: latency <= 1.3x, throughput >= 0.8x)`,
      );
    }
  } finally {
    await backend.stop();
  }
}

(async () => {
  try {
    await run('wrk', ['--version']).catch(e => {
      // wrk --version exits 1 after printing its version
      if (!/^wrk /.test(String(e.stdout ?? ''))) throw e;
    });
  } catch {
    throw new Error(
      'wrk not found: install it with `scripts/install-system-deps.sh wrk` (Debian package wrk)',
    );
  }
  const dir = mkdtempSync(join(tmpdir(), 'valkey-real-stack-bench-'));
  const cluster = await startCluster();
  try {
    const lua = join(dir, 'authorize.lua');
    const body = JSON.stringify({
      items: [
        {
          id: 'bench',
          permission: {
            type: 'resource',
            name: 'valkey.status.read',
            attributes: { action: 'read' },
            resourceType: 'catalog-entity',
          },
          resourceRef: ENTITY_REF,
        },
      ],
    });
    writeFileSync(
      lua,
      `wrk.method = "POST"\nwrk.body = '${body}'\nwrk.headers["Content-Type"] = "application/json"\n`,
    );
    await measure(
      cluster,
      dir,
      'default config (valkey.status.accessCacheMs 2000)',
      {},
      [
        ['health', '/api/valkey/health'],
        ['authz', '/api/permission/authorize', lua],
        ['catalog', CATALOG_PATH],
        ['status', STATUS_PATH],
      ],
    );
    await measure(
      cluster,
      dir,
      'access cache off (valkey.status.accessCacheMs 0): every request checks and looks up',
      { accessCacheMs: 0 },
      [
        ['catalog', CATALOG_PATH],
        ['status', STATUS_PATH],
      ],
    );
  } finally {
    await cluster.destroy();
    rmSync(dir, { recursive: true, force: true });
  }
})().catch(e => {
  console.error(e);
  process.exit(1);
});
