import { Config } from '@backstage/config';
import { locationSpecToMetadataName } from '@backstage/plugin-catalog-node';
import path from 'path';

/**
 * The catalog location that covers every instance the local publisher commits:
 * a `file` glob over `<localRepository.path>/<targetPathPattern>/catalog-info.yaml`.
 *
 * Why a configured glob and not `addLocation({ type: 'file' })`: the catalog API
 * accepts only `url` locations (catalog-backend 4.0 has no config key for it,
 * only `catalogLocationsExtensionPoint`), and opening `file` to the API would let
 * any user register any file of the backend host. A configured location reads
 * only this repository's catalog-info.yaml files; the action just refreshes it.
 */
export interface LocalCatalogLocation {
  /** Absolute glob, as the catalog resolves a `file` target from config. */
  target: string;
  /** The Location entity the catalog makes of it, e.g. `location:default/generated-…`. */
  entityRef: string;
  /** What to add to app-config.yaml when it is missing. */
  configSnippet: string;
}

export function localCatalogLocation(options: {
  repositoryPath: string;
  targetPathPattern: string;
}): LocalCatalogLocation {
  const folderGlob = options.targetPathPattern.replace(/\{name\}/g, '*');
  const relativeTarget = path.join(
    options.repositoryPath,
    folderGlob,
    'catalog-info.yaml',
  );
  const target = path.resolve(relativeTarget);
  return {
    target,
    entityRef: `location:default/${locationSpecToMetadataName({
      type: 'file',
      target,
    })}`,
    configSnippet: `catalog:\n  locations:\n    - type: file\n      target: ${relativeTarget}`,
  };
}

/** Whether `catalog.locations` holds a `file` entry that resolves to `target`. */
export function isLocationConfigured(config: Config, target: string): boolean {
  const locations = config.getOptionalConfigArray('catalog.locations') ?? [];
  return locations.some(
    location =>
      location.getOptionalString('type') === 'file' &&
      path.resolve(location.getOptionalString('target') ?? '') === target,
  );
}
