import { SlotRange } from '@valkey-backstage/plugin-valkey-common';
import { RespValue } from '../client';
import { formatAddress } from './parseClusterNodes';

export interface ShardNodeEntry {
  id: string;
  ip?: string;
  endpoint?: string;
  hostname?: string;
  port?: number;
  tlsPort?: number;
  role: 'primary' | 'replica' | 'unknown';
  replicationOffset?: number;
  health: 'online' | 'fail' | 'loading' | 'unknown';
  /** Address to show and to connect to: `ip:port`, else `endpoint:port`. */
  address: string;
  availabilityZone?: string;
}

export interface ShardEntry {
  /** `shard-id` on servers that report it. */
  id?: string;
  slots: SlotRange[];
  nodes: ShardNodeEntry[];
}

/** A RESP2 flat `[key, value, key, value...]` array as an object. */
export function flatMap(value: RespValue): Record<string, RespValue> {
  const out: Record<string, RespValue> = {};
  if (!Array.isArray(value)) return out;
  for (let i = 0; i + 1 < value.length; i += 2) {
    out[String(value[i])] = value[i + 1];
  }
  return out;
}

function str(v: RespValue | undefined): string | undefined {
  if (typeof v === 'number') return String(v);
  return typeof v === 'string' && v !== '' ? v : undefined;
}

function num(v: RespValue | undefined): number | undefined {
  if (typeof v === 'number') return v;
  return typeof v === 'string' && v !== '' ? Number(v) : undefined;
}

function shardRole(role: string | undefined): ShardNodeEntry['role'] {
  if (role === 'master') return 'primary';
  return role === 'replica' ? 'replica' : 'unknown';
}

/** The RESP2 reply of `CLUSTER SHARDS`. */
export function parseClusterShards(reply: RespValue): ShardEntry[] {
  if (!Array.isArray(reply)) {
    throw new Error('CLUSTER SHARDS did not answer with an array');
  }
  return reply.map(shardValue => {
    const shard = flatMap(shardValue);
    const flatSlots = Array.isArray(shard.slots) ? shard.slots.map(Number) : [];
    const slots: SlotRange[] = [];
    for (let i = 0; i + 1 < flatSlots.length; i += 2) {
      slots.push({ start: flatSlots[i], end: flatSlots[i + 1] });
    }
    const nodes = (Array.isArray(shard.nodes) ? shard.nodes : []).map(
      nodeValue => {
        const n = flatMap(nodeValue);
        const role = str(n.role);
        const health = str(n.health);
        const ip = str(n.ip);
        const endpoint = str(n.endpoint);
        const port = num(n.port) ?? num(n['tls-port']);
        const host = ip ?? endpoint ?? str(n.hostname) ?? '?';
        return {
          id: str(n.id) ?? '?',
          ip,
          endpoint,
          hostname: str(n.hostname),
          port: num(n.port),
          tlsPort: num(n['tls-port']),
          role: shardRole(role),
          replicationOffset: num(n['replication-offset']),
          health:
            health === 'online' || health === 'fail' || health === 'loading'
              ? health
              : 'unknown',
          address: formatAddress(host, port ?? 0),
          availabilityZone: str(n['availability-zone']),
        } as ShardNodeEntry;
      },
    );
    return { id: str(shard.id), slots, nodes };
  });
}
