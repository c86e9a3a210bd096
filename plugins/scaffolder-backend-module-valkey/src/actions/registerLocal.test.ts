import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import path from 'path';
import { rawGitopsConfig } from '../render/__fixtures__/fixtures';
import {
  isLocationConfigured,
  localCatalogLocation,
} from './localCatalogLocation';
import {
  createRegisterLocalAction,
  REGISTER_LOCAL_ACTION_ID,
} from './registerLocal';

const gitops = {
  ...rawGitopsConfig,
  localRepository: { path: '../../.gitops-local', branch: 'main' },
};
const expectedTarget = path.resolve(
  '../../.gitops-local/valkey/*/catalog-info.yaml',
);

describe('localCatalogLocation', () => {
  it('is a file glob over catalog-info.yaml of every instance folder, resolved like the catalog resolves config targets', () => {
    const location = localCatalogLocation({
      repositoryPath: '../../.gitops-local',
      targetPathPattern: 'valkey/{name}',
    });
    expect(location.target).toBe(expectedTarget);
    expect(location.entityRef).toMatch(
      /^location:default\/generated-[0-9a-f]{40}$/,
    );
    expect(location.configSnippet).toContain(
      'target: ../../.gitops-local/valkey/*/catalog-info.yaml',
    );
  });

  it('finds the configured entry whether its target is relative or absolute, and only a file entry', () => {
    const withRelative = new ConfigReader({
      catalog: {
        locations: [
          {
            type: 'file',
            target: '../../.gitops-local/valkey/*/catalog-info.yaml',
          },
        ],
      },
    });
    const withAbsolute = new ConfigReader({
      catalog: { locations: [{ type: 'file', target: expectedTarget }] },
    });
    const withUrl = new ConfigReader({
      catalog: { locations: [{ type: 'url', target: expectedTarget }] },
    });
    expect(isLocationConfigured(withRelative, expectedTarget)).toBe(true);
    expect(isLocationConfigured(withAbsolute, expectedTarget)).toBe(true);
    expect(isLocationConfigured(withUrl, expectedTarget)).toBe(false);
    expect(isLocationConfigured(new ConfigReader({}), expectedTarget)).toBe(
      false,
    );
  });
});

describe('valkey:catalog:register-local', () => {
  it('has the documented id', () =>
    expect(REGISTER_LOCAL_ACTION_ID).toBe('valkey:catalog:register-local'));

  function run(config: ConfigReader, input: Record<string, unknown>) {
    const catalog = catalogServiceMock();
    jest.spyOn(catalog, 'refreshEntity');
    const action = createRegisterLocalAction({ config, catalog });
    const ctx = createMockActionContext({ input: input as any });
    jest.spyOn(ctx.logger, 'warn');
    return { ctx, catalog, done: action.handler(ctx as any) };
  }

  it.each(['../etc', 'Orders', 'a/b', '', 'x'.repeat(41)])(
    'refuses the name %j before touching the catalog',
    async name => {
      const { catalog, done } = run(new ConfigReader({ valkey: { gitops } }), {
        name,
      });
      await expect(done).rejects.toThrow('name: must be the instance name');
      expect(catalog.refreshEntity).not.toHaveBeenCalled();
    },
  );

  it('without a catalog location over the local repository: says which entry to add, registers nothing', async () => {
    const { ctx, catalog, done } = run(
      new ConfigReader({ valkey: { gitops } }),
      { name: 'orders-cache' },
    );
    await done;
    expect(ctx.logger.warn).toHaveBeenCalledWith(
      expect.stringContaining(
        'target: ../../.gitops-local/valkey/*/catalog-info.yaml',
      ),
    );
    expect(ctx.output).toHaveBeenCalledWith('registered', false);
    expect(ctx.output).toHaveBeenCalledWith(
      'entityRef',
      'resource:default/orders-cache',
    );
    expect(catalog.refreshEntity).not.toHaveBeenCalled();
  });

  it('refuses to run when the local publisher is not configured', async () => {
    const { done } = run(
      new ConfigReader({ valkey: { gitops: rawGitopsConfig } }),
      { name: 'orders-cache' },
    );
    await expect(done).rejects.toThrow(
      'valkey.gitops.localRepository.path is not configured',
    );
  });
});
