import { Document } from 'yaml';

/**
 * Every YAML file of a rendered folder goes through here: the `yaml` library
 * with fixed options, so the same object always gives the same bytes. Long
 * strings are never folded; values files sort their keys.
 */
export function toYaml(
  value: unknown,
  options: { sortKeys?: boolean; comment?: string } = {},
): string {
  const doc = new Document(value, {
    sortMapEntries: options.sortKeys ?? false,
    aliasDuplicateObjects: false,
  });
  if (options.comment) doc.commentBefore = options.comment;
  return doc.toString({ lineWidth: 0, indent: 2 });
}
