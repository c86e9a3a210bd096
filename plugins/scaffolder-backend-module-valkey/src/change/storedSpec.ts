/**
 * The stored spec of a rendered instance: `instance.yaml` in its folder, the
 * source of the next change. Parsing is pure and checks the file like any
 * other untrusted input.
 */
import { InputError } from '@backstage/errors';
import {
  describeSpecIssues,
  parseValkeyInstanceSpec,
  ValkeyInstanceSpec,
} from '@valkey-backstage/plugin-valkey-common';
import { parse } from 'yaml';
import type { RenderedFile } from '../render';

/** The file in a rendered folder that holds the validated spec. */
export const STORED_SPEC_FILE = 'instance.yaml';

/**
 * The spec stored in a rendered folder, for instance `name`. Refuses a folder
 * without `instance.yaml` (not a rendered instance), an unreadable or invalid
 * file, and a spec of another instance.
 */
export function storedSpecOf(
  files: ReadonlyArray<RenderedFile>,
  name: string,
): ValkeyInstanceSpec {
  const file = files.find(f => f.path === STORED_SPEC_FILE);
  if (!file) {
    throw new InputError(
      `The folder of ${name} holds no ${STORED_SPEC_FILE}, so it is not an instance rendered by this template; change it by hand or render it again as a new instance`,
    );
  }
  let raw: unknown;
  try {
    raw = parse(file.content);
  } catch (e) {
    throw new InputError(
      `The stored ${STORED_SPEC_FILE} of ${name} is not valid YAML (${
        (e as Error).message
      }); fix the file in the GitOps repository first`,
    );
  }
  const parsed = parseValkeyInstanceSpec(raw);
  if (!parsed.success) {
    throw new InputError(
      `The stored ${STORED_SPEC_FILE} of ${name} is not a valid instance spec; fix the file in the GitOps repository first:\n${describeSpecIssues(
        parsed.issues,
      )}`,
    );
  }
  if (parsed.spec.name !== name) {
    throw new InputError(
      `The stored ${STORED_SPEC_FILE} in the folder of ${name} describes "${parsed.spec.name}"; the folder and the file must name the same instance`,
    );
  }
  return parsed.spec;
}
