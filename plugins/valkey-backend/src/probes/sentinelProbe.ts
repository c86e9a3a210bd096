import {
  SentinelTopology,
  StatusProblem,
  ValkeyNode,
} from '@valkey-backstage/plugin-valkey-common';
import {
  isStaleSentinelEntry,
  nodeInfoFromFields,
  parseCkquorum,
  parseInfo,
  parseSentinelEntry,
  parseSentinelList,
  SentinelEntry,
} from '../parsers';
import {
  dataNodeFromInfo,
  setReplicaLags,
  unreachableNode,
  worst,
} from './dataNode';
import {
  answerProblem,
  CommandOutcome,
  failureOf,
  isUnreachable,
  mapLimited,
  MAX_PARALLEL_NODES,
  NODE_INFO_COMMAND,
  NodeAnswer,
  problemFrom,
  queryNode,
  textOf,
  uniqueAddresses,
} from './nodeQuery';
import { NO_FALLBACKS, ProbeResult, ProbeTarget } from './types';

/**
 * Asks the Sentinels one after the other until one answers: the configured
 * one, then those the last good probe learnt from Sentinel itself, then the
 * per-pod addresses from config. Any Sentinel of the group knows the whole
 * group, so one answer is enough; a Sentinel that refuses or hangs costs one
 * timeout and is reported.
 */
async function askSentinels(
  target: ProbeTarget & { sentinel: NonNullable<ProbeTarget['sentinel']> },
): Promise<{ answer?: NodeAnswer; failed: NodeAnswer[] }> {
  const { primaryName } = target.sentinel;
  const fallbacks = target.fallbacks ?? NO_FALLBACKS;
  const candidates = uniqueAddresses([
    `${target.sentinel.host}:${target.sentinel.port}`,
    ...fallbacks.knownSentinels,
    ...fallbacks.patternSentinels,
  ]);
  const failed: NodeAnswer[] = [];
  for (const address of candidates) {
    const answer = await queryNode(target, address, [
      ['SENTINEL', 'PRIMARY', primaryName],
      ['SENTINEL', 'REPLICAS', primaryName],
      ['SENTINEL', 'SENTINELS', primaryName],
      ['SENTINEL', 'CKQUORUM', primaryName],
      ['INFO', 'server', 'sentinel'],
    ]);
    // A refused or silent Sentinel: ask the next. An error reply (no
    // permission, unknown name) would be the same on every Sentinel.
    if (!isUnreachable(failureOf(answer, 0))) return { answer, failed };
    failed.push(answer);
  }
  return { failed };
}

/** What a Sentinel probe collected: which Sentinel and which data node answered what. */
export interface SentinelReplies {
  primaryName: string;
  /** Sentinels that refused or did not answer, in the order asked. */
  failed: NodeAnswer[];
  /** The Sentinel that answered (PRIMARY, REPLICAS, SENTINELS, CKQUORUM, INFO). */
  answer?: NodeAnswer;
  /** INFO of the primary and replicas that Sentinel does not see down. */
  dataAnswers: NodeAnswer[];
}

/** Primary and replica entries of the answering Sentinel, the primary first. */
function dataEntriesOf(
  answer: NodeAnswer,
): Array<{ entry: SentinelEntry; role: 'primary' | 'replica' }> {
  const [primaryOut, replicasOut] = answer.results;
  const primaryEntry = primaryOut?.ok
    ? parseSentinelEntry(primaryOut.value)
    : undefined;
  const replicaEntries = replicasOut?.ok
    ? parseSentinelList(replicasOut.value)
    : [];
  return [
    ...(primaryEntry
      ? [{ entry: primaryEntry, role: 'primary' as const }]
      : []),
    ...replicaEntries.map(entry => ({ entry, role: 'replica' as const })),
  ];
}

/**
 * The network part: one Sentinel's answer (the next one asked while they
 * refuse or hang), then INFO of every data node it lists and does not see
 * down, all at once.
 */
export async function collectSentinelReplies(
  target: ProbeTarget & { sentinel: NonNullable<ProbeTarget['sentinel']> },
): Promise<SentinelReplies> {
  const { answer, failed } = await askSentinels(target);
  const primaryName = target.sentinel.primaryName;
  if (!answer || answer.connectError) {
    return { primaryName, failed, answer, dataAnswers: [] };
  }
  const addresses = uniqueAddresses(
    dataEntriesOf(answer)
      .filter(({ entry }) => !isStaleSentinelEntry(entry))
      .map(({ entry }) => entry.address),
  );
  const dataAnswers = await mapLimited(addresses, MAX_PARALLEL_NODES, a =>
    queryNode(target, a, [NODE_INFO_COMMAND]),
  );
  return { primaryName, failed, answer, dataAnswers };
}

