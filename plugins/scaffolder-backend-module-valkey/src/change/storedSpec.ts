/**
 * The stored spec of a rendered folder, for a change or a retirement: its
 * `instance.yaml`, read with valkey-common's parseStoredInstanceSpec.
 */
import { InputError } from '@backstage/errors';
import {
  describeSpecIssues,
  parseStoredInstanceSpec,
  STORED_INSTANCE_SPEC_FILE,
  ValkeyInstanceSpec,
} from '@valkey-backstage/plugin-valkey-common';
import type { RenderedFile } from '../render';

/**
 * The spec stored in a rendered folder, for instance `name`. Refuses a folder
 * without `instance.yaml` (not a rendered instance), an invalid file, and a
 * spec of another instance.
 */
export function storedSpecOf(
  files: ReadonlyArray<RenderedFile>,
  name: string,
): ValkeyInstanceSpec {
  const file = files.find(f => f.path === STORED_INSTANCE_SPEC_FILE);
  if (!file) {
    throw new InputError(
      `The folder of ${name} holds no ${STORED_INSTANCE_SPEC_FILE}, so it is not an instance rendered by this template; nothing was changed`,
    );
  }
  const parsed = parseStoredInstanceSpec(file.content);
  if (!parsed.success) {
    throw new InputError(
      `The stored ${STORED_INSTANCE_SPEC_FILE} of ${name} is not a valid instance spec; fix the file in the GitOps repository first:\n${describeSpecIssues(
        parsed.issues,
      )}`,
    );
  }
  if (parsed.spec.name !== name) {
    throw new InputError(
      `The stored ${STORED_INSTANCE_SPEC_FILE} in the folder of ${name} describes "${parsed.spec.name}"; the folder and the file must name the same instance`,
    );
  }
  return parsed.spec;
}
