import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { rawGitopsConfig } from '../render/__fixtures__/fixtures';
import { createPublishAction } from './publish';

const input = {
  name: 'orders-cache',
  title: 'Valkey instance orders-cache',
  description: 'body',
  sourcePath: 'valkey/orders-cache',
  targetPath: 'valkey/orders-cache',
  catalogInfoPath: '/valkey/orders-cache/catalog-info.yaml',
};

describe('valkey:gitops:publish', () => {
  const action = createPublishAction({
    config: new ConfigReader({ valkey: { gitops: rawGitopsConfig } }),
    catalog: catalogServiceMock(),
  });

  it.each(['github-pr', 'gitlab-mr', 'new-repository'])(
    'refuses %s without a repository, before publishing anything',
    async to => {
      const ctx = createMockActionContext({ input: { ...input, to } as any });
      await expect(action.handler(ctx as any)).rejects.toThrow(
        `repoUrl: choose the repository to publish to (${to})`,
      );
      expect(ctx.output).not.toHaveBeenCalledWith('url', expect.anything());
    },
  );

  it('local without a local repository configured says what the platform team must set', async () => {
    const ctx = createMockActionContext({
      input: { ...input, to: 'local' } as any,
    });
    await expect(action.handler(ctx as any)).rejects.toThrow(
      /the local publisher is off/,
    );
  });
});
