/** The CLI as a real process through its bin shim, as a user runs it from a fresh clone. */
import { createMockDirectory } from '@backstage/backend-test-utils';
import { spawnSync } from 'child_process';
import path from 'path';
import { stringify } from 'yaml';
import { rawGitopsConfig, specsByMode } from '../render/__fixtures__/fixtures';

const bin = path.resolve(__dirname, '../../bin/valkey-gitops.js');

describe('valkey-gitops', () => {
  const dir = createMockDirectory();
  beforeEach(() => {
    dir.clear();
    dir.addContent({
      'app-config.yaml': stringify({
        valkey: {
          gitops: { ...rawGitopsConfig, chart: { source: 'vendored' } },
        },
      }),
      'instance.yaml': stringify(specsByMode.replication),
      'bad.yaml': stringify({
        ...specsByMode.replication,
        auth: { password: 'hunter2' },
        environments: [{ name: 'qa' }],
      }),
      'env-config.yaml': stringify({
        valkey: {
          gitops: { ...rawGitopsConfig, repoUrl: '${GITOPS_REPO_URL}' },
        },
      }),
    });
  });
  const run = (args: string[], env: Record<string, string> = {}) =>
    spawnSync(process.execPath, [bin, ...args], {
      cwd: dir.path,
      encoding: 'utf8',
      env: { ...process.env, ...env },
      timeout: 60_000,
    });

  it('render writes the folder and exits 0', () => {
    const r = run([
      'render',
      '--spec',
      'instance.yaml',
      '--out',
      'out',
      '--config',
      'app-config.yaml',
    ]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('values-staging.yaml');
    const out = dir.content({ path: 'out' }) as any;
    expect(out['values.yaml']).toContain('existingSecret: orders-cache-auth');
    expect(out.charts.valkey['Chart.yaml']).toContain('name: valkey');
  }, 60_000);

  it('validate exits 0 and writes nothing', () => {
    const r = run([
      'validate',
      '--spec',
      'instance.yaml',
      '--config',
      'app-config.yaml',
    ]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('OK: resource:default/orders-cache');
    expect(Object.keys(dir.content() as any).sort()).toEqual([
      'app-config.yaml',
      'bad.yaml',
      'env-config.yaml',
      'instance.yaml',
    ]);
  }, 60_000);

  it('refuses a bad spec with a human message naming the fields, exit 1, nothing written', () => {
    const r = run([
      'render',
      '--spec',
      'bad.yaml',
      '--out',
      'out',
      '--config',
      'app-config.yaml',
    ]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(
      'auth.password: passwords and other secrets are never part of the instance spec',
    );
    expect(r.stderr).toContain('Nothing was written.');
    expect(dir.content({ path: 'out' })).toBeUndefined();
  }, 60_000);

  it('refuses an unknown environment with the list of configured ones', () => {
    const r = run(
      [
        'validate',
        '--spec',
        'instance.yaml',
        '--config',
        'app-config.yaml',
      ].concat([]),
    );
    expect(r.status).toBe(0);
    dir.addContent({
      'qa.yaml': stringify({
        ...specsByMode.standalone,
        environments: [{ name: 'qa' }],
      }),
    });
    const q = run([
      'validate',
      '--spec',
      'qa.yaml',
      '--config',
      'app-config.yaml',
    ]);
    expect(q.status).toBe(1);
    expect(q.stderr).toContain(
      'environments[0].name: "qa" is not a configured environment; choose one of dev, staging, prod',
    );
  }, 60_000);

  it('resolves ${ENV} in the config, or names the missing variable', () => {
    const missing = run(
      ['validate', '--spec', 'instance.yaml', '--config', 'env-config.yaml'],
      { GITOPS_REPO_URL: '' },
    );
    expect(missing.status).toBe(1);
    const unset = spawnSync(
      process.execPath,
      [
        bin,
        'validate',
        '--spec',
        'instance.yaml',
        '--config',
        'env-config.yaml',
      ],
      {
        cwd: dir.path,
        encoding: 'utf8',
        env: { PATH: process.env.PATH },
        timeout: 60_000,
      },
    );
    expect(unset.status).toBe(2);
    expect(unset.stderr).toContain(
      'valkey.gitops.repoUrl: refers to ${GITOPS_REPO_URL}, which is not set',
    );
    const set = run(
      ['validate', '--spec', 'instance.yaml', '--config', 'env-config.yaml'],
      { GITOPS_REPO_URL: 'https://git.example.com/x.git' },
    );
    expect(set.status).toBe(0);
  }, 60_000);

  it('usage errors exit 2 with the usage text', () => {
    const r = run(['render', '--spec', 'instance.yaml']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--out is required');
    expect(r.stderr).toContain('Usage:');
  }, 60_000);

  const render = (spec: string, out = 'out') =>
    run([
      'render',
      '--spec',
      spec,
      '--out',
      out,
      '--config',
      'app-config.yaml',
    ]);

  it('refuses a non-empty folder that no render wrote, and writes nothing into it', () => {
    dir.addContent({ mine: { 'notes.txt': 'keep me', 'instance.yaml': 'x' } });
    const r = render('instance.yaml', 'mine');
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(
      'is not empty and was not written by valkey-gitops',
    );
    expect(r.stderr).toContain('nothing was written');
    expect(dir.content({ path: 'mine' })).toEqual({
      'notes.txt': 'keep me',
      'instance.yaml': 'x',
    });
    expect(
      Object.keys(dir.content() as any).filter(n =>
        n.startsWith('.valkey-render-'),
      ),
    ).toEqual([]);
  }, 60_000);

  it('refuses a file that the previous render did not write instead of overwriting it', () => {
    // a render for dev only, then a hand-written file where staging's would go
    const withDevOnly = stringify({
      ...specsByMode.replication,
      environments: [{ name: 'dev' }],
    });
    dir.addContent({ 'dev-only.yaml': withDevOnly });
    expect(render('dev-only.yaml').status).toBe(0);
    dir.addContent({ out: { 'values-staging.yaml': 'hand-written' } });
    const r = render('instance.yaml');
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('values-staging.yaml');
    expect(r.stderr).toContain('which the previous render did not write');
    expect((dir.content({ path: 'out' }) as any)['values-staging.yaml']).toBe(
      'hand-written',
    );
    expect(Object.keys(dir.content({ path: 'out/argocd' }) as any)).toEqual([
      'dev.yaml',
    ]);
  }, 60_000);

  it('updates a previous render in place: drops what it no longer renders, keeps foreign files', () => {
    expect(render('instance.yaml').status).toBe(0);
    dir.addContent({
      out: { 'OWNERS.md': 'team-orders', argocd: { 'notes.md': 'ours' } },
      'dev-only.yaml': stringify({
        ...specsByMode.replication,
        environments: [{ name: 'dev' }],
      }),
    });
    const r = render('dev-only.yaml');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(
      'removed values-staging.yaml (no longer rendered)',
    );
    expect(r.stdout).toContain(
      'removed argocd/staging.yaml (no longer rendered)',
    );
    expect(r.stdout).toContain('left 2 file(s) alone');
    const out = dir.content({ path: 'out' }) as any;
    expect(out['values-staging.yaml']).toBeUndefined();
    expect(out['values-dev.yaml']).toContain('Environment dev');
    expect(out['OWNERS.md']).toBe('team-orders');
    expect(Object.keys(out.argocd).sort()).toEqual(['dev.yaml', 'notes.md']);
    const marker = JSON.parse(out['.valkey-gitops-render.json']);
    expect(marker.files).toContain('values-dev.yaml');
    expect(marker.files).not.toContain('values-staging.yaml');
  }, 60_000);

  it('--help prints a sample spec that renders', () => {
    const r = run(['--help']);
    expect(r.status).toBe(0);
    const sample = r.stdout.split('A sample --spec file:\n\n')[1];
    expect(sample).toContain('name: orders-cache');
    dir.addContent({ 'sample.yaml': sample });
    const v = run([
      'validate',
      '--spec',
      'sample.yaml',
      '--config',
      'app-config.yaml',
    ]);
    expect(v.stderr).toBe('');
    expect(v.stdout).toContain('OK: resource:default/orders-cache');
  }, 60_000);
});