/**
 * Sentinel: the monitored primary, its replicas and the other Sentinels as one
 * Sentinel sees them, CKQUORUM, failover state and TILT; then INFO of the
 * primary and of every replica that Sentinel does not consider down. Entries
 * Sentinel still remembers but sees down or disconnected are shown as stale.
 */
export async function sentinelProbe(target: ProbeTarget): Promise<ProbeResult> {
  if (!target.sentinel) {
    return {
      mode: 'sentinel',
      problems: [
        {
          section: 'sentinel',
          kind: 'config',
          message:
            'the instance is in sentinel mode but no Sentinel endpoint is configured: set sentinelHost and sentinelPort for this environment',
        },
      ],
    };
  }
  const replies = await collectSentinelReplies({
    ...target,
    sentinel: target.sentinel,
  });
  return interpretSentinel(replies);
}

/** The pure part: from the recorded answers to the Sentinel topology and its problems. */
export function interpretSentinel(replies: SentinelReplies): ProbeResult {
  const problems: StatusProblem[] = [];
  const { primaryName, failed, answer } = replies;
  for (const f of failed) {
    const problem = answerProblem(f, 0, 'sentinel');
    if (problem) problems.push(problem);
  }
  if (!answer || answer.connectError) {
    if (answer?.connectError) {
      problems.push(problemFrom(answer.connectError, 'connection'));
    }
    return { mode: 'sentinel', problems };
  }
  const sentinelAddress = answer.address;
  const [primaryOut, replicasOut, sentinelsOut, quorumOut, infoOut] =
    answer.results;
  for (const outcome of [primaryOut, replicasOut, sentinelsOut, infoOut]) {
    if (!outcome.ok) problems.push(problemFrom(outcome.error, 'sentinel'));
  }
  const quorum = quorumResult(quorumOut, problems);
  const info = parseInfo(textOf(infoOut) ?? '');

  const primaryEntry = primaryOut.ok
    ? parseSentinelEntry(primaryOut.value)
    : undefined;
  const sentinelEntries = sentinelsOut.ok
    ? parseSentinelList(sentinelsOut.value)
    : [];

  const byAddress = new Map(replies.dataAnswers.map(a => [a.address, a]));
  const dataNodes = dataEntriesOf(answer).map(({ entry, role }) =>
    dataNodeOf(entry, role, byAddress.get(entry.address), problems),
  );
  const primary = primaryEntry ? dataNodes[0] : undefined;
  const replicas = primaryEntry ? dataNodes.slice(1) : dataNodes;
  setReplicaLags(primary?.replicationOffset, replicas);

  const asked: ValkeyNode = {
    id: info.run_id ?? sentinelAddress,
    address: sentinelAddress,
    role: 'sentinel',
    health: 'healthy',
    flags: ['sentinel', 'myself'],
    ...(info.valkey_version ? { version: info.valkey_version } : {}),
    ...(info.availability_zone
      ? { availabilityZone: info.availability_zone }
      : {}),
  };
  // The Sentinels that did not answer this probe, as the answering one lists
  // them (or by their address when it does not list them under it).
  const silent = new Set(failed.map(f => f.address));
  const others = sentinelEntries.map(e => {
    const node = sentinelNodeFromEntry(e, 'sentinel');
    if (!silent.has(node.address)) return node;
    silent.delete(node.address);
    return { ...node, health: 'down' as const, unreachable: true };
  });
  const sentinels = [
    asked,
    ...others,
    ...[...silent].map(address =>
      unreachableNode(
        address,
        failureOf(failed.find(f => f.address === address)!, 0),
        { role: 'sentinel' },
      ),
    ),
  ];

  const tilt = info.sentinel_tilt === '1';
  const failoverState = primaryEntry?.fields['failover-state'];
  const failoverInProgress = !!primaryEntry?.flags.includes(
    'failover_in_progress',
  );
  const topology: SentinelTopology = {
    kind: 'sentinel',
    primaryName,
    ...(primary ? { primary } : {}),
    replicas,
    sentinels,
    quorum: {
      ...(primaryEntry?.fields.quorum
        ? { required: Number(primaryEntry.fields.quorum) }
        : {}),
      ...quorum,
    },
    failoverInProgress,
    ...(failoverState && failoverState !== 'none' ? { failoverState } : {}),
    tilt,
  };
  problems.push(...sentinelFindings(topology));
  return {
    mode: 'sentinel',
    topology,
    problems,
    known: {
      mode: 'sentinel',
      dataNodes: [],
      sentinels: uniqueAddresses([
        sentinelAddress,
        ...sentinelEntries.map(e => e.address),
      ]),
    },
  };
}

