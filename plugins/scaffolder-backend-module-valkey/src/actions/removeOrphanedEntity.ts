import { ANNOTATION_LOCATION } from '@backstage/catalog-model';
import type {
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { CatalogService } from '@backstage/plugin-catalog-node';
import path from 'path';
import { setTimeout as sleep } from 'timers/promises';
import type { GitopsConfig } from '../config/gitopsConfig';
import {
  isLocationConfigured,
  localCatalogLocation,
} from './localCatalogLocation';

/** Set by the catalog on an entity whose location no longer emits it. */
const ANNOTATION_ORPHAN = 'backstage.io/orphan';
const WAIT_MS = 60_000;
const POLL_MS = 1_000;

/**
 * After the local commit deleted an instance's folder: refreshes the catalog
 * location over the local repository so the catalog sees the catalog-info.yaml
 * is gone, then deletes the orphaned entity with the initiator's credentials
 * (catalog permissions apply). Only an entity that came from that very file is
 * deleted. Returns whether the entity is gone from the catalog.
 */
export async function removeOrphanedEntity(options: {
  config: Config;
  catalog: CatalogService;
  gitops: GitopsConfig;
  targetPath: string;
  entityRef: string;
  credentials: BackstageCredentials;
  signal?: AbortSignal;
  logger: LoggerService;
}): Promise<boolean> {
  const { catalog, gitops, entityRef, credentials, logger } = options;
  const repositoryPath = gitops.localRepository!.path;
  const location = localCatalogLocation({
    repositoryPath,
    targetPathPattern: gitops.targetPathPattern,
  });
  if (!isLocationConfigured(options.config, location.target)) {
    logger.warn(
      `The catalog has no location over the local GitOps repository, so ${entityRef} was not removed from the catalog; remove it there by hand`,
    );
    return false;
  }
  const expectedSource = `file:${path.resolve(
    repositoryPath,
    options.targetPath,
    'catalog-info.yaml',
  )}`;
  await catalog.refreshEntity(location.entityRef, { credentials });
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const entity = await catalog.getEntityByRef(entityRef, { credentials });
    if (!entity) return true;
    const annotations = entity.metadata.annotations ?? {};
    if (annotations[ANNOTATION_LOCATION] !== expectedSource) {
      logger.warn(
        `${entityRef} in the catalog comes from ${annotations[ANNOTATION_LOCATION]}, not from the retired folder; it was left alone`,
      );
      return false;
    }
    if (annotations[ANNOTATION_ORPHAN] === 'true') {
      await catalog.removeEntityByUid(entity.metadata.uid!, { credentials });
      logger.info(`Removed ${entityRef} from the catalog`);
      return true;
    }
    if (Date.now() > deadline) {
      logger.warn(
        `The folder is deleted, but the catalog still reads ${entityRef} after ${
          WAIT_MS / 1000
        } s; it will be marked orphaned at the next processing`,
      );
      return false;
    }
    await sleep(POLL_MS, undefined, { signal: options.signal });
  }
}
