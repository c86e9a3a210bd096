#!/usr/bin/env node
// Runs every workspace's tests (Jest through backstage-cli), one package after the
// other, and ends with the line `tests: N passed, M failed` computed from Jest's own
// JSON results. Exits non-zero when any test fails, any suite cannot run, or a
// package's runner fails without results.
//
// Usage: npm test [-- <workspace dir>...]   e.g. npm test -- plugins/valkey-backend
import { spawnSync } from 'node:child_process';
import {
  mkdtempSync,
  readFileSync,
  readdirSync,
  existsSync,
  rmSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(new URL('..', import.meta.url).pathname);
const rootPackage = JSON.parse(
  readFileSync(join(root, 'package.json'), 'utf8'),
);

function workspaceDirs() {
  const dirs = [];
  for (const pattern of rootPackage.workspaces) {
    if (pattern.endsWith('/*')) {
      const parent = join(root, pattern.slice(0, -2));
      for (const name of readdirSync(parent).sort()) {
        dirs.push(join(pattern.slice(0, -2), name));
      }
    } else {
      dirs.push(pattern);
    }
  }
  return dirs.filter(dir => {
    const pkgFile = join(root, dir, 'package.json');
    if (!existsSync(pkgFile)) return false;
    return Boolean(JSON.parse(readFileSync(pkgFile, 'utf8')).scripts?.test);
  });
}

const requested = process.argv.slice(2).map(d => d.replace(/\/$/, ''));
const dirs = workspaceDirs().filter(
  d => requested.length === 0 || requested.includes(d),
);
if (requested.length > 0 && dirs.length !== requested.length) {
  console.error(`unknown workspace in: ${requested.join(', ')}`);
  console.error(`known: ${workspaceDirs().join(', ')}`);
  process.exit(2);
}

const outDir = mkdtempSync(join(tmpdir(), 'valkey-backstage-tests-'));
const rows = [];
let passed = 0;
let failed = 0;
let skipped = 0;
let broken = 0;

for (const dir of dirs) {
  const outputFile = join(outDir, `${dir.replace(/\//g, '_')}.json`);
  const started = Date.now();
  console.log(`\n=== ${dir} ===`);
  const run = spawnSync(
    'npx',
    [
      'backstage-cli',
      'package',
      'test',
      '--ci',
      '--json',
      `--outputFile=${outputFile}`,
    ],
    {
      cwd: join(root, dir),
      stdio: 'inherit',
      env: { ...process.env, CI: 'true' },
    },
  );
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (!existsSync(outputFile)) {
    broken += 1;
    rows.push({
      dir,
      passed: 0,
      failed: 0,
      skipped: 0,
      seconds,
      note: `runner exited ${run.status} without results`,
    });
    continue;
  }
  const result = JSON.parse(readFileSync(outputFile, 'utf8'));
  // A suite that fails to run (syntax error, failing beforeAll) has no test results:
  // count it as one failure so it cannot disappear from the total.
  const suiteErrors = result.numRuntimeErrorTestSuites ?? 0;
  const row = {
    dir,
    passed: result.numPassedTests,
    failed: result.numFailedTests + suiteErrors,
    skipped: result.numPendingTests + result.numTodoTests,
    seconds,
    note: run.status === 0 ? '' : `runner exited ${run.status}`,
  };
  if (run.status !== 0 && row.failed === 0) broken += 1;
  passed += row.passed;
  failed += row.failed;
  skipped += row.skipped;
  rows.push(row);
}
rmSync(outDir, { recursive: true, force: true });

console.log(
  '\npackage                                   passed failed skipped  seconds',
);
for (const r of rows) {
  console.log(
    `${r.dir.padEnd(40)} ${String(r.passed).padStart(7)} ${String(
      r.failed,
    ).padStart(6)} ${String(r.skipped).padStart(7)} ${String(
      r.seconds,
    ).padStart(8)} ${r.note}`,
  );
}
if (skipped > 0) console.log(`skipped (not counted as passed): ${skipped}`);
if (broken > 0)
  console.log(`packages whose runner failed without a failing test: ${broken}`);
console.log(`tests: ${passed} passed, ${failed + broken} failed`);
process.exit(failed + broken > 0 || passed === 0 ? 1 : 0);
