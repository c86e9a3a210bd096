/**
 * A Git repository on the backend's disk that stands in for a Git host in
 * local use. Its path comes from config only; the folder to commit is derived
 * from the validated instance name. Git runs through execFile (no shell).
 */
import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { execFile } from 'child_process';
import fs from 'fs/promises';
import path from 'path';
import { promisify } from 'util';

const exec = promisify(execFile);

export interface LocalCommitResult {
  commitId: string;
  changed: boolean;
  changedFiles: string[];
}

function git(repo: string, args: string[]) {
  return exec('git', args, {
    cwd: repo,
    env: {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: process.env.HOME ?? repo,
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_TERMINAL_PROMPT: '0',
    },
    maxBuffer: 16 * 1024 * 1024,
  });
}

export async function ensureRepository(
  repo: string,
  branch: string,
): Promise<void> {
  await fs.mkdir(repo, { recursive: true });
  const isRepo = await fs
    .stat(path.join(repo, '.git'))
    .then(() => true)
    .catch(() => false);
  if (!isRepo) await git(repo, ['init', '--quiet', '-b', branch]);
}

// One commit at a time per process: two tasks must not interleave add/commit.
let queue: Promise<unknown> = Promise.resolve();

function serialized<T>(run: () => Promise<T>): Promise<T> {
  const next = queue.then(run, run);
  queue = next.catch(() => undefined);
  return next;
}

interface FolderCommit {
  repo: string;
  branch: string;
  folder: string;
  message: string;
  author: { name: string; email: string };
}

/**
 * Writes `<source>` into `<repo>/<folder>` and commits. With `deletePaths`
 * (paths relative to the folder) the files of `<source>` overwrite theirs,
 * exactly those paths are deleted and every other file in the folder stays;
 * without it the folder is replaced. Returns the new commit, or the current
 * one when nothing changed; Git records only the files that differ.
 */
export function commitFolder(
  options: FolderCommit & { source: string; deletePaths?: string[] },
): Promise<LocalCommitResult> {
  const { deletePaths } = options;
  return serialized(() =>
    commitFolderChange(
      options,
      async dest => {
        for (const p of deletePaths ?? []) {
          await fs.rm(resolveSafeChildPath(dest, p), { force: true });
        }
        await fs.mkdir(path.dirname(dest), { recursive: true });
        await fs.cp(options.source, dest, { recursive: true });
      },
      { replace: deletePaths === undefined },
    ),
  );
}

/** Deletes `<repo>/<folder>` and commits the deletion. */
export function commitFolderRemoval(
  options: FolderCommit,
): Promise<LocalCommitResult> {
  return serialized(() => commitFolderChange(options, async () => {}));
}

async function commitFolderChange(
  options: FolderCommit,
  fill: (dest: string) => Promise<void>,
  { replace }: { replace: boolean } = { replace: true },
): Promise<LocalCommitResult> {
  const { repo, branch, folder, message, author } = options;
  await ensureRepository(repo, branch);
  const head = await git(repo, ['symbolic-ref', '--short', 'HEAD']);
  if (head.stdout.trim() !== branch) {
    throw new Error(
      `The local GitOps repository ${repo} is on branch ${head.stdout.trim()}, not ${branch} (valkey.gitops.localRepository.branch); switch it back before running the template`,
    );
  }
  const dest = path.join(repo, folder);
  if (folder === '.' || !dest.startsWith(`${path.resolve(repo)}${path.sep}`)) {
    throw new Error(
      `Refusing to commit into ${dest}: outside the local GitOps repository`,
    );
  }
  if (replace) await fs.rm(dest, { recursive: true, force: true });
  await fill(dest);
  await git(repo, ['add', '--all', '--', folder]);
  const staged = await git(repo, [
    'diff',
    '--cached',
    '--name-only',
    '--',
    folder,
  ]);
  const changedFiles = staged.stdout.split('\n').filter(Boolean);
  if (changedFiles.length === 0) {
    const current = await git(repo, [
      'rev-parse',
      '--verify',
      '--quiet',
      'HEAD',
    ]).catch(() => ({ stdout: '' }));
    return { commitId: current.stdout.trim(), changed: false, changedFiles };
  }
  await git(repo, [
    '-c',
    `user.name=${author.name}`,
    '-c',
    `user.email=${author.email}`,
    '-c',
    'commit.gpgsign=false',
    'commit',
    '--quiet',
    '-m',
    message,
    '--',
    folder,
  ]);
  const commit = await git(repo, ['rev-parse', 'HEAD']);
  return { commitId: commit.stdout.trim(), changed: true, changedFiles };
}
