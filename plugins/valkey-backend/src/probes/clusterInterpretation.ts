import {
  ClusterShard,
  ClusterTopology,
  slotCount,
  Health,
  StatusProblem,
  ValkeyNode,
} from '@valkey-backstage/plugin-valkey-common';
import {
  ClusterInfo,
  ClusterNodeLine,
  countSlots,
  NodeInfo,
  nodeInfoFromFields,
  parseClusterInfo,
  parseClusterNodes,
  parseClusterShards,
  parseInfo,
  ShardEntry,
  slotCoverage,
} from '../parsers';
import {
  CLUSTER_REPLY,
  ClusterReplies,
  reportedAddresses,
} from './clusterDiscovery';
import { dataNodeFromInfo, setReplicaLags, worst } from './dataNode';
import {
  failureOf,
  isUnreachable,
  NodeAnswer,
  problemFrom,
  textOf,
  uniqueAddresses,
} from './nodeQuery';

/** What one node answered, parsed. */
interface NodeView {
  address: string;
  answer: NodeAnswer;
  /** Problems this node's answer causes (kept only if the node belongs to the cluster). */
  problems: StatusProblem[];
  shards?: ShardEntry[];
  nodes?: ClusterNodeLine[];
  info?: ClusterInfo;
  nodeInfo?: NodeInfo;
  myself?: ClusterNodeLine;
  myShardId?: string;
}

const SECTION_OF: Record<number, 'cluster' | 'topology' | 'persistence'> = {
  [CLUSTER_REPLY.shards]: 'cluster',
  [CLUSTER_REPLY.nodes]: 'topology',
  [CLUSTER_REPLY.info]: 'cluster',
  [CLUSTER_REPLY.nodeInfo]: 'persistence',
  [CLUSTER_REPLY.myShardId]: 'cluster',
};

/** A server older than 7.2 does not know CLUSTER MYSHARDID: not a problem, the primary id stands in. */
const unknownCommand = (message: string) =>
  /unknown (sub)?command/i.test(message);

function viewOf(answer: NodeAnswer): NodeView {
  const { address } = answer;
  const view: NodeView = { address, answer, problems: [] };
  if (answer.connectError) {
    view.problems.push(problemFrom(answer.connectError, 'connection'));
    return view;
  }
  answer.results.forEach((outcome, i) => {
    if (outcome.ok) return;
    if (i === CLUSTER_REPLY.myShardId && unknownCommand(outcome.error.message))
      return;
    view.problems.push(problemFrom(outcome.error, SECTION_OF[i] ?? 'cluster'));
  });
  const r = answer.results;
  try {
    const shards = r[CLUSTER_REPLY.shards];
    if (shards?.ok) view.shards = parseClusterShards(shards.value);
    const nodesText = textOf(r[CLUSTER_REPLY.nodes]);
    if (nodesText !== undefined) {
      view.nodes = parseClusterNodes(nodesText);
      view.myself = view.nodes.find(n => n.flags.includes('myself'));
    }
    const infoText = textOf(r[CLUSTER_REPLY.info]);
    if (infoText !== undefined) view.info = parseClusterInfo(infoText);
    const nodeInfoText = textOf(r[CLUSTER_REPLY.nodeInfo]);
    if (nodeInfoText !== undefined) {
      view.nodeInfo = nodeInfoFromFields(parseInfo(nodeInfoText));
    }
    const shardId = textOf(r[CLUSTER_REPLY.myShardId]);
    if (shardId) view.myShardId = shardId;
  } catch (error) {
    view.problems.push({
      section: 'cluster',
      kind: 'protocol',
      message: `unreadable cluster reply from ${address}: ${
        (error as Error).message
      }`,
      node: address,
    });
  }
  return view;
}

const isPrimaryWithSlots = (line: ClusterNodeLine | undefined) =>
  !!line && line.flags.includes('master') && line.slots.length > 0;

/** A node's picture of the cluster: its state and which primary serves which slots. */
function signature(view: NodeView): string {
  const primaries = (view.nodes ?? [])
    .filter(n => isPrimaryWithSlots(n) && !n.flags.includes('fail'))
    .map(n => `${n.id}:${n.slots.map(s => `${s.start}-${s.end}`).join(',')}`)
    .sort();
  return `${view.info?.state ?? 'unknown'}|${primaries.join(';')}`;
}

/**
 * The answering nodes of one cluster: views that share node ids belong
 * together. A remembered address may by now belong to another cluster (a
 * pod IP reused); its answer must not outvote this one. The seed's cluster
 * when the seed answered, else the one most answering nodes belong to.
 */
