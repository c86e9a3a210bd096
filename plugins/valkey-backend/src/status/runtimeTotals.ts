import {
  RuntimeTotals,
  ValkeyNode,
} from '@valkey-backstage/plugin-valkey-common';

/**
 * The runtime figures of every data node that reported them, added up:
 * memory, keys evicted and expired, hits and misses (and their ratio), ops/s
 * and clients. Undefined when no node reported any.
 */
export function runtimeTotals(nodes: ValkeyNode[]): RuntimeTotals | undefined {
  const reporting = nodes.filter(n => n.runtime && !n.stale);
  if (reporting.length === 0) return undefined;
  const sum = (
    pick: (r: NonNullable<ValkeyNode['runtime']>) => number | undefined,
  ) => reporting.reduce((total, n) => total + (pick(n.runtime!) ?? 0), 0);
  const limits = reporting.map(n => n.runtime!.maxMemoryBytes);
  const limited = limits.every(l => l !== undefined && l > 0);
  const keyspaceHits = sum(r => r.keyspaceHits);
  const keyspaceMisses = sum(r => r.keyspaceMisses);
  const lookups = keyspaceHits + keyspaceMisses;
  return {
    nodes: reporting.length,
    usedMemoryBytes: sum(r => r.usedMemoryBytes),
    ...(limited ? { maxMemoryBytes: sum(r => r.maxMemoryBytes) } : {}),
    evictedKeys: sum(r => r.evictedKeys),
    expiredKeys: sum(r => r.expiredKeys),
    keyspaceHits,
    keyspaceMisses,
    ...(lookups > 0 ? { hitRatio: keyspaceHits / lookups } : {}),
    opsPerSecond: sum(r => r.opsPerSecond),
    connectedClients: sum(r => r.connectedClients),
    blockedClients: sum(r => r.blockedClients),
    rejectedConnections: sum(r => r.rejectedConnections),
  };
}
