import {
  StatusProblem,
  ValkeyNode,
} from '@valkey-backstage/plugin-valkey-common';
import {
  nodeInfoFromFields,
  NodeInfo,
  parseInfo,
  ReplicaEntry,
} from '../parsers';
import { dataNodeFromInfo, unreachableNode } from './dataNode';
import {
  mapLimited,
  MAX_PARALLEL_NODES,
  NODE_INFO_COMMAND,
  problemFrom,
  queryNode,
  textOf,
} from './nodeQuery';
import { ProbeResult, ProbeTarget } from './types';

/**
 * Standalone and replication (primary + read replicas, no Sentinel): INFO of
 * the configured primary, then INFO of each replica it reports, for link state,
 * last-IO age, byte lag and persistence.
 */
export async function standaloneProbe(
  target: ProbeTarget,
  expected: 'standalone' | 'replication',
): Promise<ProbeResult> {
  const problems: StatusProblem[] = [];
  const address = `${target.host}:${target.port}`;
  const answer = await queryNode(target, address, [NODE_INFO_COMMAND]);
  if (answer.connectError) {
    problems.push(problemFrom(answer.connectError, 'connection'));
    return { mode: expected, problems };
  }
  const [infoOutcome] = answer.results;
  if (!infoOutcome.ok) {
    problems.push(problemFrom(infoOutcome.error, 'replication'));
    return { mode: expected, problems };
  }
  const info = nodeInfoFromFields(parseInfo(textOf(infoOutcome) ?? ''));
  const primary = dataNodeFromInfo(address, info);
  if (info.role === 'replica') {
    problems.push({
      section: 'replication',
      kind: 'unhealthy',
      message: `${address} is configured as the primary endpoint but is a replica of ${
        info.replication?.primaryAddress ?? 'an unknown primary'
      }`,
      node: address,
    });
  }
  const replicas = await mapLimited(info.replicas, MAX_PARALLEL_NODES, entry =>
    probeReplica(target, info, entry, problems),
  );
  const mode =
    expected === 'standalone' && replicas.length > 0 ? 'replication' : expected;
  if (mode === 'replication' && replicas.length === 0) {
    problems.push({
      section: 'replication',
      kind: 'unhealthy',
      message: `the primary ${address} has no connected replicas`,
      node: address,
    });
  }
  return { mode, topology: { kind: mode, primary, replicas }, problems };
}

async function probeReplica(
  target: ProbeTarget,
  primaryInfo: NodeInfo,
  entry: ReplicaEntry,
  problems: StatusProblem[],
): Promise<ValkeyNode> {
  const answer = await queryNode(target, entry.address, [NODE_INFO_COMMAND]);
  const lagFromEntry =
    primaryInfo.replicationOffset !== undefined && entry.offset !== undefined
      ? Math.max(0, primaryInfo.replicationOffset - entry.offset)
      : undefined;
  const flags = entry.state === 'online' ? [] : [entry.state];
  if (answer.connectError || !answer.results[0]?.ok) {
    const error =
      answer.connectError ?? (answer.results[0] as { error: any }).error;
    problems.push(
      problemFrom(error, answer.connectError ? 'connection' : 'replication'),
    );
    const node = unreachableNode(entry.address, error, {
      role: 'replica',
      flags,
      replicationOffset: entry.offset,
      replication: { linkStatus: 'unknown', lagBytes: lagFromEntry },
    });
    return node;
  }
  const info = nodeInfoFromFields(parseInfo(textOf(answer.results[0]) ?? ''));
  const node = dataNodeFromInfo(entry.address, info, { flags });
  const offset = info.replicationOffset ?? entry.offset;
  if (
    node.replication &&
    primaryInfo.replicationOffset !== undefined &&
    offset !== undefined
  ) {
    node.replication.lagBytes = Math.max(
      0,
      primaryInfo.replicationOffset - offset,
    );
  }
  if (entry.state !== 'online') {
    node.health = node.health === 'down' ? 'down' : 'degraded';
    problems.push({
      section: 'replication',
      kind: 'unhealthy',
      message: `replica ${entry.address} is in state ${entry.state}`,
      node: entry.address,
    });
  } else if (node.replication?.linkStatus === 'down') {
    problems.push({
      section: 'replication',
      kind: 'unhealthy',
      message: `replica ${entry.address} has its link to the primary down`,
      node: entry.address,
    });
  }
  return node;
}
