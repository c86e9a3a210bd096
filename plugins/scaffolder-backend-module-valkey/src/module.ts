import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { createCommitLocalAction } from './actions/commitLocal';
import { createRenderGitopsAction } from './actions/renderGitops';

/**
 * Registers `valkey:gitops:render` and `valkey:gitops:commit-local` with the
 * scaffolder. Both read `valkey.gitops` when they run, so a config mistake
 * fails the task with a message instead of the backend start.
 *
 * @public
 */
export const scaffolderModuleValkey = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'valkey',
  register(env) {
    env.registerInit({
      deps: {
        actions: scaffolderActionsExtensionPoint,
        config: coreServices.rootConfig,
      },
      async init({ actions, config }) {
        actions.addActions(
          createRenderGitopsAction({ config }),
          createCommitLocalAction({ config }),
        );
      },
    });
  },
});
