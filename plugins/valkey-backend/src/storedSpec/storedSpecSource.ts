/**
 * Where the stored spec (`instance.yaml`) of a catalog entity lives: next to
 * the catalog-info.yaml the entity was read from. Pure: turns the entity's
 * managed-by-location annotation into a URL for the UrlReader (which reads
 * only configured integrations) or a file inside the configured local GitOps
 * repository. Any other origin is refused; no host comes from the request.
 */
import { ANNOTATION_LOCATION, Entity } from '@backstage/catalog-model';
import { STORED_INSTANCE_SPEC_FILE } from '@valkey-backstage/plugin-valkey-common';
import path from 'path';

export type StoredSpecSource =
  | { type: 'url'; url: string }
  | { type: 'file'; path: string }
  | { type: 'unavailable'; reason: string };

export function storedSpecSource(
  entity: Entity,
  localRepositoryPath: string | undefined,
): StoredSpecSource {
  const location = entity.metadata.annotations?.[ANNOTATION_LOCATION] ?? '';
  const colon = location.indexOf(':');
  const type = location.slice(0, colon);
  const target = location.slice(colon + 1);
  if (colon > 0 && type === 'url') {
    let url: URL;
    try {
      url = new URL(STORED_INSTANCE_SPEC_FILE, target);
    } catch {
      return { type: 'unavailable', reason: 'its location is not a URL' };
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      return { type: 'unavailable', reason: 'its location is not http(s)' };
    }
    return { type: 'url', url: url.toString() };
  }
  if (colon > 0 && type === 'file') {
    if (!localRepositoryPath) {
      return {
        type: 'unavailable',
        reason:
          'it was read from a file and no local GitOps repository is configured',
      };
    }
    const repo = path.resolve(localRepositoryPath);
    const file = path.join(
      path.dirname(path.resolve(target)),
      STORED_INSTANCE_SPEC_FILE,
    );
    if (!file.startsWith(`${repo}${path.sep}`)) {
      return {
        type: 'unavailable',
        reason: 'it was read from a file outside the local GitOps repository',
      };
    }
    return { type: 'file', path: file };
  }
  return {
    type: 'unavailable',
    reason: 'it was not registered from a GitOps folder',
  };
}
