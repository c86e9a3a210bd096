import { ANNOTATION_LOCATION } from '@backstage/catalog-model';
import type {
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { CatalogService } from '@backstage/plugin-catalog-node';
import path from 'path';
import type { GitopsConfig } from '../config/gitopsConfig';
import {
  isLocationConfigured,
  localCatalogLocation,
} from './localCatalogLocation';

/**
 * After the local commit deleted an instance's folder: deletes its entity from
 * the catalog with the initiator's credentials (catalog permissions apply),
 * then refreshes the location over the local repository. The file is gone, so
 * no location brings the entity back. Only an entity that came from that very
 * catalog-info.yaml is deleted. Returns whether the entity is gone.
 */
export async function removeRetiredEntity(options: {
  config: Config;
  catalog: CatalogService;
  gitops: GitopsConfig;
  targetPath: string;
  entityRef: string;
  credentials: BackstageCredentials;
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
      `The catalog has no location over the local GitOps repository, so ${entityRef} was not removed from the catalog; unregister it there by hand`,
    );
    return false;
  }
  const entity = await catalog.getEntityByRef(entityRef, { credentials });
  if (entity) {
    const source = entity.metadata.annotations?.[ANNOTATION_LOCATION];
    const retiredFile = `file:${path.resolve(
      repositoryPath,
      options.targetPath,
      'catalog-info.yaml',
    )}`;
    if (source !== retiredFile) {
      logger.warn(
        `${entityRef} in the catalog comes from ${source}, not from the retired folder; it was left alone`,
      );
      return false;
    }
    await catalog.removeEntityByUid(entity.metadata.uid!, { credentials });
    logger.info(`Removed ${entityRef} from the catalog`);
  }
  await catalog.refreshEntity(location.entityRef, { credentials });
  return true;
}
