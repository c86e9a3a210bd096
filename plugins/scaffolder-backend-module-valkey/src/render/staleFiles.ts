/**
 * The files a previous render of the same instance may have written that this
 * render does not write any more: the files of an environment that was
 * removed, or of a Secret no longer needed. A pull request deletes them
 * (publish:github:pull-request `filesToDelete`; paths not in the repository
 * are skipped by the action), so a day-2 change leaves no stale Argo CD
 * Application behind.
 *
 * Only paths the renderer itself names are listed: files an operator adds to
 * the folder (for example the sealed Secrets the secrets README asks for) are
 * never among them.
 */
import type { GitopsConfig } from '../config/gitopsConfig';
import { secretNames } from './mergeValues';
import type { RenderedFile } from './types';

/** Every path the renderer can write for `environment` of `instance`. */
export function environmentFilePaths(
  instance: string,
  environment: string,
): string[] {
  const secrets = secretNames(instance);
  return [
    `values-${environment}.yaml`,
    `argocd/${environment}.yaml`,
    `secrets/${environment}-README.md`,
    `secrets/${environment}-${secrets.auth}.yaml`,
    `secrets/${environment}-${secrets.aclUsers}.yaml`,
  ];
}

export function staleFilePaths(
  instance: string,
  config: GitopsConfig,
  files: RenderedFile[],
): string[] {
  const rendered = new Set(files.map(f => f.path));
  return config.environments
    .flatMap(env => environmentFilePaths(instance, env.name))
    .filter(p => !rendered.has(p))
    .sort();
}
