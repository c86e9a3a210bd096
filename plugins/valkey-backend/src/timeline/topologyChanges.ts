import {
  BackupRun,
  ClusterTopology,
  CLUSTER_SLOTS,
  InstanceStatus,
  TimelineEvent,
  Topology,
  ValkeyNode,
} from '@valkey-backstage/plugin-valkey-common';
import { dataNodesOf } from '../status/collectNodes';

/** The parts of a status document the change detection reads. */
export type ObservedView = Pick<
  InstanceStatus,
  'probedAt' | 'topology' | 'backup'
>;

/**
 * The changes between two successive views of one instance in one
 * environment, in a stable order. Pure: the observer calls it with the view it
 * stored last time and the one it just read.
 *
 * No previous view (first observation) gives no events: it is the baseline.
 */
export function topologyChanges(
  previous: ObservedView | undefined,
  next: ObservedView,
): TimelineEvent[] {
  if (!previous || previous.probedAt === next.probedAt) return [];
  const stamp = { at: next.probedAt, previousAt: previous.probedAt };
  const events: Array<Omit<TimelineEvent, 'at' | 'previousAt'>> = [
    ...topologyEvents(previous.topology, next.topology),
    ...backupEvents(previous, next),
  ];
  return events.map(event => ({ ...event, ...stamp }));
}

/**
 * The view to compare the next one with: the one just read, except that a
 * backup section that could not be read this time is carried over, so failed
 * runs already seen are not reported again once the section reads again.
 */
export function nextBaseline(
  previous: ObservedView | undefined,
  next: ObservedView,
): ObservedView {
  return {
    probedAt: next.probedAt,
    ...(next.topology ? { topology: next.topology } : {}),
    ...(next.backup ?? previous?.backup
      ? { backup: next.backup ?? previous?.backup }
      : {}),
  };
}

type Draft = Omit<TimelineEvent, 'at' | 'previousAt'>;

function topologyEvents(
  previous: Topology | undefined,
  next: Topology | undefined,
): Draft[] {
  if (previous && !next) {
    return [
      {
        kind: 'instance-unreachable',
        summary: 'No node of the instance answered.',
      },
    ];
  }
  if (!previous && next) {
    return [
      { kind: 'instance-reachable', summary: 'The instance answers again.' },
    ];
  }
  // Nothing to compare, or a different mode (a redeploy): a new baseline.
  if (!previous || !next || previous.kind !== next.kind) return [];

  const failovers =
    previous.kind === 'cluster' && next.kind === 'cluster'
      ? clusterOwnershipChanges(previous, next)
      : primaryChange(previous, next);
  const inFailover = new Set(
    failovers.flatMap(e =>
      e.kind === 'failover' ? [e.previousPrimary, e.newPrimary] : [],
    ),
  );
  return [
    ...failovers,
    ...nodeEvents(previous, next, inFailover),
    ...quorumEvents(previous, next),
  ];
}

/** Sentinel, replication, standalone: the primary's address changed. */
function primaryChange(previous: Topology, next: Topology): Draft[] {
  if (previous.kind === 'cluster' || next.kind === 'cluster') return [];
  const before = previous.primary?.address;
  const after = next.primary?.address;
  if (!before || !after || before === after) return [];
  return [
    {
      kind: 'failover',
      summary: `${after} took over as primary from ${before}.`,
      previousPrimary: before,
      newPrimary: after,
    },
  ];
}

/**
 * Cluster: who serves each slot before and after. A slot whose new owner was
 * a replica of its old owner moved by a failover; any other change of owner is
 * a slot move (resharding). Both are grouped per (old owner, new owner).
 */
function clusterOwnershipChanges(
  previous: ClusterTopology,
  next: ClusterTopology,
): Draft[] {
  const before = slotOwners(previous);
  const after = slotOwners(next);
  const moves = new Map<string, { from: string; to: string; slots: number }>();
  for (let slot = 0; slot < CLUSTER_SLOTS; slot++) {
    const from = before.owners[slot];
    const to = after.owners[slot];
    if (!from || !to || from === to) continue;
    const key = `${from} ${to}`;
    const move = moves.get(key) ?? { from, to, slots: 0 };
    move.slots++;
    moves.set(key, move);
  }
  return [...moves.values()].map(({ from, to, slots }) => {
    const shardId = before.shardOf.get(from);
    if (shardId !== undefined && before.shardOf.get(to) === shardId) {
      return {
        kind: 'failover',
        summary: `${to} took over as primary from ${from} (${slots} slots).`,
        previousPrimary: from,
        newPrimary: to,
        shardId: after.shardOf.get(to) ?? shardId,
        slots,
      };
    }
    return {
      kind: 'slots-moved',
      summary: `${slots} slots moved from ${from} to ${to}.`,
      node: to,
      slots,
    };
  });
}

