import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { createMockDirectory } from '@backstage/backend-test-utils';
import {
  createRenderGitopsAction,
  RENDER_GITOPS_ACTION_ID,
} from './renderGitops';

describe(RENDER_GITOPS_ACTION_ID, () => {
  const workspace = createMockDirectory();

  beforeEach(() => workspace.clear());

  it('fails with a clear "not implemented yet" error and writes nothing', async () => {
    const action = createRenderGitopsAction();
    const ctx = createMockActionContext({
      input: { name: 'orders-cache' },
      workspacePath: workspace.path,
    });
    await expect(action.handler(ctx)).rejects.toThrow(/not implemented yet/);
    expect(workspace.content()).toEqual({});
  });
});
