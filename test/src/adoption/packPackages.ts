import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../lib/paths';

/** The packages an adopter installs, in dependency order. */
export const PUBLISHED_PACKAGES = [
  {
    dir: 'plugins/valkey-common',
    name: '@valkey-backstage/plugin-valkey-common',
  },
  {
    dir: 'plugins/valkey-backend',
    name: '@valkey-backstage/plugin-valkey-backend',
  },
  { dir: 'plugins/valkey', name: '@valkey-backstage/plugin-valkey' },
  {
    dir: 'plugins/scaffolder-backend-module-valkey',
    name: '@valkey-backstage/plugin-scaffolder-backend-module-valkey',
  },
];

const run = (cmd: string, args: string[], cwd: string) =>
  execFileSync(cmd, args, {
    cwd,
    encoding: 'utf8',
    stdio: 'pipe',
    maxBuffer: 64 << 20,
  });

/**
 * Builds every published package the way a release would (type declarations,
 * then `backstage-cli package build`), packs it with `npm pack` (which runs
 * prepack/postpack) and checks the tarball with `npm publish --dry-run`.
 * Returns package name -> tarball path.
 */
export function packPackages(outDir: string): Map<string, string> {
  mkdirSync(outDir, { recursive: true });
  run('npx', ['tsc'], repoRoot);
  const tarballs = new Map<string, string>();
  for (const { dir, name } of PUBLISHED_PACKAGES) {
    const cwd = join(repoRoot, dir);
    run('npx', ['backstage-cli', 'package', 'build'], cwd);
    const before = new Set(readdirSync(outDir));
    run('npm', ['pack', '--pack-destination', outDir], cwd);
    const file = readdirSync(outDir).find(
      f => !before.has(f) && f.endsWith('.tgz'),
    );
    if (!file) throw new Error(`npm pack wrote no tarball for ${name}`);
    const tarball = join(outDir, file);
    run('npm', ['publish', '--dry-run', tarball], outDir);
    tarballs.set(name, tarball);
  }
  return tarballs;
}
