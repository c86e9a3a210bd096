/*
 * Writes and checks test keys. In cluster mode each key goes straight to the
 * primary that owns its slot according to CLUSTER NODES (no redirections are
 * followed, so a key counts as readable only where the cluster says it lives).
 */
import type { CliTls } from '@valkey-backstage/valkey-local';
import { pipeline, Reply } from './resp';

export type Address = { host: string; port: number; tls?: CliTls };

/** CRC16/XMODEM as used by the cluster key hash. */
function crc16(data: Buffer): number {
  let crc = 0;
  for (const byte of data) {
    crc ^= byte << 8;
    for (let i = 0; i < 8; i++)
      crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  }
  return crc;
}

export function keySlot(key: string): number {
  let hashed = key;
  const open = key.indexOf('{');
  if (open >= 0) {
    const close = key.indexOf('}', open + 1);
    if (close > open + 1) hashed = key.slice(open + 1, close);
  }
  return crc16(Buffer.from(hashed)) % 16384;
}

export type ClusterNode = {
  id: string;
  address: Address;
  hostname: string;
  flags: string[];
  primaryId: string | undefined;
  slots: Array<[number, number]>;
};

/** Parses CLUSTER NODES (`id ip:port@cport[,hostname] flags master ...`). */
export function parseClusterNodes(text: string): ClusterNode[] {
  return text
    .split('\n')
    .map(l => l.trim())
    .filter(Boolean)
    .map(line => {
      const f = line.split(' ');
      const [ipPort, rest = ''] = f[1].split('@');
      const colon = ipPort.lastIndexOf(':');
      const slots: Array<[number, number]> = [];
      for (const s of f.slice(8)) {
        if (s.startsWith('[')) continue; // migrating/importing marker
        const [a, b] = s.split('-').map(Number);
        slots.push([a, b ?? a]);
      }
      return {
        id: f[0],
        address: {
          host: ipPort.slice(0, colon),
          port: Number(ipPort.slice(colon + 1)),
        },
        hostname: rest.split(',')[1] ?? '',
        flags: f[2].split(','),
        primaryId: f[3] === '-' ? undefined : f[3],
        slots,
      };
    });
}

export function slotOwners(nodes: ClusterNode[]): Map<number, ClusterNode> {
  const owners = new Map<number, ClusterNode>();
  for (const n of nodes)
    for (const [a, b] of n.slots) for (let s = a; s <= b; s++) owners.set(s, n);
  return owners;
}

export const testKey = (prefix: string, i: number) => `${prefix}:${i}`;
export const testValue = (prefix: string, i: number) => `v-${prefix}-${i}`;

function groupByOwner(
  keys: number[],
  prefix: string,
  owners: Map<number, ClusterNode>,
) {
  const groups = new Map<string, { node: ClusterNode; idx: number[] }>();
  for (const i of keys) {
    const node = owners.get(keySlot(testKey(prefix, i)));
    if (!node) throw new Error(`slot of ${testKey(prefix, i)} has no owner`);
    const key = `${node.address.host}:${node.address.port}`;
    if (!groups.has(key)) groups.set(key, { node, idx: [] });
    groups.get(key)!.idx.push(i);
  }
  return [...groups.values()];
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

/** Writes `count` keys `<prefix>:<i>` to the owning primaries. */
export async function writeClusterKeys(
  clusterNodesText: string,
  prefix: string,
  count: number,
  password?: string,
) {
  const owners = slotOwners(parseClusterNodes(clusterNodesText));
  for (const g of groupByOwner(range(count), prefix, owners)) {
    const replies = await pipeline(
      g.node.address,
      g.idx.map(i => ['SET', testKey(prefix, i), testValue(prefix, i)]),
      password,
    );
    const bad = replies.find(r => r !== 'OK');
    if (bad !== undefined)
      throw new Error(
        `SET on ${g.node.address.host}:${g.node.address.port} answered ${bad}`,
      );
  }
}

/** Reads the keys back from their owners; returns how many hold the expected value. */
export async function countClusterKeys(
  clusterNodesText: string,
  prefix: string,
  count: number,
  password?: string,
) {
  const owners = slotOwners(parseClusterNodes(clusterNodesText));
  let ok = 0;
  for (const g of groupByOwner(range(count), prefix, owners)) {
    const replies: Reply[] = await pipeline(
      g.node.address,
      g.idx.map(i => ['GET', testKey(prefix, i)]),
      password,
    );
    ok += replies.filter((r, j) => r === testValue(prefix, g.idx[j])).length;
  }
  return ok;
}

export async function writeKeys(
  address: Address,
  prefix: string,
  count: number,
  password?: string,
) {
  const replies = await pipeline(
    address,
    range(count).map(i => ['SET', testKey(prefix, i), testValue(prefix, i)]),
    password,
  );
  const bad = replies.find(r => r !== 'OK');
  if (bad !== undefined) throw new Error(`SET answered ${bad}`);
}

export async function countKeys(
  address: Address,
  prefix: string,
  count: number,
  password?: string,
) {
  const replies = await pipeline(
    address,
    range(count).map(i => ['GET', testKey(prefix, i)]),
    password,
  );
  return replies.filter((r, i) => r === testValue(prefix, i)).length;
}
