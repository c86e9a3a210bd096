#!/usr/bin/env node
// Copies the Valkey chart and the Software Template into this package before it is
// packed (`add`) and removes the copies afterwards (`remove`), so an installed
// package carries both: `chart.source: vendored` then works from node_modules and
// the templates can be registered from it. In the repository they stay in
// charts/valkey and templates/, their single home.
import { cpSync, existsSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const pkg = join(dirname(fileURLToPath(import.meta.url)), '..');
const repo = join(pkg, '..', '..');
const assets = [
  { from: join(repo, 'charts', 'valkey'), to: join(pkg, 'chart', 'valkey') },
  {
    from: join(repo, 'templates', 'valkey-instance'),
    to: join(pkg, 'templates', 'valkey-instance'),
  },
  {
    from: join(repo, 'templates', 'valkey-retire'),
    to: join(pkg, 'templates', 'valkey-retire'),
  },
  {
    from: join(repo, 'templates', 'valkey-grant-access'),
    to: join(pkg, 'templates', 'valkey-grant-access'),
  },
];
const mode = process.argv[2];
for (const { from, to } of assets) {
  if (mode === 'add') {
    if (!existsSync(from)) {
      console.error(
        `pack-assets: ${from} is missing; pack from the repository`,
      );
      process.exit(1);
    }
    rmSync(to, { recursive: true, force: true });
    cpSync(from, to, { recursive: true });
  } else if (mode === 'remove') {
    rmSync(to, { recursive: true, force: true });
    if (existsSync(dirname(to)) && readdirSync(dirname(to)).length === 0)
      rmSync(dirname(to), { recursive: true });
  } else {
    console.error('usage: pack-assets.mjs add|remove');
    process.exit(2);
  }
}
