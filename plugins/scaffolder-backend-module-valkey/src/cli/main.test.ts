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
});
