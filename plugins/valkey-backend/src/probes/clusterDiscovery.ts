import { parseClusterNodes, parseClusterShards } from '../parsers';
import {
  NODE_INFO_COMMAND,
  NodeAnswer,
  textOf,
  uniqueAddresses,
  nodeAsker,
} from './nodeQuery';
import { NO_FALLBACKS, ProbeTarget } from './types';

/** What every cluster node is asked, in this order (see {@link ClusterReplies}). */
export const CLUSTER_COMMANDS = [
  ['CLUSTER', 'SHARDS'],
  ['CLUSTER', 'NODES'],
  ['CLUSTER', 'INFO'],
  NODE_INFO_COMMAND,
  ['CLUSTER', 'MYSHARDID'],
];

/** Index of each command's outcome in `NodeAnswer.results`. */
export const CLUSTER_REPLY = {
  shards: 0,
  nodes: 1,
  info: 2,
  nodeInfo: 3,
  myShardId: 4,
} as const;

/**
 * Everything a cluster probe collected: which node answered what. Plain JSON,
 * so recorded replies of real servers can be interpreted again in tests.
 */
export interface ClusterReplies {
  /** The configured endpoint. */
  seed: string;
  /** One answer per address asked, the seed first. */
  answers: NodeAnswer[];
}

/** Addresses a node's CLUSTER NODES / SHARDS reply names (what Valkey reported). */
export function reportedAddresses(answer: NodeAnswer): string[] {
  const addresses: string[] = [];
  const nodesText = textOf(answer.results[CLUSTER_REPLY.nodes]);
  try {
    if (nodesText !== undefined) {
      for (const line of parseClusterNodes(nodesText)) {
        if (
          line.port > 0 &&
          !line.flags.some(f => f === 'noaddr' || f === 'handshake')
        ) {
          addresses.push(line.address);
        }
      }
    }
    const shards = answer.results[CLUSTER_REPLY.shards];
    if (shards?.ok) {
      for (const shard of parseClusterShards(shards.value)) {
        addresses.push(...shard.nodes.map(n => n.address));
      }
    }
  } catch {
    // An unreadable reply names no one; the interpretation reports it.
  }
  return uniqueAddresses(addresses);
}

/**
 * Asks the cluster. First round, all at once: the seed and the nodes the last
 * good probe learnt from Valkey, so a seed that refuses or hangs costs no
 * extra round trip. When nobody answered, the per-pod addresses from config.
 * Then every node an answering node reports that was not asked yet.
 */
export async function collectClusterReplies(
  target: ProbeTarget,
): Promise<ClusterReplies> {
  const seed = `${target.host}:${target.port}`;
  const fallbacks = target.fallbacks ?? NO_FALLBACKS;
  const { ask, asked, answers } = nodeAsker(target, CLUSTER_COMMANDS);
  const answered = () =>
    answers.some(a => textOf(a.results[CLUSTER_REPLY.nodes]) !== undefined);

  await ask([seed, ...fallbacks.knownNodes]);
  if (!answered()) await ask(fallbacks.patternNodes);
  // Nodes the answering nodes know of; a second pass covers nodes only a
  // newly asked node knew (a node added since the last probe).
  for (let round = 0; round < 2; round++) {
    const reported = answers.flatMap(reportedAddresses);
    if (reported.every(a => asked.has(a))) break;
    await ask(reported);
  }
  return { seed, answers };
}
