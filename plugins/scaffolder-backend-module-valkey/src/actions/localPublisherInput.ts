import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { InstanceNameSpec } from '@valkey-backstage/plugin-valkey-common';
import { GitopsConfig, readGitopsConfig } from '../config/gitopsConfig';

/**
 * What the local-publisher actions (commit-local, register-local) share: the
 * instance name from the form, checked like the spec checks it, and the local
 * repository, which comes from config only.
 */
export function readLocalPublisherInput(
  input: unknown,
  config: Config,
): {
  name: string;
  gitops: GitopsConfig;
  localRepository: NonNullable<GitopsConfig['localRepository']>;
} {
  const parsed = InstanceNameSpec.safeParse(
    (input as { name?: unknown } | undefined)?.name,
  );
  if (!parsed.success) {
    throw new InputError(
      `name: must be the instance name, a DNS label of at most 40 characters (${parsed.error.issues
        .map(i => i.message)
        .join('; ')})`,
    );
  }
  const gitops = readGitopsConfig(config);
  if (!gitops.localRepository) {
    throw new InputError(
      'valkey.gitops.localRepository.path is not configured, so the local publisher is off; configure it or pick another publisher',
    );
  }
  return { name: parsed.data, gitops, localRepository: gitops.localRepository };
}
