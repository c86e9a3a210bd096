import { execFile } from 'node:child_process';
import {
  appendFileSync,
  chmodSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { parse, stringify } from 'yaml';
import { repoRoot } from '../lib/paths';
import { readmeBlock, yarnAddCommands } from './readmeBlocks';

const execFileAsync = promisify(execFile);

export const ROOT_README = join(repoRoot, 'README.md');
export const FRONTEND_README = join(repoRoot, 'plugins', 'valkey', 'README.md');

export interface AdopterApp {
  dir: string;
  legacy: boolean;
}

/** Runs a command; on failure the error carries the tail of its output. */
export async function run(
  cmd: string,
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs?: number },
): Promise<string> {
  try {
    const { stdout } = await execFileAsync(cmd, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      timeout: options.timeoutMs ?? 600_000,
      maxBuffer: 256 << 20,
      encoding: 'utf8',
    });
    return stdout;
  } catch (e) {
    const err = e as { stdout?: string; stderr?: string; message: string };
    throw new Error(
      `${cmd} ${args.join(' ')} failed in ${options.cwd}: ${err.message}\n${(
        err.stdout ?? ''
      ).slice(-3000)}\n${(err.stderr ?? '').slice(-3000)}`,
    );
  }
}

/**
 * create-app checks for a `yarn` on PATH even with --skip-install; corepack
 * cannot fetch one here, so a shim runs yarn from the npm registry package
 * @yarnpkg/cli-dist. The app itself then uses the yarn release it ships.
 */
function yarnShimDir(work: string): string {
  const dir = join(work, 'yarn-bin');
  mkdirSync(dir, { recursive: true });
  const yarnJs = require.resolve('@yarnpkg/cli-dist/bin/yarn.js');
  writeFileSync(
    join(dir, 'yarn'),
    `#!/bin/sh\nexec "${process.execPath}" "${yarnJs}" "$@"\n`,
  );
  chmodSync(join(dir, 'yarn'), 0o755);
  return dir;
}

/** A new app from @backstage/create-app's own template, dependencies not installed. */
export async function createApp(
  work: string,
  name: string,
  options: { legacy: boolean },
): Promise<AdopterApp> {
  const dir = join(work, name);
  const bin = join(
    dirname(require.resolve('@backstage/create-app/package.json')),
    'bin',
    'backstage-create-app',
  );
  await run(
    process.execPath,
    [
      bin,
      '--skip-install',
      '--path',
      dir,
      ...(options.legacy ? ['--legacy'] : []),
    ],
    {
      cwd: work,
      env: {
        ...process.env,
        BACKSTAGE_APP_NAME: name,
        PATH: `${yarnShimDir(work)}:${process.env.PATH}`,
      },
    },
  );
  return { dir, legacy: options.legacy };
}

const workspacePackageFiles = (app: AdopterApp) =>
  [
    'package.json',
    'packages/app/package.json',
    'packages/backend/package.json',
  ].map(f => join(app.dir, f));

const readJson = (file: string) => JSON.parse(readFileSync(file, 'utf8'));
const writeJson = (file: string, value: unknown) =>
  writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);

/**
 * Moves every @backstage/* range of the app to the registry's newest version,
 * what `backstage-cli versions:bump` does (its version service is not reachable
 * here, so the registry is asked directly).
 */
export async function bumpToNewestLine(app: AdopterApp): Promise<void> {
  const names = new Set<string>();
  for (const file of workspacePackageFiles(app)) {
    const pkg = readJson(file);
    for (const section of ['dependencies', 'devDependencies'])
      for (const n of Object.keys(pkg[section] ?? {}))
        if (n.startsWith('@backstage/')) names.add(n);
  }
  const latest = new Map<string, string>();
  const queue = [...names];
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      for (let n = queue.shift(); n; n = queue.shift()) {
        latest.set(
          n,
          (
            await run('npm', ['view', n, 'dist-tags.latest'], { cwd: app.dir })
          ).trim(),
        );
      }
    }),
  );
  for (const file of workspacePackageFiles(app)) {
    const pkg = readJson(file);
    for (const section of ['dependencies', 'devDependencies'])
      for (const n of Object.keys(pkg[section] ?? {}))
        if (latest.has(n)) pkg[section][n] = `^${latest.get(n)}`;
    writeJson(file, pkg);
  }
}

/**
 * Step 1 of "Install into your Backstage": the README's `yarn --cwd <dir> add`
 * lines become dependencies of those workspaces. Our packages are not on the
 * registry this machine reads, so root `resolutions` point their names at the
 * packed tarballs: the one stand-in for publishing.
 */
export function addPackages(
  app: AdopterApp,
  tarballs: Map<string, string>,
): void {
  for (const [dir, names] of yarnAddCommands(
    readmeBlock(ROOT_README, 'install'),
  )) {
    const file = join(app.dir, dir, 'package.json');
    const pkg = readJson(file);
    for (const n of names) {
      const tarball = tarballs.get(n);
      if (!tarball)
        throw new Error(
          `the README installs ${n}, which is not a packed package`,
        );
      pkg.dependencies[n] = `^${
        readJson(join(repoRoot, 'package.json')).version
      }`;
    }
    writeJson(file, pkg);
  }
  const root = readJson(join(app.dir, 'package.json'));
  root.resolutions = {
    ...root.resolutions,
    ...Object.fromEntries([...tarballs].map(([n, t]) => [n, `file:${t}`])),
  };
  writeJson(join(app.dir, 'package.json'), root);
}

