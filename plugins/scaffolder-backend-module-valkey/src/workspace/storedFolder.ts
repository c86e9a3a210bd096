/**
 * Where a day-2 change finds the instance's current folder: the local GitOps
 * repository from config (`valkey.gitops.localRepository`). The folder path
 * comes from the configured target path pattern and the validated name only.
 */
import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import path from 'path';
import type { GitopsConfig } from '../config/gitopsConfig';
import type { RenderedFile } from '../render';
import { readFolderFiles } from './readFolder';

/** An instance published as a repository of its own (`.`) is not changed from here. */
export function refuseOwnRepository(targetPath: string) {
  if (targetPath === '.') {
    throw new InputError(
      'An instance in a repository of its own cannot be changed from here; change its repository directly',
    );
  }
}

export async function readStoredFolder(
  gitops: GitopsConfig,
  targetPath: string,
): Promise<RenderedFile[]> {
  if (!gitops.localRepository) {
    throw new InputError(
      'Changing or retiring an instance needs its current folder, and this portal has no GitOps repository to read it from; ask the platform team to set one up',
    );
  }
  refuseOwnRepository(targetPath);
  return readFolderFiles(
    resolveSafeChildPath(path.resolve(gitops.localRepository.path), targetPath),
  );
}
