export { parseInfo } from '@valkey-backstage/plugin-valkey-common';
export type { InfoFields } from '@valkey-backstage/plugin-valkey-common';

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
