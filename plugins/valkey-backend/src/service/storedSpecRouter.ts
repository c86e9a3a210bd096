import {
  HttpAuthService,
  PermissionsService,
  UrlReaderService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  StoredInstanceSpecResponse,
  valkeyInstanceSpecReadPermission,
} from '@valkey-backstage/plugin-valkey-common';
import type { ScmIntegrationRegistry } from '@backstage/integration';
import express from 'express';
import Router from 'express-promise-router';
import { readStoredSpec } from '../storedSpec/readStoredSpec';
import { entityRefFromPath } from './entityRefFromPath';

export interface StoredSpecRouterOptions {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  catalog: CatalogService;
  urlReader: UrlReaderService;
  /** `valkey.gitops.localRepository.path`: the only place a file location may point into. */
  localRepositoryPath?: string;
  /** The configured Git hosts: a spec read from one of them is changed through a pull or merge request there. */
  integrations: ScmIntegrationRegistry;
}

/**
 * `GET /entities/:namespace/:kind/:name/stored-spec`: the validated spec in
 * the instance's `instance.yaml`, for "Change this instance". The entity is
 * read with the caller's credentials (catalog permissions apply) and the
 * caller needs `valkey.instance.spec.read` on it.
 */
export async function createStoredSpecRouter(
  options: StoredSpecRouterOptions,
): Promise<express.Router> {
  const { httpAuth, permissions, catalog } = options;
  const router = Router();
  router.get(
    '/entities/:namespace/:kind/:name/stored-spec',
    async (req, res) => {
      const entityRef = entityRefFromPath(req.params);
      const credentials = await httpAuth.credentials(req);
      const [decision] = await permissions.authorize(
        [
          {
            permission: valkeyInstanceSpecReadPermission,
            resourceRef: entityRef,
          },
        ],
        { credentials },
      );
      if (decision.result !== AuthorizeResult.ALLOW) {
        throw new NotAllowedError(
          `not allowed to read the spec of ${entityRef}`,
        );
      }
      const entity = await catalog.getEntityByRef(entityRef, { credentials });
      if (!entity) throw new NotFoundError(`entity ${entityRef} not found`);
      const { spec, publishedTo } = await readStoredSpec({
        entity,
        entityRef,
        urlReader: options.urlReader,
        localRepositoryPath: options.localRepositoryPath,
        integrations: options.integrations,
      });
      const body: StoredInstanceSpecResponse = { entityRef, spec, publishedTo };
      res.setHeader('Cache-Control', 'no-store');
      res.json(body);
    },
  );
  return router;
}