function quorumResult(
  outcome: CommandOutcome,
  problems: StatusProblem[],
): { ok: boolean; text: string; usableSentinels?: number } {
  if (outcome.ok) {
    return parseCkquorum(String(outcome.value), true);
  }
  const { error } = outcome;
  const reply = /: (NOQUORUM.*)$/s.exec(error.message);
  if (reply) return parseCkquorum(reply[1], false);
  problems.push(problemFrom(error, 'sentinel'));
  return { ok: false, text: `CKQUORUM not answered: ${error.message}` };
}

function sentinelNodeFromEntry(
  entry: SentinelEntry,
  role: ValkeyNode['role'],
): ValkeyNode {
  const stale = isStaleSentinelEntry(entry);
  return {
    id: entry.runId ?? entry.address,
    address: entry.address,
    role,
    health: stale ? 'down' : 'healthy',
    flags: entry.flags,
    ...(stale ? { stale: true } : {}),
  };
}

/** A data node from Sentinel's entry and, unless Sentinel sees it down, the node's own INFO. */
function dataNodeOf(
  entry: SentinelEntry,
  role: 'primary' | 'replica',
  answer: NodeAnswer | undefined,
  problems: StatusProblem[],
): ValkeyNode {
  const fromSentinel = sentinelNodeFromEntry(entry, role);
  if (fromSentinel.stale) return fromSentinel;
  const outcome = answer?.results[0];
  const error = answer
    ? failureOf(answer, 0)
    : {
        kind: 'protocol' as const,
        message: `${entry.address} was not asked`,
        address: entry.address,
      };
  if (!answer || error || !outcome?.ok) {
    const problem = answer
      ? answerProblem(answer, 0, 'persistence')
      : error && problemFrom(error, 'persistence');
    if (problem) problems.push(problem);
    const node = unreachableNode(entry.address, error, {
      id: fromSentinel.id,
      role,
      flags: entry.flags,
    });
    if (role === 'replica') {
      node.replication = {
        linkStatus: linkFromSentinel(entry),
        ...(entry.fields['master-host']
          ? {
              primaryAddress: `${entry.fields['master-host']}:${entry.fields['master-port']}`,
            }
          : {}),
      };
      const offset = Number(entry.fields['slave-repl-offset']);
      if (Number.isFinite(offset)) node.replicationOffset = offset;
    }
    return node;
  }
  const info = nodeInfoFromFields(parseInfo(textOf(outcome) ?? ''));
  const node = dataNodeFromInfo(entry.address, info, {
    id: fromSentinel.id,
    role,
    flags: entry.flags,
  });
  if (info.role !== role && info.role !== 'unknown') {
    node.health = worst(node.health, 'degraded');
    problems.push({
      section: 'sentinel',
      kind: 'unhealthy',
      message: `Sentinel lists ${entry.address} as ${role} but the node reports itself as ${info.role}`,
      node: entry.address,
    });
  }
  return node;
}

function linkFromSentinel(entry: SentinelEntry): 'up' | 'down' | 'unknown' {
  const status = entry.fields['master-link-status'];
  if (status === 'ok') return 'up';
  if (status === 'err') return 'down';
  return 'unknown';
}

function sentinelFindings(topology: SentinelTopology): StatusProblem[] {
  const findings: StatusProblem[] = [];
  if (!topology.quorum.ok) {
    findings.push({
      section: 'sentinel',
      kind: 'unhealthy',
      message: `Sentinel quorum check failed: ${topology.quorum.text}`,
    });
  }
  if (topology.tilt) {
    findings.push({
      section: 'sentinel',
      kind: 'unhealthy',
      message:
        'the Sentinel asked is in TILT mode and does not act on failures',
    });
  }
  if (topology.failoverInProgress) {
    findings.push({
      section: 'sentinel',
      kind: 'unhealthy',
      message: `a failover is in progress${
        topology.failoverState ? ` (${topology.failoverState})` : ''
      }`,
    });
  }
  const stale: ValkeyNode[] = [
    ...(topology.primary ? [topology.primary] : []),
    ...topology.replicas,
    ...topology.sentinels,
  ].filter(n => n.stale);
  for (const node of stale) {
    findings.push({
      section: node.role === 'sentinel' ? 'sentinel' : 'topology',
      kind: 'unhealthy',
      message: `${node.role} ${
        node.address
      } is remembered by Sentinel but is ${node.flags
        .filter(f => ['s_down', 'o_down', 'disconnected'].includes(f))
        .join(', ')} (stale)`,
      node: node.address,
    });
  }
  if (!topology.primary) {
    findings.push({
      section: 'sentinel',
      kind: 'unhealthy',
      message: `Sentinel does not report a primary named ${topology.primaryName}`,
    });
  }
  return findings;
}
