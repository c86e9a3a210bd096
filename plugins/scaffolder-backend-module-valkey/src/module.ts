import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { createCommitLocalAction } from './actions/commitLocal';
import { createGrantAccessAction } from './actions/grantAccess';
import { createPublishAction } from './actions/publish';
import { createRegisterLocalAction } from './actions/registerLocal';
import { createRenderGitopsAction } from './actions/renderGitops';
import { createRetireInstanceAction } from './actions/retireInstance';
import { createCheckRouter } from './check/router';

/**
 * Registers `valkey:gitops:render`, `valkey:gitops:publish` (the one publish
 * step of the templates), `valkey:gitops:commit-local`,
 * `valkey:catalog:register-local`, `valkey:gitops:retire` and
 * `valkey:gitops:grant-access` with the scaffolder, and the routes behind the
 * form's live checks (same renderer and policy, in memory). They read `valkey.gitops`
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
        auth: coreServices.auth,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        urlReader: coreServices.urlReader,
      },
      async init({
        actions,
        config,
        catalog,
        auth,
        httpAuth,
        httpRouter,
        urlReader,
      }) {
        actions.addActions(
          createRenderGitopsAction({ config, catalog, auth, urlReader }),
          createCommitLocalAction({ config }),
          createRegisterLocalAction({ config, catalog }),
          createPublishAction({ config, catalog }),
          createRetireInstanceAction({ config, catalog }),
          createGrantAccessAction({ config, catalog }),
        );
        // The form's live checks: /api/scaffolder/valkey/{environments,name-check,form-check}.
        httpRouter.use(
          createCheckRouter({ config, httpAuth, auth, catalog, urlReader }),
        );
      },
    });
  },
});
