/**
 * Which files of a stored instance folder the template wrote, so a change
 * deletes only those: the vendored chart, and the files of an environment
 * (values, Argo CD Application, secret references). Files somebody else put in
 * the folder, such as the sealed Secrets the secrets README asks operators to
 * add, are never deleted by a change.
 */
import { environmentFilePaths } from '../render/staleFiles';

const VENDORED_CHART = 'charts/';

export function rendererOwnedPath(
  instance: string,
  environments: ReadonlyArray<string>,
): (path: string) => boolean {
  const environmentFiles = new Set(
    environments.flatMap(env => environmentFilePaths(instance, env)),
  );
  return path => path.startsWith(VENDORED_CHART) || environmentFiles.has(path);
}