function oneCluster(views: NodeView[], seed: NodeView | undefined): NodeView[] {
  const clusters: Array<{ ids: Set<string>; views: NodeView[] }> = [];
  for (const view of views) {
    const ids = (view.nodes ?? []).map(n => n.id);
    const joined = clusters.filter(c => ids.some(id => c.ids.has(id)));
    const merged = {
      ids: new Set([...ids, ...joined.flatMap(c => [...c.ids])]),
      views: [...joined.flatMap(c => c.views), view],
    };
    for (const c of joined) clusters.splice(clusters.indexOf(c), 1);
    clusters.push(merged);
  }
  const withSeed = clusters.find(c => !!seed && c.views.includes(seed));
  const chosen =
    withSeed ??
    [...clusters].sort((a, b) => b.views.length - a.views.length)[0];
  return chosen?.views ?? [];
}

/**
 * The sum of the config epochs of the primaries that hold slots in a node's
 * picture (failed ones too: a FAIL flag does not move slots, a failover does).
 */
function ownershipEpoch(view: NodeView): number {
  return (view.nodes ?? [])
    .filter(n => isPrimaryWithSlots(n))
    .reduce(
      (sum, n) => sum + (Number.isFinite(n.configEpoch) ? n.configEpoch : 0),
      0,
    );
}

export interface ClusterInterpretation {
  topology?: ClusterTopology;
  problems: StatusProblem[];
  /** Addresses of the cluster's nodes as Valkey reported them (the next probe's fallbacks). */
  knownAddresses: string[];
}

/**
 * The pure core of the cluster probe: from what each node answered to the
 * status. The newest picture of slot ownership (by config epoch) wins, then
 * the one shared by the most primaries, then the seed's; FAIL/PFAIL flags are merged from every answering node,
 * so a node that does not answer is still shown with the slots it serves, as
 * the others see it. Answers of addresses that turn out not to be members
 * (an old fallback) are left out.
 */
