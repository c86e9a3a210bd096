import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { valkeyPermissions } from '@valkey-backstage/plugin-valkey-common';
import { createRouter } from './service/router';

/**
 * The valkey backend plugin: live status of Valkey instances for catalog entities.
 *
 * @public
 */
export const valkeyPlugin = createBackendPlugin({
  pluginId: 'valkey',
  register(env) {
    env.registerInit({
      deps: {
        http: coreServices.httpRouter,
        logger: coreServices.logger,
        permissionsRegistry: coreServices.permissionsRegistry,
      },
      async init({ http, logger, permissionsRegistry }) {
        permissionsRegistry.addPermissions(valkeyPermissions);
        http.use(await createRouter({ logger }));
        logger.info('valkey status plugin started');
      },
    });
  },
});
