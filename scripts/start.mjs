#!/usr/bin/env node
// `npm start`: the Backstage frontend on :3000 and backend on :7007 with
// app-config.yaml (embedded SQLite, guest sign-in, this repository's catalog),
// and the local Valkey demo (scripts/demo-valkey.mjs) when Valkey is installed;
// `VALKEY_DEMO=off npm start` leaves the demo out.
// Stops everything it started on Ctrl-C.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(new URL('..', import.meta.url).pathname);
const cli = join(root, 'node_modules', '.bin', 'backstage-cli');
if (!existsSync(cli)) {
  console.error(
    'Dependencies are not installed: run `npm install` first (see README).',
  );
  process.exit(1);
}

const children = [];
function stopAll(code) {
  for (const child of children) {
    if (child.exitCode === null) {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
    }
  }
  process.exit(code);
}
process.on('SIGINT', () => stopAll(130));
process.on('SIGTERM', () => stopAll(143));

if (process.env.VALKEY_DEMO !== 'off') {
  const demo = spawn(
    process.execPath,
    [
      '--require',
      join(
        root,
        'node_modules',
        '@backstage',
        'cli',
        'config',
        'nodeTransform.cjs',
      ),
      join(root, 'scripts', 'demo-valkey.mjs'),
      '--stop-with-parent',
    ],
    { cwd: root, stdio: ['pipe', 'inherit', 'inherit'], detached: true },
  );
  children.push(demo);
}

const portal = spawn(cli, ['repo', 'start', ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
  detached: true,
});
children.push(portal);
portal.on('exit', code => stopAll(code ?? 1));