export function interpretCluster(
  replies: ClusterReplies,
): ClusterInterpretation {
  const { seed: seedAddress } = replies;
  const parsed = replies.answers.map(viewOf);
  // One view per node: a node reached under two names (the configured host
  // and its announced address) counts once.
  const seenIds = new Set<string>();
  const unique = parsed.filter(v => {
    if (!v.myself) return true;
    if (seenIds.has(v.myself.id)) return false;
    seenIds.add(v.myself.id);
    return true;
  });
  const seed = unique.find(v => v.address === seedAddress);
  const answered = oneCluster(
    unique.filter(v => v.nodes),
    seed,
  );

  if (answered.length === 0) {
    const problems = (seed ? [seed] : unique).flatMap(v => v.problems);
    if (seed && !seed.answer.connectError && problems.length === 0) {
      problems.push({
        section: 'cluster',
        kind: 'protocol',
        message: `${seedAddress} answered neither CLUSTER NODES nor CLUSTER SHARDS; is it a cluster node?`,
        node: seedAddress,
      });
    }
    return { problems, knownAddresses: [] };
  }

  const primaryViews = answered.filter(v => isPrimaryWithSlots(v.myself));
  const viewers = primaryViews.length > 0 ? primaryViews : answered;
  const groups = new Map<string, NodeView[]>();
  for (const v of viewers) {
    const key = signature(v);
    groups.set(key, [...(groups.get(key) ?? []), v]);
  }
  // Newest picture first: slot ownership only moves with a higher config
  // epoch (a failover needs a majority of primaries), so a node that already
  // saw the move is right even while the others still show the old owner.
  // Among pictures of the same age, the most primaries, then the seed's.
  const chosenGroup = [...groups.values()].sort(
    (a, b) =>
      ownershipEpoch(b[0]) - ownershipEpoch(a[0]) ||
      b.length - a.length ||
      Number(!!seed && b.includes(seed)) - Number(!!seed && a.includes(seed)),
  )[0];
  const chosen = seed && chosenGroup.includes(seed) ? seed : chosenGroup[0];

  const members = new Set(reportedAddresses(chosen.answer));
  const memberIds = new Set((chosen.nodes ?? []).map(n => n.id));
  const relevant = unique.filter(
    v =>
      v === seed ||
      members.has(v.address) ||
      (v.myself && memberIds.has(v.myself.id)),
  );
  const problems: StatusProblem[] = relevant.flatMap(v => v.problems);

  const byId = new Map<string, NodeView>();
  for (const v of relevant) if (v.myself) byId.set(v.myself.id, v);
  const byAddress = new Map(relevant.map(v => [v.address, v]));

  // Valkey sets FAIL only once a majority of primaries reported the node
  // unreachable (or on hearing another node's FAIL), so one answering node
  // that says FAIL speaks for the cluster; PFAIL is one node's suspicion.
  const mergedFlags = (id: string): string[] => {
    const base = (chosen.nodes ?? []).find(n => n.id === id)?.flags ?? [];
    const flags = base.filter(f => !['myself', 'fail', 'fail?'].includes(f));
    const others = answered.filter(v => v.myself?.id !== id);
    const says = (flag: string) =>
      others.some(v => v.nodes?.find(n => n.id === id)?.flags.includes(flag));
    if (says('fail')) flags.push('fail');
    else if (says('fail?')) flags.push('fail?');
    return flags;
  };

  const shardEntries = chosen.shards ?? shardsFromNodes(chosen.nodes ?? []);
  const shards: ClusterShard[] = shardEntries.map(entry =>
    buildShard(entry, chosen, byId, byAddress, mergedFlags),
  );

  const coverage = slotCoverage(
    shards
      .filter(s => s.slots.length > 0)
      .map(s => {
        // The slots' owner: the serving primary, else a failed one still holding them.
        const primary = s.nodes.find(n => n.role === 'primary');
        return {
          shardId: s.id,
          slots: s.slots,
          state: slotState(primary),
          migratingSlots: s.migrating.map(m => m.slot),
        };
      }),
  );

  const states = viewers.map(v => v.info?.state ?? 'unknown');
  const majorityState = (['ok', 'fail'] as const).find(
    s => states.filter(x => x === s).length * 2 > states.length,
  );
  const info = chosen.info;
  const topology: ClusterTopology = {
    kind: 'cluster',
    state: majorityState ?? info?.state ?? 'unknown',
    slotsAssigned: info?.slotsAssigned ?? CLUSTER_SLOTS_ASSIGNED(coverage),
    slotsOk: info?.slotsOk ?? countSlots(coverage, 'ok'),
    slotsPfail: info?.slotsPfail ?? countSlots(coverage, 'pfail'),
    slotsFail: info?.slotsFail ?? countSlots(coverage, 'fail'),
    knownNodes: info?.knownNodes ?? chosen.nodes?.length ?? 0,
    size: info?.size ?? shards.filter(s => s.slots.length > 0).length,
    ...(info?.currentEpoch !== undefined
      ? { currentEpoch: info.currentEpoch }
      : {}),
    shards,
    coverage,
    quorum: {
      asked: relevant.length,
      answered: relevant.filter(v => v.nodes).length,
      agreeing: chosenGroup.length,
      primariesAnswering: primaryViews.length,
      primariesAgreeing: chosenGroup.filter(v => isPrimaryWithSlots(v.myself))
        .length,
    },
  };
  problems.push(...clusterFindings(topology));
  return {
    topology,
    problems,
    knownAddresses: uniqueAddresses([...members]),
  };
}

function CLUSTER_SLOTS_ASSIGNED(coverage: ClusterTopology['coverage']): number {
  return slotCount(coverage.filter(r => r.state !== 'unassigned'));
}

/** Shards from CLUSTER NODES alone, when CLUSTER SHARDS was not answered. */
function shardsFromNodes(lines: ClusterNodeLine[]): ShardEntry[] {
  const primaries = lines.filter(n => n.flags.includes('master'));
  return primaries.map(p => ({
    id: undefined,
    slots: p.slots,
    nodes: [p, ...lines.filter(n => n.primaryId === p.id)].map(n => ({
      id: n.id,
      ip: n.ip,
      hostname: n.hostname,
      port: n.port,
      role: n.flags.includes('master')
        ? ('primary' as const)
        : ('replica' as const),
      health: n.flags.includes('fail')
        ? ('fail' as const)
        : ('online' as const),
      address: n.address,
    })),
  }));
}

