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
import { dataNodeFromInfo, replicaLagBytes, unreachableNode } from './dataNode';
import {
  answerProblem,
  failureOf,
  NODE_INFO_COMMAND,
  NodeAnswer,
  problemFrom,
  textOf,
  nodeAsker,
} from './nodeQuery';
import { NO_FALLBACKS, ProbeResult, ProbeTarget } from './types';

/** Which node answered what to INFO: the primary's address and every answer, the primary's first. */
export interface ReplicationReplies {
  primary: string;
  answers: NodeAnswer[];
  /**
   * Addresses asked only because the per-pod pattern names them: a pod that
   * does not answer may not exist, or be the primary under its pod name.
   */
  patternAddresses?: string[];
  /**
   * The primary's replication id in the last good probe: without the
   * primary, only nodes sharing it are taken for its replicas (a remembered
   * address may by now be another instance's pod).
   */
  replicationId?: string;
}

const infoOf = (answer: NodeAnswer | undefined): NodeInfo | undefined => {
  const text = answer ? textOf(answer.results[0]) : undefined;
  return text === undefined ? undefined : nodeInfoFromFields(parseInfo(text));
};

/**
 * Asks the configured primary and, at the same time, the replicas the last
 * good probe learnt from it, so a primary that hangs costs no extra round
 * trip; then any replica the primary reports that was not asked yet. When
 * nobody answered, the per-pod addresses from config.
 */
export async function collectReplicationReplies(
  target: ProbeTarget,
): Promise<ReplicationReplies> {
  const primary = `${target.host}:${target.port}`;
  const fallbacks = target.fallbacks ?? NO_FALLBACKS;
  const { ask, asked, answers } = nodeAsker(target, [NODE_INFO_COMMAND]);
  await ask([primary, ...fallbacks.knownNodes]);
  const patternAddresses = answers.some(a => infoOf(a))
    ? []
    : fallbacks.patternNodes.filter(a => !asked.has(a));
  await ask(patternAddresses);
  const primaryInfo = infoOf(answers[0]);
  if (primaryInfo) await ask(primaryInfo.replicas.map(r => r.address));
  return {
    primary,
    answers,
    ...(patternAddresses.length ? { patternAddresses } : {}),
    ...(fallbacks.knownReplicationId
      ? { replicationId: fallbacks.knownReplicationId }
      : {}),
  };
}

export interface ReplicationInterpretation extends Omit<ProbeResult, 'known'> {
  /** Replica addresses the primary reported (the next probe's fallbacks); none when it did not answer. */
  knownAddresses?: string[];
  /** The primary's replication id, kept with them. */
  replicationId?: string;
}

/**
 * The pure core of standalone and replication mode. With the primary's
 * answer: the replicas it lists, each from its own INFO (link state, last-IO
 * age, byte lag, persistence). Without it: the primary shown unreachable and
 * the replicas known from the last probe as they describe themselves.
 */
export function interpretReplication(
  replies: ReplicationReplies,
  expected: 'standalone' | 'replication',
): ReplicationInterpretation {
  const problems: StatusProblem[] = [];
  const address = replies.primary;
  const [primaryAnswer, ...others] = replies.answers;
  const byAddress = new Map(others.map(a => [a.address, a]));
  const primaryFailure = failureOf(primaryAnswer, 0);
  const info = infoOf(primaryAnswer);
  if (primaryFailure || !info) {
    problems.push(
      answerProblem(primaryAnswer, 0, 'replication') ??
        problemFrom(
          {
            kind: 'protocol',
            message: `no INFO reply from ${address}`,
            address,
          },
          'replication',
        ),
    );
    const seen = new Set<string>();
    const replicas: ValkeyNode[] = [];
    const fromPattern = new Set(replies.patternAddresses ?? []);
    for (const answer of others) {
      const replicaInfo = infoOf(answer);
      // A silent pod from the pattern may not exist, or be the primary under
      // its pod name: it is not shown as a replica.
      if (!replicaInfo && fromPattern.has(answer.address)) continue;
      if (!replicaInfo) {
        const error = failureOf(answer, 0);
        const problem = answerProblem(answer, 0, 'replication');
        if (problem) problems.push(problem);
        replicas.push(
          unreachableNode(answer.address, error, { role: 'replica' }),
        );
        continue;
      }
      if (
        replies.replicationId &&
        replicaInfo.replicationId !== replies.replicationId
      ) {
        continue;
      }
      if (replicaInfo.runId && seen.has(replicaInfo.runId)) continue;
      if (replicaInfo.runId) seen.add(replicaInfo.runId);
      replicas.push(dataNodeFromInfo(answer.address, replicaInfo));
    }
    if (replicas.length === 0) return { mode: expected, problems };
    const primary = unreachableNode(address, primaryFailure, {
      role: 'primary',
    });
    problems.push({
      section: 'replication',
      kind: 'unhealthy',
      message: `the primary ${address} does not answer; its replicas are shown as they describe themselves`,
      node: address,
    });
    return {
      mode: 'replication',
      topology: { kind: 'replication', primary, replicas },
      problems,
    };
  }
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
  const replicas = info.replicas.map(entry =>
    replicaNode(info, entry, byAddress.get(entry.address), problems),
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
  return {
    mode,
    topology: { kind: mode, primary, replicas },
    problems,
    knownAddresses: info.replicas.map(r => r.address),
    ...(info.replicationId ? { replicationId: info.replicationId } : {}),
  };
}

/**
 * Standalone and replication (primary + read replicas, no Sentinel): INFO of
 * the configured primary and of each replica, collected then interpreted.
 */
export async function standaloneProbe(
  target: ProbeTarget,
  expected: 'standalone' | 'replication',
): Promise<ProbeResult> {
  const replies = await collectReplicationReplies(target);
  const { knownAddresses, replicationId, ...result } = interpretReplication(
    replies,
    expected,
  );
  return {
    ...result,
    ...(knownAddresses
      ? {
          known: {
            mode: result.mode,
            dataNodes: knownAddresses,
            sentinels: [],
            ...(replicationId ? { replicationId } : {}),
          },
        }
      : {}),
  };
}

function replicaNode(
  primaryInfo: NodeInfo,
  entry: ReplicaEntry,
  answer: NodeAnswer | undefined,
  problems: StatusProblem[],
): ValkeyNode {
  const lagFromEntry = replicaLagBytes(
    primaryInfo.replicationOffset,
    entry.offset,
  );
  const flags = entry.state === 'online' ? [] : [entry.state];
  const info = infoOf(answer);
  if (!info) {
    const error = answer
      ? failureOf(answer, 0)
      : {
          kind: 'protocol' as const,
          message: `${entry.address} was not asked`,
          address: entry.address,
        };
    const problem = answer
      ? answerProblem(answer, 0, 'replication')
      : error && problemFrom(error, 'replication');
    if (problem) problems.push(problem);
    return unreachableNode(entry.address, error, {
      role: 'replica',
      flags,
      replicationOffset: entry.offset,
      replication: { linkStatus: 'unknown', lagBytes: lagFromEntry },
    });
  }
  const node = dataNodeFromInfo(entry.address, info, { flags });
  const lag = replicaLagBytes(
    primaryInfo.replicationOffset,
    info.replicationOffset ?? entry.offset,
  );
  if (node.replication && lag !== undefined) node.replication.lagBytes = lag;
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
