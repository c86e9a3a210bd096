/**
 * Is an instance name free? Taken when the catalog has an entity of that name
 * or the local GitOps repository already has the instance's folder. Both the
 * form's live check and the render action ask here, so they answer alike.
 */
import { stringifyEntityRef } from '@backstage/catalog-model';
import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import fs from 'fs';
import path from 'path';
import type { GitopsConfig } from '../config/gitopsConfig';

export type NameAvailability =
  | { available: true }
  | { available: false; takenBy: 'catalog' | 'folder'; message: string };

export async function nameAvailability(options: {
  name: string;
  config: GitopsConfig;
  catalog: CatalogService;
  credentials: BackstageCredentials;
}): Promise<NameAvailability> {
  const { name, config, catalog, credentials } = options;
  const { items } = await catalog.getEntities(
    {
      filter: { 'metadata.name': name },
      fields: ['kind', 'metadata.name', 'metadata.namespace'],
    },
    { credentials },
  );
  if (items.length > 0) {
    const refs = items.map(e => stringifyEntityRef(e)).join(', ');
    return {
      available: false,
      takenBy: 'catalog',
      message: `The name "${name}" is already taken in the catalog (${refs}); choose another name.`,
    };
  }
  if (config.localRepository) {
    const folder = config.targetPathPattern.replace(/\{name\}/g, name);
    if (fs.existsSync(path.resolve(config.localRepository.path, folder))) {
      return {
        available: false,
        takenBy: 'folder',
        message: `The GitOps repository already has a folder ${folder}; choose another name.`,
      };
    }
  }
  return { available: true };
}