function buildShard(
  entry: ShardEntry,
  chosen: NodeView,
  byId: Map<string, NodeView>,
  byAddress: Map<string, NodeView>,
  mergedFlags: (id: string) => string[],
): ClusterShard {
  const nodes: ValkeyNode[] = entry.nodes.map(n => {
    const own = byId.get(n.id) ?? byAddress.get(n.address);
    const flags = mergedFlags(n.id);
    const line = (chosen.nodes ?? []).find(l => l.id === n.id);
    const role = roleFromFlags(line?.flags) ?? n.role;
    const shown = n.hostname && n.port ? `${n.hostname}:${n.port}` : n.address;
    let health: Health = 'healthy';
    if (flags.includes('fail') || n.health === 'fail') health = 'down';
    // SHARDS says `loading` for any replica whose offset is still 0 (an idle
    // new cluster); the node's own INFO `loading` field is the real answer.
    else if (
      flags.includes('fail?') ||
      (n.health === 'loading' && !own?.nodeInfo)
    ) {
      health = 'degraded';
    }
    const overrides: Partial<ValkeyNode> = {
      id: n.id,
      address: shown,
      role,
      flags,
      ...(n.replicationOffset !== undefined
        ? { replicationOffset: n.replicationOffset }
        : {}),
      ...(n.availabilityZone ? { availabilityZone: n.availabilityZone } : {}),
    };
    if (own?.nodeInfo) {
      const node = dataNodeFromInfo(shown, own.nodeInfo, overrides);
      node.health = worst(node.health, health);
      return node;
    }
    const failure = own
      ? failureOf(own.answer, CLUSTER_REPLY.nodes)
      : undefined;
    const silent = isUnreachable(failure);
    const reachedButNoInfo = own && !own.answer.connectError && !silent;
    return {
      id: n.id,
      address: shown,
      role,
      flags,
      health: health === 'healthy' && !reachedButNoInfo ? 'unknown' : health,
      ...overrides,
      ...(silent ? { unreachable: true } : {}),
    } as ValkeyNode;
  });
  nodes.sort((a, b) => rank(a) - rank(b));
  const primary = nodes[0];
  setReplicaLags(primary?.replicationOffset, nodes.slice(1));
  const primaryView = primary ? byId.get(primary.id) : undefined;
  // The shard's own identity survives failover; the primary's id does not.
  const shardId =
    primaryView?.myShardId ??
    nodes.map(n => byId.get(n.id)?.myShardId).find(Boolean) ??
    entry.id;
  const migrating = primaryView?.myself?.migrating ?? [];
  let health: Health = 'healthy';
  if (
    entry.slots.length > 0 &&
    (!primary || primary.role !== 'primary' || primary.health === 'down')
  ) {
    health = 'down';
  } else if (nodes.some(n => n.health !== 'healthy')) {
    health = entry.slots.length > 0 ? 'degraded' : 'down';
  }
  return {
    id: shardId ?? primary?.id ?? '?',
    slots: entry.slots,
    nodes,
    health,
    migrating,
  };
}

function slotState(owner: ValkeyNode | undefined): 'ok' | 'pfail' | 'fail' {
  if (owner?.flags.includes('fail')) return 'fail';
  if (owner?.flags.includes('fail?')) return 'pfail';
  return 'ok';
}

function roleFromFlags(
  flags: string[] | undefined,
): 'primary' | 'replica' | undefined {
  if (flags?.includes('master')) return 'primary';
  if (flags?.includes('slave')) return 'replica';
  return undefined;
}

/** Serving primary first, then a failed primary, then replicas (reachable first). */
function rank(node: ValkeyNode): number {
  if (node.role === 'primary') return node.health === 'down' ? 1 : 0;
  if (node.role === 'replica') return node.health === 'down' ? 3 : 2;
  return 4;
}

function clusterFindings(topology: ClusterTopology): StatusProblem[] {
  const findings: StatusProblem[] = [];
  if (topology.state !== 'ok') {
    findings.push({
      section: 'cluster',
      kind: 'unhealthy',
      message: `cluster_state is ${topology.state}`,
    });
  }
  for (const state of ['unassigned', 'fail', 'pfail'] as const) {
    const count = countSlots(topology.coverage, state);
    if (count > 0) {
      findings.push({
        section: 'cluster',
        kind: 'unhealthy',
        message: `${count} slots are ${
          state === 'unassigned'
            ? 'not assigned to any shard'
            : `served by a primary in ${state === 'fail' ? 'FAIL' : 'PFAIL'}`
        }`,
      });
    }
  }
  for (const shard of topology.shards) {
    for (const node of shard.nodes) {
      if (node.flags.includes('fail')) {
        findings.push({
          section: 'topology',
          kind: 'unhealthy',
          message: `node ${node.address} is marked FAIL by the majority of primaries`,
          node: node.address,
        });
      } else if (node.flags.includes('fail?')) {
        findings.push({
          section: 'topology',
          kind: 'unhealthy',
          message: `node ${node.address} is suspected down (PFAIL)`,
          node: node.address,
        });
      }
    }
  }
  return findings;
}
