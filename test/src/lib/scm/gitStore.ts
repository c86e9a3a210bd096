/**
 * Bare Git repositories on disk behind the GitHub and GitLab stand-ins: every
 * blob, tree, commit and branch the real scaffolder actions create through
 * the REST APIs (or push over smart HTTP) is a real Git object, so a test reads
 * the result with real git.
 */
import { execFileSync } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';

export interface TreeEntry {
  path: string;
  mode: string;
  /** A blob id, `null` to delete the path, or omitted with `content`. */
  sha?: string | null;
  content?: string;
}

export class GitStore {
  readonly root: string;

  constructor(root = fs.mkdtempSync(path.join(os.tmpdir(), 'scm-standin-'))) {
    this.root = root;
  }

  repoPath(owner: string, repo: string) {
    return path.join(this.root, owner, `${repo}.git`);
  }

  exists(owner: string, repo: string) {
    return fs.existsSync(this.repoPath(owner, repo));
  }

  git(
    owner: string,
    repo: string,
    args: string[],
    options: { input?: string | Buffer; env?: Record<string, string> } = {},
  ): string {
    return execFileSync('git', args, {
      cwd: this.repoPath(owner, repo),
      input: options.input,
      env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', ...options.env },
      maxBuffer: 64 * 1024 * 1024,
    })
      .toString()
      .trimEnd();
  }

  /** Creates a bare repository; with `files`, one first commit on `branch`. */
  create(
    owner: string,
    repo: string,
    files?: Record<string, string>,
    branch = 'main',
  ) {
    const dir = this.repoPath(owner, repo);
    fs.mkdirSync(dir, { recursive: true });
    execFileSync('git', ['init', '--bare', '-q', '-b', branch, dir]);
    this.git(owner, repo, ['config', 'http.receivepack', 'true']);
    if (files) this.commitOn(owner, repo, branch, files, 'initial commit');
  }

  /** A commit on `branch` adding or replacing `files`, as a person pushing by hand would. */
  commitFiles(
    owner: string,
    repo: string,
    branch: string,
    files: Record<string, string>,
  ) {
    this.commitOn(owner, repo, branch, files, 'by hand');
  }

  private commitOn(
    owner: string,
    repo: string,
    branch: string,
    files: Record<string, string>,
    message: string,
  ) {
    const head = this.resolve(owner, repo, `refs/heads/${branch}`);
    const tree = this.writeTree(
      owner,
      repo,
      head ? this.treeOf(owner, repo, head) : undefined,
      Object.entries(files).map(([p, content]) => ({
        path: p,
        mode: '100644',
        content,
      })),
    );
    const commit = this.commit(owner, repo, {
      tree,
      parents: head ? [head] : [],
      message,
    });
    this.setRef(owner, repo, `refs/heads/${branch}`, commit);
  }

  writeBlob(owner: string, repo: string, content: Buffer): string {
    return this.git(owner, repo, ['hash-object', '-w', '--stdin'], {
      input: content,
    });
  }

  /** A new tree: `base` (a tree id) with `entries` applied, as POST /git/trees does. */
  writeTree(
    owner: string,
    repo: string,
    base: string | undefined,
    entries: TreeEntry[],
  ): string {
    const index = path.join(
      this.root,
      `index-${process.pid}-${Date.now()}-${Math.random()}`,
    );
    // update-index wants a work tree even for index-only edits: an empty one will do
    const workTree = fs.mkdtempSync(path.join(os.tmpdir(), 'scm-worktree-'));
    const env = { GIT_INDEX_FILE: index, GIT_WORK_TREE: workTree };
    try {
      if (base) this.git(owner, repo, ['read-tree', base], { env });
      else this.git(owner, repo, ['read-tree', '--empty'], { env });
      for (const entry of entries) {
        if (entry.sha === null) {
          this.git(
            owner,
            repo,
            ['update-index', '--force-remove', entry.path],
            { env },
          );
          continue;
        }
        const sha =
          entry.sha ??
          this.writeBlob(owner, repo, Buffer.from(entry.content ?? '', 'utf8'));
        this.git(
          owner,
          repo,
          [
            'update-index',
            '--add',
            '--cacheinfo',
            `${entry.mode},${sha},${entry.path}`,
          ],
          { env },
        );
      }
      return this.git(owner, repo, ['write-tree'], { env });
    } finally {
      fs.rmSync(index, { force: true });
      fs.rmSync(workTree, { recursive: true, force: true });
    }
  }

