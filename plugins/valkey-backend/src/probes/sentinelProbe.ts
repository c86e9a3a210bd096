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
import { ValkeyClientError } from '../client';
import { dataNodeFromInfo, unreachableNode, worst } from './dataNode';
import {
  CommandOutcome,
  mapLimited,
  MAX_PARALLEL_NODES,
  NODE_INFO_COMMAND,
  problemFrom,
  queryNode,
  textOf,
} from './nodeQuery';
import { ProbeResult, ProbeTarget } from './types';

/**
 * Sentinel: the monitored primary, its replicas and the other Sentinels as one
 * Sentinel sees them, CKQUORUM, failover state and TILT; then INFO of the
 * primary and of every replica that Sentinel does not consider down. Entries
 * Sentinel still remembers but sees down or disconnected are shown as stale.
 */
export async function sentinelProbe(target: ProbeTarget): Promise<ProbeResult> {
  const problems: StatusProblem[] = [];
  if (!target.sentinel) {
    problems.push({
      section: 'sentinel',
      kind: 'config',
      message:
        'the instance is in sentinel mode but no Sentinel endpoint is configured: set sentinelHost and sentinelPort for this environment',
    });
    return { mode: 'sentinel', problems };
  }
  const { primaryName } = target.sentinel;
  const sentinelAddress = `${target.sentinel.host}:${target.sentinel.port}`;
  const answer = await queryNode(target, sentinelAddress, [
    ['SENTINEL', 'PRIMARY', primaryName],
    ['SENTINEL', 'REPLICAS', primaryName],
    ['SENTINEL', 'SENTINELS', primaryName],
    ['SENTINEL', 'CKQUORUM', primaryName],
    ['INFO', 'server', 'sentinel'],
  ]);
  if (answer.connectError) {
    problems.push(problemFrom(answer.connectError, 'connection'));
    return { mode: 'sentinel', problems };
  }
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
  const replicaEntries = replicasOut.ok
    ? parseSentinelList(replicasOut.value)
    : [];
  const sentinelEntries = sentinelsOut.ok
    ? parseSentinelList(sentinelsOut.value)
    : [];

  const dataEntries = [
    ...(primaryEntry
      ? [{ entry: primaryEntry, role: 'primary' as const }]
      : []),
    ...replicaEntries.map(entry => ({ entry, role: 'replica' as const })),
  ];
  const dataNodes = await mapLimited(
    dataEntries,
    MAX_PARALLEL_NODES,
    ({ entry, role }) => probeDataNode(target, entry, role, problems),
  );
  const primary = primaryEntry ? dataNodes[0] : undefined;
  const replicas = primaryEntry ? dataNodes.slice(1) : dataNodes;
  for (const replica of replicas) {
    if (
      replica.replication &&
      primary?.replicationOffset !== undefined &&
      replica.replicationOffset !== undefined
    ) {
      replica.replication.lagBytes = Math.max(
        0,
        primary.replicationOffset - replica.replicationOffset,
      );
    }
  }

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
  const sentinels = [
    asked,
    ...sentinelEntries.map(e => sentinelNodeFromEntry(e, 'sentinel')),
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
  return { mode: 'sentinel', topology, problems };
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

async function probeDataNode(
  target: ProbeTarget,
  entry: SentinelEntry,
  role: 'primary' | 'replica',
  problems: StatusProblem[],
): Promise<ValkeyNode> {
  const fromSentinel = sentinelNodeFromEntry(entry, role);
  if (fromSentinel.stale) return fromSentinel;
  const answer = await queryNode(target, entry.address, [NODE_INFO_COMMAND]);
  const outcome = answer.results[0];
  if (answer.connectError || !outcome?.ok) {
    const error: ValkeyClientError =
      answer.connectError ?? (outcome as { error: ValkeyClientError }).error;
    problems.push(
      problemFrom(error, answer.connectError ? 'connection' : 'persistence'),
    );
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
