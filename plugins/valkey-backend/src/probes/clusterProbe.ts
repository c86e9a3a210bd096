import {
  ClusterShard,
  ClusterTopology,
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
import { dataNodeFromInfo, worst } from './dataNode';
import {
  mapLimited,
  MAX_PARALLEL_NODES,
  NODE_INFO_COMMAND,
  NodeAnswer,
  problemFrom,
  queryNode,
  textOf,
} from './nodeQuery';
import { ProbeResult, ProbeTarget } from './types';

const COMMANDS = [
  ['CLUSTER', 'SHARDS'],
  ['CLUSTER', 'NODES'],
  ['CLUSTER', 'INFO'],
  NODE_INFO_COMMAND,
];

/** What one node answered. */
interface NodeView {
  address: string;
  answer: NodeAnswer;
  shards?: ShardEntry[];
  nodes?: ClusterNodeLine[];
  info?: ClusterInfo;
  nodeInfo?: NodeInfo;
  myself?: ClusterNodeLine;
}

async function viewOf(
  target: ProbeTarget,
  address: string,
  problems: StatusProblem[],
): Promise<NodeView> {
  const answer = await queryNode(target, address, COMMANDS);
  const view: NodeView = { address, answer };
  if (answer.connectError) {
    problems.push(problemFrom(answer.connectError, 'connection'));
    return view;
  }
  const [shards, nodes, info, nodeInfo] = answer.results;
  const sectionOf = ['cluster', 'topology', 'cluster', 'persistence'] as const;
  answer.results.forEach((outcome, i) => {
    if (!outcome.ok) problems.push(problemFrom(outcome.error, sectionOf[i]));
  });
  try {
    if (shards.ok) view.shards = parseClusterShards(shards.value);
    const nodesText = textOf(nodes);
    if (nodesText !== undefined) {
      view.nodes = parseClusterNodes(nodesText);
      view.myself = view.nodes.find(n => n.flags.includes('myself'));
    }
    const infoText = textOf(info);
    if (infoText !== undefined) view.info = parseClusterInfo(infoText);
    const nodeInfoText = textOf(nodeInfo);
    if (nodeInfoText !== undefined) {
      view.nodeInfo = nodeInfoFromFields(parseInfo(nodeInfoText));
    }
  } catch (error) {
    problems.push({
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
 * Cluster: CLUSTER SHARDS, NODES and INFO plus INFO of every node, asked of
 * every node the seed knows; the picture shared by the most primaries wins,
 * and FAIL/PFAIL flags are counted across the primaries' views.
 */
export async function clusterProbe(target: ProbeTarget): Promise<ProbeResult> {
  const problems: StatusProblem[] = [];
  const seedAddress = `${target.host}:${target.port}`;
  const seed = await viewOf(target, seedAddress, problems);
  if (!seed.nodes && !seed.shards) {
    if (!seed.answer.connectError) {
      problems.push({
        section: 'cluster',
        kind: 'protocol',
        message: `${seedAddress} answered neither CLUSTER NODES nor CLUSTER SHARDS; is it a cluster node?`,
        node: seedAddress,
      });
    }
    return { mode: 'cluster', problems };
  }

  const known = new Set<string>([seedAddress]);
  if (seed.myself) known.add(seed.myself.address);
  const others: string[] = [];
  const candidates = [
    ...(seed.nodes ?? [])
      .filter(
        n =>
          !n.flags.some(f => f === 'noaddr' || f === 'handshake') && n.port > 0,
      )
      .map(n => n.address),
    ...(seed.shards ?? []).flatMap(s => s.nodes.map(n => n.address)),
  ];
  for (const address of candidates) {
    if (!known.has(address) && !address.startsWith('?')) {
      known.add(address);
      others.push(address);
    }
  }
  const otherViews = await mapLimited(others, MAX_PARALLEL_NODES, address =>
    viewOf(target, address, problems),
  );
  const views = [seed, ...otherViews];
  const answered = views.filter(v => v.nodes);
  const byId = new Map<string, NodeView>();
  for (const v of views) if (v.myself) byId.set(v.myself.id, v);
  const byAddress = new Map(views.map(v => [v.address, v]));

  const primaryViews = answered.filter(v => isPrimaryWithSlots(v.myself));
  const viewers = primaryViews.length > 0 ? primaryViews : answered;
  const groups = new Map<string, NodeView[]>();
  for (const v of viewers) {
    const key = signature(v);
    groups.set(key, [...(groups.get(key) ?? []), v]);
  }
  const chosenGroup = [...groups.values()].sort(
    (a, b) =>
      b.length - a.length ||
      Number(b.includes(seed)) - Number(a.includes(seed)),
  )[0] ?? [seed];
  const chosen = chosenGroup.includes(seed) ? seed : chosenGroup[0];

  const mergedFlags = (id: string): string[] => {
    const base = (chosen.nodes ?? []).find(n => n.id === id)?.flags ?? [];
    const flags = base.filter(f => !['myself', 'fail', 'fail?'].includes(f));
    const voters = viewers.filter(v => v.myself?.id !== id);
    const votes = (flag: string) =>
      voters.filter(v => v.nodes?.find(n => n.id === id)?.flags.includes(flag))
        .length;
    const fail = votes('fail');
    const pfail = votes('fail?');
    if (voters.length > 0 && fail * 2 > voters.length) flags.push('fail');
    else if (fail + pfail > 0) flags.push('fail?');
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
      asked: views.length,
      answered: answered.length,
      agreeing: chosenGroup.length,
    },
  };
  problems.push(...clusterFindings(topology));
  return { mode: 'cluster', topology, problems };
}

function CLUSTER_SLOTS_ASSIGNED(coverage: ClusterTopology['coverage']): number {
  return coverage
    .filter(r => r.state !== 'unassigned')
    .reduce((sum, r) => sum + r.end - r.start + 1, 0);
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
    const reachedButNoInfo = own && !own.answer.connectError;
    return {
      id: n.id,
      address: shown,
      role,
      flags,
      health: health === 'healthy' && !reachedButNoInfo ? 'unknown' : health,
      ...overrides,
    } as ValkeyNode;
  });
  nodes.sort((a, b) => rank(a) - rank(b));
  const primary = nodes[0];
  for (const node of nodes.slice(1)) {
    if (
      node.role === 'replica' &&
      node.replication &&
      primary?.replicationOffset !== undefined &&
      node.replicationOffset !== undefined
    ) {
      node.replication.lagBytes = Math.max(
        0,
        primary.replicationOffset - node.replicationOffset,
      );
    }
  }
  const primaryView = primary ? byId.get(primary.id) : undefined;
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
    id: entry.id ?? primary?.id ?? '?',
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
