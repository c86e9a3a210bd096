import {
  HttpAuthService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  FLEET_QUERY_PARAMETERS,
  FleetResponse,
  FleetRow,
  VALKEY_ENTITY_TYPE,
  VALKEY_ENVIRONMENTS_ANNOTATION,
  valkeyStatusReadPermission,
} from '@valkey-backstage/plugin-valkey-common';
import express, { Request } from 'express';
import Router from 'express-promise-router';
import { failedFleetRow, FleetEntity, fleetRowOf } from '../fleet/fleetRow';
import { StatusService } from '../status/StatusService';
import { isDnsLabel } from '../targets/dnsLabel';
import { readInstanceAnnotations } from '../targets/instanceAnnotations';

export interface FleetRouterOptions {
  logger: LoggerService;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  catalog: CatalogService;
  status: StatusService;
  now?: () => Date;
}

/** What the fleet reads of each entity: enough for its ref, title and annotations. */
const ENTITY_FIELDS = [
  'kind',
  'metadata.namespace',
  'metadata.name',
  'metadata.title',
  'metadata.annotations',
];

/**
 * `GET /fleet`: every Valkey entity the caller can see in the catalog and may
 * read the status of, once per environment, each row from the same
 * StatusService (cache, in-flight coalescing, concurrency limit) as the
 * entity's own status route. One failing row never fails the answer.
 */
export async function createFleetRouter(
  options: FleetRouterOptions,
): Promise<express.Router> {
  const { httpAuth, permissions, catalog, status, logger } = options;
  const now = options.now ?? (() => new Date());
  const router = Router();

  router.get('/fleet', async (req, res) => {
    const { environment } = readFleetQuery(req);
    const credentials = await httpAuth.credentials(req);
    const { items } = await catalog.getEntities(
      {
        filter: { kind: 'resource', 'spec.type': VALKEY_ENTITY_TYPE },
        fields: ENTITY_FIELDS,
      },
      { credentials },
    );
    const entities = items
      .map(entity => ({ entity, entityRef: stringifyEntityRef(entity) }))
      .sort((a, b) => a.entityRef.localeCompare(b.entityRef));
    const decisions = entities.length
      ? await permissions.authorize(
          entities.map(({ entityRef }) => ({
            permission: valkeyStatusReadPermission,
            resourceRef: entityRef,
          })),
          { credentials },
        )
      : [];
    const readable = entities.filter(
      (_, i) => decisions[i]?.result === AuthorizeResult.ALLOW,
    );
    const rows = await Promise.all(
      readable.flatMap(({ entity, entityRef }) =>
        rowsOf({ entityRef, title: titleOf(entity) }, entity, environment),
      ),
    );
    const body: FleetResponse = {
      rows,
      generatedAt: now().toISOString(),
      refreshIntervalSeconds: status.config.refreshIntervalSeconds,
    };
    res.setHeader('Cache-Control', 'no-store');
    res.json(body);
  });

  /** The rows of one entity: one per environment (or one saying what to fix). */
  function rowsOf(
    fleetEntity: FleetEntity,
    entity: Entity,
    only: string | undefined,
  ): Array<Promise<FleetRow>> {
    let annotations;
    try {
      annotations = readInstanceAnnotations(entity);
    } catch (error) {
      return only
        ? []
        : [
            Promise.resolve(
              failedFleetRow(fleetEntity, undefined, messageOf(error)),
            ),
          ];
    }
    const { instance, environments, mode } = annotations;
    if (!environments.length) {
      return only
        ? []
        : [
            Promise.resolve(
              failedFleetRow(
                fleetEntity,
                undefined,
                `the entity has no ${VALKEY_ENVIRONMENTS_ANNOTATION} annotation; list the environments it is deployed to, e.g. "dev,prod"`,
              ),
            ),
          ];
    }
    return environments
      .filter(name => !only || name === only)
      .map(async name => {
        if (!status.config.environments.has(name)) {
          return failedFleetRow(
            fleetEntity,
            name,
            `environment ${name} is not configured in the backend's valkey.status.environments`,
          );
        }
        try {
          const document = await status.status(
            fleetEntity.entityRef,
            instance,
            name,
            mode,
          );
          return fleetRowOf(fleetEntity, document, now());
        } catch (error) {
          logger.warn(
            `valkey fleet: no status for ${fleetEntity.entityRef} in ${name}: ${error}`,
          );
          return failedFleetRow(fleetEntity, name, messageOf(error));
        }
      });
  }

  return router;
}

/** Only the parameters the route knows, each checked; InputError (400) otherwise. */
function readFleetQuery(req: Request): { environment?: string } {
  const known: readonly string[] = FLEET_QUERY_PARAMETERS;
  for (const key of Object.keys(req.query)) {
    if (!known.includes(key)) {
      throw new InputError(
        `query parameter ${key} is not known; the fleet accepts only ${known.join(
          ', ',
        )} (e.g. ?environment=prod)`,
      );
    }
  }
  const environment = req.query.environment;
  if (environment === undefined) return {};
  if (typeof environment !== 'string' || !isDnsLabel(environment)) {
    throw new InputError(
      `query parameter environment: ${JSON.stringify(
        environment,
      )} is not a DNS label; give one environment name, e.g. ?environment=prod`,
    );
  }
  return { environment };
}

function titleOf(entity: Entity): string {
  return entity.metadata.title || entity.metadata.name;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
