/** `INFO` text as a flat map of field -> value (section headers dropped). */
export type InfoFields = Record<string, string>;

/** Parses the text of Valkey's `INFO` reply. */
export function parseInfo(text: string): InfoFields {
  const fields: InfoFields = {};
  for (const line of text.split(/\r?\n/)) {
    if (!line || line.startsWith('#')) continue;
    const colon = line.indexOf(':');
    if (colon > 0) fields[line.slice(0, colon)] = line.slice(colon + 1);
  }
  return fields;
}
