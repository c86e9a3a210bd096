import {
  STORED_INSTANCE_SPEC_FILE,
  ValkeyInstanceSpec,
} from '@valkey-backstage/plugin-valkey-common';
import type { RenderedFile } from './types';
import { toYaml } from './yamlText';

/**
 * `instance.yaml`: the validated spec this folder was rendered from. "Change
 * this instance" pre-fills the form from it, so it is written in full, exactly
 * as validated, and every other file of the folder follows from it.
 */
export function storedSpecFile(spec: ValkeyInstanceSpec): RenderedFile {
  // Re-validating puts the keys in the schema's order, so a spec built in code
  // and the same spec read back from this file give the same bytes.
  const parsed = ValkeyInstanceSpec.safeParse(spec);
  const canonical = parsed.success ? parsed.data : spec;
  return {
    path: STORED_INSTANCE_SPEC_FILE,
    content: toYaml(canonical, {
      comment: ` The instance spec of ${spec.name}: the source of the next change.
 "Change this instance" in the portal starts from this file, and every other
 file in this folder is rendered from it by valkey:gitops:render.
 Change it through the portal (or valkey-gitops render), not by hand.`,
    }),
  };
}
