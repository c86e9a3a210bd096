import { collectClusterReplies } from './clusterDiscovery';
import { interpretCluster } from './clusterInterpretation';
import { ProbeResult, ProbeTarget } from './types';

/**
 * Cluster: collects CLUSTER SHARDS, NODES, INFO, MYSHARDID and INFO of every
 * node it can reach (the network part, clusterDiscovery.ts), then interprets
 * the recorded replies (the pure part, clusterInterpretation.ts).
 */
export async function clusterProbe(target: ProbeTarget): Promise<ProbeResult> {
  const replies = await collectClusterReplies(target);
  const { topology, problems, knownAddresses } = interpretCluster(replies);
  return {
    mode: 'cluster',
    ...(topology ? { topology } : {}),
    problems,
    ...(topology
      ? { known: { mode: 'cluster', dataNodes: knownAddresses, sentinels: [] } }
      : {}),
  };
}
