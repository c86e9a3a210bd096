import {
  BackupStatus,
  CLUSTER_SLOTS,
  slotCount,
  StatusProblem,
  Topology,
} from '@valkey-backstage/plugin-valkey-common';
import { dataNodesOf } from './collectNodes';

/** The one-line summary, e.g. "3 shards, 16384/16384 slots ok, 6/6 nodes healthy". */
export function summaryLine(
  topology: Topology | undefined,
  backup: BackupStatus | undefined,
  problems: StatusProblem[],
): string {
  const parts: string[] = [];
  if (!topology) {
    parts.push(problems[0]?.message ?? 'no status available');
  } else {
    const nodes = dataNodesOf(topology);
    const healthy = nodes.filter(n => n.health === 'healthy').length;
    if (topology.kind === 'cluster') {
      const ok = slotCount(
        topology.coverage.filter(
          r => r.state === 'ok' || r.state === 'migrating',
        ),
      );
      const shards = topology.shards.filter(s => s.slots.length > 0).length;
      parts.push(
        `${shards} shards, ${ok}/${CLUSTER_SLOTS} slots ok, ${healthy}/${nodes.length} nodes healthy`,
      );
      if (topology.state !== 'ok')
        parts.push(`cluster_state ${topology.state}`);
    } else if (topology.kind === 'sentinel') {
      const sentinelsUp = topology.sentinels.filter(
        s => s.health === 'healthy',
      ).length;
      parts.push(
        topology.primary
          ? `primary ${topology.primary.address}`
          : `no primary for ${topology.primaryName}`,
        `${topology.replicas.filter(r => r.health === 'healthy').length}/${
          topology.replicas.length
        } replicas healthy`,
        `${sentinelsUp}/${topology.sentinels.length} Sentinels`,
        topology.quorum.ok ? 'quorum ok' : 'NOQUORUM',
      );
      if (topology.failoverInProgress) parts.push('failover in progress');
      if (topology.tilt) parts.push('TILT');
    } else if (topology.kind === 'replication') {
      const lags = topology.replicas
        .map(r => r.replication?.lagBytes)
        .filter((l): l is number => l !== undefined);
      parts.push(
        `primary ${topology.primary?.address ?? 'unknown'}`,
        `${topology.replicas.filter(r => r.health === 'healthy').length}/${
          topology.replicas.length
        } replicas healthy`,
      );
      if (lags.length) parts.push(`max lag ${Math.max(...lags)} bytes`);
    } else {
      parts.push(
        `standalone ${topology.primary?.address ?? 'unknown'} ${
          topology.primary?.health === 'down' ? 'down' : 'up'
        }`,
      );
    }
  }
  if (topology) {
    const silent = [
      ...dataNodesOf(topology),
      ...(topology.kind === 'sentinel' ? topology.sentinels : []),
    ].filter(n => n.unreachable).length;
    if (silent > 0) parts.push(`${silent} not answering`);
  }
  if (backup?.configured) {
    parts.push(backup.stale ? 'backup stale' : 'backup fresh');
  } else if (backup && !backup.configured) {
    parts.push('no backup CronJob');
  }
  const issues = problems.filter(p => p.kind !== 'unhealthy').length;
  if (topology && issues > 0)
    parts.push(`${issues} probe problem${issues > 1 ? 's' : ''}`);
  return parts.join(', ');
}
