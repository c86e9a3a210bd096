import { RespValue } from '../client';
import { flatMap } from './parseClusterShards';
import { formatAddress } from './parseClusterNodes';

/** One entry of `SENTINEL PRIMARY|REPLICAS|SENTINELS` as string fields. */
export interface SentinelEntry {
  name?: string;
  address: string;
  runId?: string;
  flags: string[];
  fields: Record<string, string>;
}

export function parseSentinelEntry(value: RespValue): SentinelEntry {
  const raw = flatMap(value);
  const fields: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw)) {
    if (typeof v === 'string' || typeof v === 'number') fields[k] = String(v);
  }
  const runId = fields.runid;
  return {
    name: fields.name,
    address: formatAddress(fields.ip ?? '?', Number(fields.port ?? 0)),
    runId: runId && runId !== '?' ? runId : undefined,
    flags: (fields.flags ?? '').split(',').filter(Boolean),
    fields,
  };
}

export function parseSentinelList(value: RespValue): SentinelEntry[] {
  return Array.isArray(value) ? value.map(parseSentinelEntry) : [];
}

/** An entry Sentinel still remembers but that is down or disconnected. */
export function isStaleSentinelEntry(entry: SentinelEntry): boolean {
  return entry.flags.some(
    f => f === 's_down' || f === 'o_down' || f === 'disconnected',
  );
}

export interface CkquorumResult {
  ok: boolean;
  text: string;
  usableSentinels?: number;
}

/** `SENTINEL CKQUORUM` answer: `OK 3 usable Sentinels...` or the `NOQUORUM ...` error text. */
export function parseCkquorum(text: string, ok: boolean): CkquorumResult {
  const usable = /(\d+) usable Sentinels/i.exec(text);
  return {
    ok,
    text,
    usableSentinels: usable ? Number(usable[1]) : undefined,
  };
}