/** Step 2: the README's backend.add lines, before backend.start(). */
export function addBackendLines(app: AdopterApp): void {
  const file = join(app.dir, 'packages', 'backend', 'src', 'index.ts');
  const source = readFileSync(file, 'utf8');
  if (!source.includes('backend.start();'))
    throw new Error(`${file} has no backend.start()`);
  writeFileSync(
    file,
    source.replace(
      'backend.start();',
      `${readmeBlock(ROOT_README, 'backend')}\n\nbackend.start();`,
    ),
  );
}

/** A legacy app: the frontend README's import, page and EntitySwitch case in EntityPage.tsx. */
export function addLegacyEntityPage(app: AdopterApp): void {
  const file = join(
    app.dir,
    'packages',
    'app',
    'src',
    'components',
    'catalog',
    'EntityPage.tsx',
  );
  let source = readFileSync(file, 'utf8');
  const anchor = 'export const entityPage = (\n  <EntitySwitch>\n';
  if (!source.includes(anchor))
    throw new Error(`${file}: entityPage's EntitySwitch not found`);
  source = `${readmeBlock(FRONTEND_README, 'legacy-import')}\n${source}`;
  source = source.replace(
    anchor,
    `${readmeBlock(
      FRONTEND_README,
      'legacy-page',
    )}\n\n${anchor}    ${readmeBlock(FRONTEND_README, 'legacy-case')}\n`,
  );
  writeFileSync(file, source);
}

/** Step 3: the README's config merged into app-config.yaml (catalog locations appended). */
export function mergeReadmeConfig(app: AdopterApp): void {
  const file = join(app.dir, 'app-config.yaml');
  const config = parse(readFileSync(file, 'utf8'));
  const ours = parse(readmeBlock(ROOT_README, 'config'));
  config.catalog.locations = [
    ...(config.catalog.locations ?? []),
    ...ours.catalog.locations,
  ];
  config.valkey = ours.valkey;
  writeFileSync(file, stringify(config));
}

/** Step 4: the README's annotated entity, added to the app's example entities. */
export function addReadmeEntity(app: AdopterApp): { name: string } {
  const block = readmeBlock(ROOT_README, 'entity');
  appendFileSync(
    join(app.dir, 'examples', 'entities.yaml'),
    `\n---\n${block}\n`,
  );
  return { name: parse(block).metadata.name };
}

/**
 * `yarn install` with the yarn release the app ships. Native modules
 * (better-sqlite3) build against the running Node's headers; yarn reads the
 * registry from npm's config; CI=true would make yarn refuse to update the lockfile.
 */
export async function yarnInstall(app: AdopterApp): Promise<void> {
  const releases = join(app.dir, '.yarn', 'releases');
  const yarn = readdirSync(releases).find(f => f.endsWith('.cjs'));
  if (!yarn) throw new Error(`${releases} holds no yarn release`);
  const registry = (
    await run('npm', ['config', 'get', 'registry'], { cwd: app.dir })
  ).trim();
  await run(process.execPath, [join(releases, yarn), 'install'], {
    cwd: app.dir,
    timeoutMs: 1_200_000,
    env: {
      ...process.env,
      npm_config_nodedir: dirname(dirname(process.execPath)),
      YARN_NPM_REGISTRY_SERVER: registry,
      YARN_ENABLE_TELEMETRY: '0',
      YARN_ENABLE_IMMUTABLE_INSTALLS: 'false',
      YARN_ENABLE_PROGRESS_BARS: 'false',
    },
  });
}

/** Every @backstage/* package installed more than once, with where each copy is. */
export function duplicateBackstagePackages(
  app: AdopterApp,
): Record<string, string[]> {
  const copies = new Map<string, string[]>();
  const walk = (nodeModules: string) => {
    if (!existsSync(nodeModules)) return;
    for (const entry of readdirSync(nodeModules)) {
      if (entry.startsWith('.')) continue;
      const dirs = entry.startsWith('@')
        ? readdirSync(join(nodeModules, entry)).map(s =>
            join(nodeModules, entry, s),
          )
        : [join(nodeModules, entry)];
      for (const dir of dirs) {
        const pj = join(dir, 'package.json');
        if (!existsSync(pj)) continue;
        const { name, version } = readJson(pj);
        if (typeof name === 'string' && name.startsWith('@backstage/')) {
          copies.set(name, [
            ...(copies.get(name) ?? []),
            `${version} ${dir.slice(app.dir.length + 1)}`,
          ]);
        }
        walk(join(dir, 'node_modules'));
      }
    }
  };
  for (const ws of ['', 'packages/app', 'packages/backend'])
    walk(join(app.dir, ws, 'node_modules'));
  return Object.fromEntries(
    [...copies].filter(([, where]) => where.length > 1),
  );
}

/** How many @backstage/* packages the app has in all (to show the check saw them). */
export function countBackstagePackages(app: AdopterApp): number {
  const dir = join(app.dir, 'node_modules', '@backstage');
  return existsSync(dir) ? readdirSync(dir).length : 0;
}

/**
 * For each of our installed packages, its @backstage/* dependencies that do not
 * resolve to the app's single top-level copy (empty: ours add no copy).
 */
export function ourDependenciesOffTheRootCopy(app: AdopterApp): string[] {
  const ours = join(app.dir, 'node_modules', '@valkey-backstage');
  const off: string[] = [];
  for (const name of readdirSync(ours)) {
    const dir = join(ours, name);
    const deps = Object.keys(
      readJson(join(dir, 'package.json')).dependencies ?? {},
    );
    for (const dep of deps.filter(d => d.startsWith('@backstage/'))) {
      const resolved = require.resolve(`${dep}/package.json`, { paths: [dir] });
      const root = join(app.dir, 'node_modules', dep, 'package.json');
      if (resolved !== root)
        off.push(
          `@valkey-backstage/${name} -> ${resolved.slice(app.dir.length + 1)}`,
        );
    }
  }
  return off;
}
