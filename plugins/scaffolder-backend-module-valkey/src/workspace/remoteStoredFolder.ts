/**
 * Where a day-2 change published to a Git host finds the instance's current
 * folder: the default branch of the GitOps repository the form names, read
 * with Backstage's UrlReader (configured integrations only, so no host comes
 * from the form that the platform team has not set up).
 */
import type { UrlReaderService } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import type { ScmIntegrationRegistry } from '@backstage/integration';
import { parseRepoUrl } from '@backstage/plugin-scaffolder-node';
import type { RenderedFile } from '../render';
import { refuseOwnRepository } from './storedFolder';

export type RemotePublisher = 'github-pr' | 'gitlab-mr';

/** The folder `targetPath` on the default branch (HEAD) of `repoUrl`. */
export function storedFolderUrl(
  publisher: RemotePublisher,
  repoUrl: string,
  targetPath: string,
  integrations: ScmIntegrationRegistry,
): string {
  const { host, owner, repo } = parseRepoUrl(repoUrl, integrations);
  const tree = publisher === 'gitlab-mr' ? '-/tree' : 'tree';
  return `https://${host}/${owner}/${repo}/${tree}/HEAD/${targetPath}`;
}

export async function readRemoteStoredFolder(options: {
  urlReader: UrlReaderService;
  integrations: ScmIntegrationRegistry;
  publisher: RemotePublisher;
  repoUrl: string;
  targetPath: string;
}): Promise<RenderedFile[]> {
  const { urlReader, integrations, publisher, repoUrl, targetPath } = options;
  refuseOwnRepository(targetPath);
  const url = storedFolderUrl(publisher, repoUrl, targetPath, integrations);
  try {
    const tree = await urlReader.readTree(url);
    const files = await tree.files();
    const read = await Promise.all(
      files.map(async f => ({
        path: f.path,
        content: (await f.content()).toString('utf8'),
      })),
    );
    return read.sort((a, b) => (a.path < b.path ? -1 : 1));
  } catch (e) {
    // A folder that is not on the default branch (yet) reads as empty, like a
    // missing local folder: the stored-spec check then says what is wrong.
    if ((e as Error).name === NotFoundError.name) return [];
    throw new Error(
      `Could not read the instance's current folder from the GitOps repository (${url}): ${
        (e as Error).message
      }`,
    );
  }
}
