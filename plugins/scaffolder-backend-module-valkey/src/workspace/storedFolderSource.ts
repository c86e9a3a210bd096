/**
 * Which stored folder a change compares with: the local GitOps repository, or
 * the default branch of the GitHub or GitLab repository the change is
 * published to (the form's "Where to publish").
 */
import type { UrlReaderService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import type { ScmIntegrationRegistry } from '@backstage/integration';
import type { GitopsConfig } from '../config/gitopsConfig';
import type { RenderedFile } from '../render';
import { readRemoteStoredFolder } from './remoteStoredFolder';
import { readStoredFolder } from './storedFolder';

export type ReadStoredFolder = (
  gitops: GitopsConfig,
  targetPath: string,
) => Promise<RenderedFile[]>;

export interface StoredFolderDeps {
  urlReader?: UrlReaderService;
  integrations: ScmIntegrationRegistry;
}

/** `publisher` and `repoUrl` as the form names them. */
export function storedFolderReader(
  deps: StoredFolderDeps,
  where: { publisher?: unknown; repoUrl?: unknown },
): ReadStoredFolder {
  const { publisher, repoUrl } = where;
  if (publisher === undefined || publisher === 'local') return readStoredFolder;
  if (publisher === 'github-pr' || publisher === 'gitlab-mr') {
    if (typeof repoUrl !== 'string' || repoUrl === '') {
      throw new InputError(
        'Choose the GitOps repository under "Where to publish": the change is compared with the instance as that repository holds it',
      );
    }
    const { urlReader, integrations } = deps;
    if (!urlReader)
      throw new Error('no UrlReader to read the GitOps repository');
    return (_gitops, targetPath) =>
      readRemoteStoredFolder({
        urlReader,
        integrations,
        publisher,
        repoUrl,
        targetPath,
      });
  }
  throw new InputError(
    'An instance in a repository of its own cannot be changed from here; choose the GitOps repository it was published to under "Where to publish", or change its repository directly',
  );
}
