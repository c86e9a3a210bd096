import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { valkeyPermissions } from '@valkey-backstage/plugin-valkey-common';
import { readStatusConfig } from './config/readStatusConfig';
import { readTimelineConfig } from './config/readTimelineConfig';
import { OperationsService } from './operations/OperationsService';
import { registerValkeyActions } from './operations/registerActions';
import { createFleetRouter } from './service/fleetRouter';
import { createOperationsRouter } from './service/operationsRouter';
import { createRouter } from './service/router';
import { createStoredSpecRouter } from './service/storedSpecRouter';
import { ScmIntegrations } from '@backstage/integration';
import { StatusService } from './status/StatusService';
import { startTimeline } from './timeline/startTimeline';

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
        httpAuth: coreServices.httpAuth,
        logger: coreServices.logger,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        cache: coreServices.cache,
        config: coreServices.rootConfig,
        catalog: catalogServiceRef,
        auth: coreServices.auth,
        database: coreServices.database,
        scheduler: coreServices.scheduler,
        auditor: coreServices.auditor,
        lifecycle: coreServices.lifecycle,
        actionsRegistry: actionsRegistryServiceRef,
        urlReader: coreServices.urlReader,
      },
      async init({
        http,
        httpAuth,
        logger,
        permissions,
        permissionsRegistry,
        cache,
        config,
        catalog,
        auth,
        database,
        scheduler,
        auditor,
        lifecycle,
        actionsRegistry,
        urlReader,
      }) {
        permissionsRegistry.addPermissions(valkeyPermissions);
        const status = new StatusService({
          config: readStatusConfig(config),
          cache,
          logger,
        });
        const accessCacheMs =
          config.getOptionalNumber('valkey.status.accessCacheMs') ?? 2000;
        if (!(accessCacheMs >= 0 && accessCacheMs <= 10_000)) {
          throw new Error(
            `valkey.status.accessCacheMs must be between 0 and 10000 (ms), got ${accessCacheMs}`,
          );
        }
        const timeline = await startTimeline({
          config: readTimelineConfig(config),
          database,
          scheduler,
          status,
          catalog,
          auth,
          logger,
        });
        http.use(
          await createRouter({
            logger,
            httpAuth,
            permissions,
            catalog,
            status,
            accessCacheMs,
            timeline,
          }),
        );
        // The fleet reads every row through the same StatusService (cache and
        // concurrency limit) as the entity routes above.
        http.use(
          await createFleetRouter({
            logger,
            httpAuth,
            permissions,
            catalog,
            status,
          }),
        );
        // Back up now and fail over: their own credentials, permission and audit.
        const operations = new OperationsService({ status, cache, logger });
        lifecycle.addShutdownHook(() => operations.stop());
        const operationDeps = { permissions, catalog, auditor, operations };
        http.use(await createOperationsRouter({ ...operationDeps, httpAuth }));
        registerValkeyActions(actionsRegistry, { ...operationDeps, status });
        http.use(
          await createStoredSpecRouter({
            httpAuth,
            permissions,
            catalog,
            urlReader,
            localRepositoryPath: config.getOptionalString(
              'valkey.gitops.localRepository.path',
            ),
            integrations: ScmIntegrations.fromConfig(config),
          }),
        );
        logger.info('valkey status plugin started');
      },
    });
  },
});