function slotOwners(topology: ClusterTopology) {
  const owners: Array<string | undefined> = new Array(CLUSTER_SLOTS);
  const shardOf = new Map<string, string>();
  for (const shard of topology.shards) {
    for (const node of shard.nodes) shardOf.set(node.address, shard.id);
    const primary = shard.nodes.find(n => n.role === 'primary');
    if (!primary) continue;
    for (const range of shard.slots) {
      for (let slot = range.start; slot <= range.end; slot++) {
        owners[slot] = primary.address;
      }
    }
  }
  return { owners, shardOf };
}

function isDown(node: ValkeyNode): boolean {
  return node.health === 'down' || node.unreachable === true || !!node.stale;
}

function nodesOf(topology: Topology): Map<string, ValkeyNode> {
  const nodes = [
    ...dataNodesOf(topology),
    ...(topology.kind === 'sentinel' ? topology.sentinels : []),
  ];
  return new Map(nodes.map(n => [n.address, n]));
}

function nodeEvents(
  previous: Topology,
  next: Topology,
  inFailover: Set<string | undefined>,
): Draft[] {
  const before = nodesOf(previous);
  const events: Draft[] = [];
  for (const [address, node] of nodesOf(next)) {
    const old = before.get(address);
    if (!old) continue;
    const what = node.role === 'sentinel' ? 'Sentinel' : 'Node';
    if (!isDown(old) && isDown(node)) {
      events.push({
        kind: 'node-failed',
        summary: `${what} ${address} failed or stopped answering.`,
        node: address,
      });
    } else if (isDown(old) && !isDown(node)) {
      events.push({
        kind: 'node-recovered',
        summary: `${what} ${address} answers again.`,
        node: address,
      });
    }
    if (
      old.role !== node.role &&
      old.role !== 'unknown' &&
      node.role !== 'unknown' &&
      !inFailover.has(address)
    ) {
      events.push({
        kind: 'role-changed',
        summary: `${address} changed from ${old.role} to ${node.role}.`,
        node: address,
      });
    }
  }
  return events;
}

function quorumEvents(previous: Topology, next: Topology): Draft[] {
  if (previous.kind === 'sentinel' && next.kind === 'sentinel') {
    if (previous.quorum.ok && !next.quorum.ok) {
      return [
        {
          kind: 'quorum-lost',
          summary: `The Sentinels lost their quorum: ${next.quorum.text}`,
        },
      ];
    }
    if (!previous.quorum.ok && next.quorum.ok) {
      return [
        {
          kind: 'quorum-regained',
          summary: `The Sentinels have their quorum again: ${next.quorum.text}`,
        },
      ];
    }
  }
  if (previous.kind === 'cluster' && next.kind === 'cluster') {
    if (previous.state === 'ok' && next.state === 'fail') {
      return [
        {
          kind: 'quorum-lost',
          summary: 'The cluster state went to fail: some slots are not served.',
        },
      ];
    }
    if (previous.state === 'fail' && next.state === 'ok') {
      return [
        {
          kind: 'quorum-regained',
          summary: 'The cluster state is ok again: every slot is served.',
        },
      ];
    }
  }
  return [];
}

/** Backup Jobs that failed since the previous view (new, or running before). */
function backupEvents(previous: ObservedView, next: ObservedView): Draft[] {
  // Without a previous backup view every old failure would look new.
  if (!previous.backup || !next.backup) return [];
  const seen = runsByName(previous.backup.lastRun, previous.backup.history);
  const events: Draft[] = [];
  for (const run of runsByName(
    next.backup.lastRun,
    next.backup.history,
  ).values()) {
    if (run.result !== 'failed' || seen.get(run.name)?.result === 'failed') {
      continue;
    }
    events.push({
      kind: 'backup-failed',
      summary: `Backup run ${run.name} failed${
        run.message ? `: ${run.message}` : '.'
      }`,
      backupRun: run.name,
    });
  }
  return events;
}

function runsByName(
  lastRun: BackupRun | undefined,
  history: BackupRun[],
): Map<string, BackupRun> {
  const runs = new Map(history.map(r => [r.name, r]));
  if (lastRun) runs.set(lastRun.name, lastRun);
  return runs;
}
