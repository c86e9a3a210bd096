import { createMockDirectory } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { rawGitopsConfig, specsByMode } from '../render/__fixtures__/fixtures';
import {
  createRenderGitopsAction,
  RENDER_GITOPS_ACTION_ID,
} from './renderGitops';

const config = new ConfigReader({
  valkey: {
    gitops: { ...rawGitopsConfig, chart: { source: 'vendored' } },
  },
});
const action = createRenderGitopsAction({ config });
const base = specsByMode.replication;

describe('valkey:gitops:render', () => {
  it('has the documented id', () =>
    expect(RENDER_GITOPS_ACTION_ID).toBe('valkey:gitops:render'));

  const workspace = createMockDirectory();
  beforeEach(() => workspace.clear());

  function run(
    input: Record<string, unknown>,
    extra: { isDryRun?: boolean } = {},
  ) {
    const ctx = createMockActionContext({
      input: input as any,
      workspacePath: workspace.path,
    });
    return { ctx, done: action.handler({ ...ctx, ...extra } as any) };
  }

  it('renders the folder into the workspace and sets every output', async () => {
    const { ctx, done } = run({ instance: base });
    await done;
    const files = Object.keys(
      workspace.content({ path: 'valkey/orders-cache' }) ?? {},
    );
    expect(files).toEqual(
      expect.arrayContaining([
        'Chart.yaml',
        'values.yaml',
        'values-dev.yaml',
        'argocd',
        'secrets',
        'charts',
        'catalog-info.yaml',
        'README.md',
      ]),
    );
    expect(ctx.output).toHaveBeenCalledWith(
      'targetPath',
      'valkey/orders-cache',
    );
    expect(ctx.output).toHaveBeenCalledWith(
      'entityRef',
      'resource:default/orders-cache',
    );
    expect(ctx.output).toHaveBeenCalledWith(
      'catalogInfoPath',
      '/valkey/orders-cache/catalog-info.yaml',
    );
    expect(ctx.output).toHaveBeenCalledWith(
      'files',
      expect.arrayContaining(['values-staging.yaml', 'argocd/staging.yaml']),
    );
    expect(ctx.output).toHaveBeenCalledWith(
      'pullRequestBody',
      expect.stringContaining('### After merge'),
    );
  });

  it('renders in a dry run too (the dry-run response shows the files)', async () => {
    const { done } = run({ instance: base }, { isDryRun: true });
    await done;
    expect(workspace.content({ path: 'valkey/orders-cache' })).toHaveProperty([
      'values.yaml',
    ]);
  });

  it('re-running replaces the folder as a whole', async () => {
    await run({ instance: base }).done;
    await run({ instance: { ...base, environments: [base.environments[0]] } })
      .done;
    const content = workspace.content({ path: 'valkey/orders-cache' }) as any;
    expect(Object.keys(content)).not.toContain('values-staging.yaml');
    expect(Object.keys(workspace.content() as any)).toEqual(['valkey']);
  });

  it('renders a new repository at the workspace root with Argo CD reading that repository', async () => {
    const { ctx, done } = run({
      instance: base,
      repository: 'github.com?owner=acme&repo=orders-cache-gitops',
    });
    await done;
    expect(ctx.output).toHaveBeenCalledWith('targetPath', '.');
    const app = (workspace.content() as any).argocd['dev.yaml'] as string;
    expect(app).toContain(
      'repoURL: https://github.com/acme/orders-cache-gitops.git',
    );
    expect(app).toContain('path: .\n');
  });

  const hostile: Array<[string, Record<string, unknown>, RegExp]> = [
    [
      'path traversal in the name',
      { instance: { ...base, name: '../../etc' } },
      /name:/,
    ],
    ['a slash in the name', { instance: { ...base, name: 'a/b' } }, /name:/],
    [
      'upper case in the name',
      { instance: { ...base, name: 'Orders' } },
      /name:/,
    ],
    [
      'an overlong name',
      { instance: { ...base, name: 'x'.repeat(41) } },
      /name:/,
    ],
    ['an empty name', { instance: { ...base, name: '' } }, /name:/],
    [
      'a name ending in "-"',
      { instance: { ...base, name: 'orders-' } },
      /name:/,
    ],
    [
      'YAML injection in the name',
      { instance: { ...base, name: 'orders\nkind: Secret' } },
      /name:/,
    ],
    [
      'template injection in the name',
      { instance: { ...base, name: '${{ secrets.token }}' } },
      /name:/,
    ],
    [
      'template injection in the description',
      { instance: { ...base, description: '{{ 7*7 }}' } },
      /description:/,
    ],
    [
      'scaffolder expression in the description',
      { instance: { ...base, description: '${{ parameters.owner }}' } },
      /description:/,
    ],
    [
      'YAML injection in the description',
      { instance: { ...base, description: 'x\nmetadata: {}' } },
      /description:/,
    ],
    [
      'HTML in the description',
      { instance: { ...base, description: '<img src=x onerror=alert(1)>' } },
      /description:/,
    ],
    [
      'YAML injection in the owner',
      { instance: { ...base, owner: 'group:default/team\nkind: User' } },
      /owner:/,
    ],
    [
      'path traversal in the owner',
      { instance: { ...base, owner: '../../root' } },
      /owner:/,
    ],
    [
      'path traversal in the system',
      { instance: { ...base, system: 'system:../x' } },
      /system:/,
    ],
    [
      'a huge environment list',
      {
        instance: {
          ...base,
          environments: Array.from({ length: 1000 }, (_, i) => ({
            name: `e${i}`,
          })),
        },
      },
      /environments:/,
    ],
    [
      'no environment',
      { instance: { ...base, environments: [] } },
      /environments:/,
    ],
    [
      'an unknown environment',
      { instance: { ...base, environments: [{ name: 'qa' }] } },
      /environments\[0\]\.name:.*not a configured environment/,
    ],
    [
      'a duplicated environment',
      {
        instance: { ...base, environments: [{ name: 'dev' }, { name: 'dev' }] },
      },
      /environments\[1\]\.name:/,
    ],
    [
      'path traversal in an environment',
      { instance: { ...base, environments: [{ name: '../prod' }] } },
      /environments\[0\]\.name:/,
    ],
    [
      'shards in replication mode',
      { instance: { ...base, topology: { shards: 3 } } },
      /topology\.shards: is not used in replication mode/,
    ],
    [
      'sentinels in standalone mode',
      { instance: { ...specsByMode.standalone, topology: { sentinels: 3 } } },
      /topology\.sentinels:/,
    ],
    [
      'an even number of Sentinels',
      {
        instance: {
          ...specsByMode.sentinel,
          topology: { replicas: 3, sentinels: 4 },
        },
      },
      /topology\.sentinels: must be odd/,
    ],
    [
      'a thousand replicas',
      { instance: { ...base, topology: { replicas: 1000 } } },
      /topology\.replicas:/,
    ],
    [
      'an override the mode does not allow',
      {
        instance: {
          ...base,
          environments: [
            { name: 'dev', overrides: { topology: { shards: 6 } } },
          ],
        },
      },
      /environments\[0\]\.overrides\.topology\.shards:/,
    ],
    [
      'a plaintext auth password',
      { instance: { ...base, auth: { enabled: true, password: 'hunter2' } } },
      /auth\.password: passwords and other secrets are never part/,
    ],
    [
      'a password at the top level',
      { instance: { ...base, password: 'hunter2' } },
      /password: passwords/,
    ],
    [
      'a password on an ACL user',
      {
        instance: {
          ...base,
          auth: {
            aclUsers: [
              { name: 'app', permissions: 'read-only', password: 'x' },
            ],
          },
        },
      },
      /auth\.aclUsers\[0\]\.password:/,
    ],
    [
      'an existingSecret smuggled into the spec',
      { instance: { ...base, auth: { existingSecret: 'other-team' } } },
      /auth\.existingSecret:/,
    ],
    [
      'auth overrides per environment',
      {
        instance: {
          ...base,
          environments: [
            { name: 'dev', overrides: { auth: { enabled: false } } },
          ],
        },
      },
      /environments\[0\]\.overrides\.auth:/,
    ],
    [
      'raw chart values',
      { instance: { ...base, values: { diagnosticMode: { enabled: true } } } },
      /values: is not a known field/,
    ],
    [
      'a cron schedule in words',
      {
        instance: {
          ...base,
          backups: { enabled: true, schedule: 'every day' },
        },
      },
      /backups\.schedule: must be a cron schedule/,
    ],
    [
      'a minute out of range',
      {
        instance: {
          ...base,
          backups: { enabled: true, schedule: '61 * * * *' },
        },
      },
      /backups\.schedule:/,
    ],
    [
      'four cron fields',
      {
        instance: { ...base, backups: { enabled: true, schedule: '* * * *' } },
      },
      /backups\.schedule:/,
    ],
    [
      'shell after the cron schedule',
      {
        instance: {
          ...base,
          backups: { enabled: true, schedule: '0 2 * * *; rm -rf /' },
        },
      },
      /backups\.schedule:/,
    ],
    [
      'an unknown mode',
      { instance: { ...base, mode: 'master-slave' } },
      /mode:/,
    ],
    ['an unknown size', { instance: { ...base, size: 'huge' } }, /size:/],
    [
      'a volume size with the wrong unit',
      { instance: { ...base, persistence: { enabled: true, size: '10GB' } } },
      /persistence\.size:/,
    ],
    [
      'a hundred ACL users',
      {
        instance: {
          ...base,
          auth: {
            aclUsers: Array.from({ length: 100 }, (_, i) => ({
              name: `u${i}`,
              permissions: 'read-only',
            })),
          },
        },
      },
      /auth\.aclUsers:/,
    ],
    [
      'the default user as an ACL user',
      {
        instance: {
          ...base,
          auth: { aclUsers: [{ name: 'default', permissions: 'admin' }] },
        },
      },
      /auth\.aclUsers\[0\]\.name:/,
    ],
    [
      'raw ACL rules instead of a preset',
      {
        instance: {
          ...base,
          auth: {
            aclUsers: [{ name: 'app', permissions: '+@all ~* >secret' }],
          },
        },
      },
      /auth\.aclUsers\[0\]\.permissions:/,
    ],
    [
      'ACL users with auth off',
      {
        instance: {
          ...base,
          auth: {
            enabled: false,
            aclUsers: [{ name: 'app', permissions: 'read-only' }],
          },
        },
      },
      /auth\.aclUsers: ACL users require auth/,
    ],
    [
      'alerts without metrics',
      { instance: { ...base, metrics: { enabled: false, alerts: true } } },
      /metrics\.alerts: requires metrics\.enabled/,
    ],
    [
      'an unknown image variant',
      { instance: { ...base, image: { variant: 'alpine' } } },
      /image\.variant:/,
    ],
    [
      'the repository chart source without a configured repository',
      { instance: { ...base, chart: { source: 'repository' } } },
      /chart\.source:/,
    ],
    [
      'a policy violation (standalone in prod)',
      {
        instance: {
          ...specsByMode.standalone,
          environments: [{ name: 'prod' }],
        },
      },
      /environment "prod": mode: .*not allowed/,
    ],
    [
      'TLS where no issuer is configured',
      {
        instance: {
          ...base,
          environments: [
            { name: 'dev', overrides: { tls: { enabled: true } } },
          ],
        },
      },
      /environment "dev": environments\[0\]\.overrides\.tls\.enabled:/,
    ],
    ['an instance that is a string', { instance: 'name: orders' }, /\(spec\):/],
    ['no instance at all', {}, /\(spec\):/],
    [
      'path traversal in the new repository',
      { instance: base, repository: 'github.com?owner=..&repo=x' },
      /repository:/,
    ],
    [
      'a host with a path in the new repository',
      { instance: base, repository: 'evil.example.com/x?owner=a&repo=b' },
      /repository:/,
    ],
  ];

  it('has at least 30 hostile or wrong inputs', () => {
    expect(hostile.length).toBeGreaterThanOrEqual(30);
  });

  it.each(hostile)(
    'refuses %s, naming the field, and writes nothing',
    async (_label, input, message) => {
      const { done } = run(input);
      await expect(done).rejects.toThrow(message);
      await expect(done).rejects.toMatchObject({ name: 'InputError' });
      expect(workspace.content()).toEqual({});
    },
  );
});
