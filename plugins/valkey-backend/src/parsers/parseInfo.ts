/** `INFO` text as a flat map of field -> value (section headers dropped). */
export type InfoFields = Record<string, string>;

export function parseInfo(text: string): InfoFields {
  const fields: InfoFields = {};
  for (const line of text.split(/\r?\n/)) {
    if (!line || line.startsWith('#')) continue;
    const colon = line.indexOf(':');
    if (colon > 0) fields[line.slice(0, colon)] = line.slice(colon + 1);
  }
  return fields;
}

/** `a=1,b=x` (the value of a `slaveN` INFO line) as a map. */
export function parseInfoList(value: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of value.split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) out[part.slice(0, eq)] = part.slice(eq + 1);
  }
  return out;
}

/** A number field, undefined when absent or not a number. */
export function infoNumber(
  fields: Record<string, string>,
  key: string,
): number | undefined {
  const raw = fields[key];
  if (raw === undefined || raw === '') return undefined;
  const n = Number(raw);
  return Number.isFinite(n) ? n : undefined;
}
