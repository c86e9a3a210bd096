import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { createRenderGitopsAction } from './actions/renderGitops';

/**
 * Registers the `valkey:gitops:render` action with the scaffolder.
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
        logger: coreServices.logger,
      },
      async init({ actions }) {
        actions.addActions(createRenderGitopsAction());
      },
    });
  },
});
