import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { createCommitLocalAction } from './actions/commitLocal';
import { createGrantAccessAction } from './actions/grantAccess';
import { createRegisterLocalAction } from './actions/registerLocal';
import { createRenderGitopsAction } from './actions/renderGitops';
import { createRetireInstanceAction } from './actions/retireInstance';

/**
 * Registers `valkey:gitops:render`, `valkey:gitops:commit-local`,
 * `valkey:catalog:register-local`, `valkey:gitops:retire` and
 * `valkey:gitops:grant-access` with the scaffolder. They read `valkey.gitops`
 * when they run, so a config mistake fails the task with a message instead of
 * the backend start.
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
        catalog: catalogServiceRef,
      },
      async init({ actions, config, catalog }) {
        actions.addActions(
          createRenderGitopsAction({ config }),
          createCommitLocalAction({ config }),
          createRegisterLocalAction({ config, catalog }),
          createRetireInstanceAction({ config, catalog }),
          createGrantAccessAction({ config, catalog }),
        );
      },
    });
  },
});
