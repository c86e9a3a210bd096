import {
  createMockDirectory,
  mockServices,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { ConfigReader } from '@backstage/config';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { formFromInstanceSpec } from '@valkey-backstage/plugin-valkey-common';
import { rawGitopsConfig, specsByMode } from '../render/__fixtures__/fixtures';
import {
  createRenderGitopsAction,
  RENDER_GITOPS_ACTION_ID,
} from './renderGitops';
import { hostileRenderInputs } from './renderGitops.hostile';

const config = new ConfigReader({
  valkey: {
    gitops: { ...rawGitopsConfig, chart: { source: 'vendored' } },
  },
});
const existing = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: { name: 'demo-cluster', namespace: 'default' },
  spec: { type: 'valkey', owner: 'group:default/team-a' },
};
const action = createRenderGitopsAction({
  config,
  catalog: catalogServiceMock({ entities: [existing] }),
  auth: mockServices.auth(),
});
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

  describe('a name that is already taken', () => {
    const repo = createMockDirectory();
    const withRepo = (change?: { of: string }) =>
      createRenderGitopsAction({
        config: new ConfigReader({
          valkey: {
            gitops: {
              ...rawGitopsConfig,
              chart: { source: 'vendored' },
              localRepository: { path: repo.path },
            },
          },
        }),
        catalog: catalogServiceMock({ entities: [existing] }),
        auth: mockServices.auth(),
      }).handler({
        ...createMockActionContext({
          input: {
            instance: { ...base, name: 'taken-folder' },
            ...(change ? { change } : {}),
          } as any,
          workspacePath: workspace.path,
        }),
      } as any);

    it('refuses a name the catalog has, before anything is written', async () => {
      const { done } = run({ instance: { ...base, name: 'demo-cluster' } });
      await expect(done).rejects.toThrow(
        /"demo-cluster" is already taken in the catalog \(resource:default\/demo-cluster\).*Nothing was written/,
      );
      expect(workspace.content()).toEqual({});
    });

    it('refuses it in a dry run too', async () => {
      const { done } = run(
        { instance: { ...base, name: 'demo-cluster' } },
        { isDryRun: true },
      );
      await expect(done).rejects.toThrow(/already taken/);
    });

    it('refuses a name whose folder the local GitOps repository already has', async () => {
      repo.setContent({ 'valkey/taken-folder/README.md': 'someone else' });
      await expect(withRepo()).rejects.toThrow(
        /already has a folder valkey\/taken-folder/,
      );
      expect(workspace.content()).toEqual({});
      expect(repo.content()).toEqual({
        valkey: { 'taken-folder': { 'README.md': 'someone else' } },
      });
    });

    it('a change of the same instance is no name clash: it goes on to read the stored folder', async () => {
      repo.setContent({ 'valkey/taken-folder/README.md': 'hand-made' });
      // Not refused as taken; refused because this folder is no rendered instance.
      await expect(withRepo({ of: 'taken-folder' })).rejects.toThrow(
        /holds no instance.yaml, so it is not an instance rendered/,
      );
      expect(workspace.content()).toEqual({});
    });
  });

  it('renders the same folder from the form values as from the spec they stand for', async () => {
    await run({ instance: specsByMode.sentinel }).done;
    const fromSpec = workspace.content();
    workspace.clear();
    await run({ form: formFromInstanceSpec(specsByMode.sentinel) }).done;
    expect(workspace.content()).toEqual(fromSpec);
  });

  it('refuses both a spec and form values at once', async () => {
    const { done } = run({ instance: base, form: {} });
    await expect(done).rejects.toThrow(/not both/);
  });

  it('has at least 30 hostile or wrong inputs', () => {
    expect(hostileRenderInputs.length).toBeGreaterThanOrEqual(30);
  });

  it.each(hostileRenderInputs)(
    'refuses %s, naming the field, and writes nothing',
    async (_label, input, message) => {
      const { done } = run(input);
      await expect(done).rejects.toThrow(message);
      await expect(done).rejects.toMatchObject({ name: 'InputError' });
      expect(workspace.content()).toEqual({});
    },
  );
});
