import { Topology, ValkeyNode } from '@valkey-backstage/plugin-valkey-common';

/** Every data node of a topology (no Sentinels), primaries first within each group. */
export function dataNodes(topology?: Topology): ValkeyNode[] {
  if (!topology) return [];
  if (topology.kind === 'cluster') return topology.shards.flatMap(s => s.nodes);
  return [
    ...(topology.primary ? [topology.primary] : []),
    ...topology.replicas,
  ];
}
