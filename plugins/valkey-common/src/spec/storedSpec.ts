import { parseDocument } from 'yaml';
import {
  SpecIssue,
  SpecParseResult,
  parseValkeyInstanceSpec,
} from './parseSpec';

/** The file in an instance's GitOps folder that holds its validated spec. */
export const STORED_INSTANCE_SPEC_FILE = 'instance.yaml';

/** A stored spec is a few hundred bytes; anything far larger is not one. */
const MAX_STORED_SPEC_LENGTH = 64 * 1024;

function refused(message: string): SpecParseResult {
  const issue: SpecIssue = { field: STORED_INSTANCE_SPEC_FILE, message };
  return { success: false, issues: [issue] };
}

/**
 * Reads the text of a stored `instance.yaml` back into a validated spec, with
 * the same rules as the form and the action. Every reader of the stored spec
 * (change, retire, the CLI) goes through here.
 */
export function parseStoredInstanceSpec(text: string): SpecParseResult {
  if (typeof text !== 'string') return refused('is not text');
  if (text.length > MAX_STORED_SPEC_LENGTH) {
    return refused(
      `is larger than ${
        MAX_STORED_SPEC_LENGTH / 1024
      } KB; an instance spec is a few hundred bytes, so this is not one`,
    );
  }
  const doc = parseDocument(text, { uniqueKeys: true });
  if (doc.errors.length) {
    return refused(
      `is not valid YAML (${
        doc.errors[0].message.split('\n')[0]
      }); fix the file or render the instance again`,
    );
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 0 });
  } catch (e) {
    return refused(
      `cannot be read (${
        (e as Error).message
      }); write the spec without YAML aliases`,
    );
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return refused(
      'holds no instance spec; it must be a mapping with name, owner, mode and environments',
    );
  }
  return parseValkeyInstanceSpec(value);
}
