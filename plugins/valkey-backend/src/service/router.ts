import {
  HttpAuthService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  InstanceEnvironments,
  valkeyStatusReadPermission,
} from '@valkey-backstage/plugin-valkey-common';
import express, { Request } from 'express';
import Router from 'express-promise-router';
import { StatusService } from '../status/StatusService';
import { readInstanceAnnotations } from '../targets/instanceAnnotations';
import { CallerScopedCache } from './CallerScopedCache';
import { environmentParameter } from './environmentParameter';
import { readTimelineQuery, timelineOf, TimelineSource } from './timelineRoute';
import { entityRefFromPath } from './entityRefFromPath';

export interface RouterOptions {
  logger: LoggerService;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  catalog: CatalogService;
  status: StatusService;
  /**
   * How long one caller's permission decision and entity lookup for one
   * entity are reused (default 2000 ms; 0 turns it off). Never shared across
   * callers.
   */
  accessCacheMs?: number;
  /** The topology timeline; absent when it is turned off. */
  timeline?: TimelineSource;
}

/** At most this many (caller, entity) answers are kept. */
const ACCESS_CACHE_MAX_ENTRIES = 2000;

/** What one caller may do with one entity: the decision and, when allowed, the entity as the caller sees it. */
interface Access {
  allowed: boolean;
  entity?: Entity;
}

/** The HTTP routes of the valkey plugin, mounted under /api/valkey. */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { httpAuth, permissions, catalog, status } = options;
  const access = new CallerScopedCache<Access>({
    ttlMs: options.accessCacheMs ?? 2000,
    maxEntries: ACCESS_CACHE_MAX_ENTRIES,
  });
  const router = Router();
  router.use(express.json());

  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });

  /** Caller's credentials, permission check, then the entity as the caller may see it. */
  async function loadEntity(req: Request) {
    const entityRef = entityRefFromPath(req.params);
    // Always verified per request; only what follows is reused, per caller.
    const credentials = await httpAuth.credentials(req);
    const { allowed, entity } = await access.get(
      credentials,
      entityRef,
      async () => {
        // Both at once (the entity with the caller's own credentials), so the
        // caller waits for the slower one, not the sum; a denial wins over
        // whatever the lookup did.
        const [decision, lookup] = await Promise.allSettled([
          permissions.authorize(
            [
              {
                permission: valkeyStatusReadPermission,
                resourceRef: entityRef,
              },
            ],
            { credentials },
          ),
          catalog.getEntityByRef(entityRef, { credentials }),
        ]);
        if (decision.status === 'rejected') throw decision.reason;
        if (decision.value[0].result !== AuthorizeResult.ALLOW) {
          return { allowed: false };
        }
        if (lookup.status === 'rejected') throw lookup.reason;
        return { allowed: true, entity: lookup.value };
      },
    );
    if (!allowed) {
      throw new NotAllowedError(
        `not allowed to read the Valkey status of ${entityRef}`,
      );
    }
    if (!entity) throw new NotFoundError(`entity ${entityRef} not found`);
    return { entityRef, entity };
  }

  router.get(
    '/entities/:namespace/:kind/:name/environments',
    async (req, res) => {
      const { entityRef, entity } = await loadEntity(req);
      const { environments } = readInstanceAnnotations(entity);
      const body: InstanceEnvironments = {
        entityRef,
        environments: environments.map(name => ({
          name,
          configured: status.config.environments.has(name),
          operations: !!status.config.environments.get(name)?.operations,
        })),
      };
      res.setHeader('Cache-Control', 'no-store');
      res.json(body);
    },
  );

  router.get('/entities/:namespace/:kind/:name/status', async (req, res) => {
    const environment = environmentParameter(req);
    const { entityRef, entity } = await loadEntity(req);
    const { instance, mode } = entityEnvironment(entity, environment);
    res.setHeader('Cache-Control', 'no-store');
    res.json(await status.answer(entityRef, instance, environment, mode));
  });

  router.get('/entities/:namespace/:kind/:name/timeline', async (req, res) => {
    const query = readTimelineQuery(req);
    const { entityRef, entity } = await loadEntity(req);
    entityEnvironment(entity, query.environment);
    if (!options.timeline) {
      throw new NotFoundError(
        'the topology timeline is turned off in this Backstage',
      );
    }
    const body = await timelineOf(options.timeline, entityRef, query);
    res.setHeader('Cache-Control', 'no-store');
    res.json(body);
  });

  return router;
}

/** The entity's annotations, after checking `environment` is one of its environments. */
function entityEnvironment(entity: Entity, environment: string) {
  const annotations = readInstanceAnnotations(entity);
  if (!annotations.environments.includes(environment)) {
    throw new InputError(
      `query parameter environment: "${environment}" is not one of the entity's environments (${
        annotations.environments.join(', ') || 'none'
      })`,
    );
  }
  return annotations;
}