  commit(
    owner: string,
    repo: string,
    c: {
      tree: string;
      parents: string[];
      message: string;
      author?: { name?: string; email?: string };
    },
  ): string {
    const name = c.author?.name || 'Stand-in';
    const email = c.author?.email || 'stand-in@example.com';
    return this.git(
      owner,
      repo,
      ['commit-tree', c.tree, ...c.parents.flatMap(p => ['-p', p]), '-F', '-'],
      {
        input: c.message,
        env: {
          GIT_AUTHOR_NAME: name,
          GIT_AUTHOR_EMAIL: email,
          GIT_COMMITTER_NAME: name,
          GIT_COMMITTER_EMAIL: email,
        },
      },
    );
  }

  resolve(owner: string, repo: string, rev: string): string | undefined {
    try {
      return this.git(owner, repo, [
        'rev-parse',
        '--verify',
        '--quiet',
        `${rev}^{commit}`,
      ]);
    } catch {
      return undefined;
    }
  }

  treeOf(owner: string, repo: string, commit: string): string {
    return this.git(owner, repo, ['rev-parse', `${commit}^{tree}`]);
  }

  setRef(owner: string, repo: string, ref: string, sha: string) {
    this.git(owner, repo, ['update-ref', ref, sha]);
  }

  /** Files of `rev` by path, under `under` when given (paths stay repository-relative). */
  files(
    owner: string,
    repo: string,
    rev: string,
    under?: string,
  ): Record<string, string> {
    const out = this.git(owner, repo, [
      'ls-tree',
      '-r',
      '--name-only',
      rev,
      ...(under ? ['--', under] : []),
    ]);
    const result: Record<string, string> = {};
    for (const p of out.split('\n').filter(Boolean)) {
      result[p] = this.git(owner, repo, ['show', `${rev}:${p}`]);
    }
    return result;
  }

  /** Blobs of `rev` as GitLab's tree API lists them. */
  blobs(owner: string, repo: string, rev: string, under?: string) {
    const out = this.git(owner, repo, [
      'ls-tree',
      '-r',
      rev,
      ...(under ? ['--', under] : []),
    ]);
    return out
      .split('\n')
      .filter(Boolean)
      .map(line => {
        const [meta, p] = line.split('\t');
        const [mode, type, id] = meta.split(' ');
        return { id, name: path.posix.basename(p), type, path: p, mode };
      });
  }

  hasPath(owner: string, repo: string, rev: string, p: string) {
    try {
      this.git(owner, repo, ['cat-file', '-e', `${rev}:${p}`]);
      return true;
    } catch {
      return false;
    }
  }

  /** Paths that differ between two revisions, with git's A/M/D letters. */
  diff(
    owner: string,
    repo: string,
    from: string,
    to: string,
  ): Record<string, string> {
    const out = this.git(owner, repo, [
      'diff',
      '--name-status',
      '--no-renames',
      from,
      to,
    ]);
    return Object.fromEntries(
      out
        .split('\n')
        .filter(Boolean)
        .map(line => {
          const [status, p] = line.split('\t');
          return [p, status];
        }),
    );
  }

  /** `git archive` of `rev` as a .tar.gz with every path under `prefix/` (as GitHub and GitLab serve archives). */
  archive(
    owner: string,
    repo: string,
    rev: string,
    prefix: string,
    under?: string,
  ): Buffer {
    return execFileSync(
      'git',
      [
        'archive',
        '--format=tar.gz',
        `--prefix=${prefix}/`,
        rev,
        ...(under ? ['--', under] : []),
      ],
      {
        cwd: this.repoPath(owner, repo),
        env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1' },
        maxBuffer: 64 * 1024 * 1024,
      },
    );
  }

  remove() {
    fs.rmSync(this.root, { recursive: true, force: true });
  }
}
