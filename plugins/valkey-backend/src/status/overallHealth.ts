import {
  BackupStatus,
  Health,
  StatusProblem,
  Topology,
} from '@valkey-backstage/plugin-valkey-common';
import { dataNodesOf } from './collectNodes';

const order: Health[] = ['healthy', 'unknown', 'degraded', 'down'];
const worse = (a: Health, b: Health): Health =>
  order.indexOf(b) > order.indexOf(a) ? b : a;

/**
 * One health for the instance: down when it cannot serve (no primary, cluster
 * state fail, unreachable), degraded when it serves with less redundancy or
 * with something unknown, unknown when the backend could not look at all.
 */
export function overallHealth(
  topology: Topology | undefined,
  backup: BackupStatus | undefined,
  problems: StatusProblem[],
): Health {
  if (!topology) {
    const reachable = !problems.some(
      p =>
        p.section === 'connection' &&
        (p.kind === 'unreachable' || p.kind === 'timeout'),
    );
    return reachable ? 'unknown' : 'down';
  }
  let health: Health = topologyHealth(topology);
  if (health === 'down') return 'down';
  if (
    backup &&
    backup.configured &&
    (backup.stale || backup.lastRun?.result === 'failed')
  ) {
    health = worse(health, 'degraded');
  }
  if (
    backup?.engine &&
    (backup.engine.rdbFailingNodes.length ||
      backup.engine.aofFailingNodes.length)
  ) {
    health = worse(health, 'degraded');
  }
  if (problems.length > 0) health = worse(health, 'degraded');
  return health;
}

function topologyHealth(topology: Topology): Health {
  if (topology.kind === 'cluster') {
    if (topology.state === 'fail') return 'down';
    const slotsServed = topology.coverage.every(
      r => r.state === 'ok' || r.state === 'migrating',
    );
    if (!slotsServed) return 'degraded';
    if (topology.shards.some(s => s.slots.length > 0 && s.health !== 'healthy'))
      return 'degraded';
    if (dataNodesOf(topology).some(n => n.health !== 'healthy'))
      return 'degraded';
    return topology.state === 'ok' ? 'healthy' : 'unknown';
  }
  const primary = topology.primary;
  if (!primary || primary.health === 'down' || primary.stale) return 'down';
  let health: Health =
    primary.health === 'healthy' ? 'healthy' : worse('healthy', primary.health);
  if (topology.replicas.some(r => r.health !== 'healthy'))
    health = worse(health, 'degraded');
  if (topology.kind === 'sentinel') {
    if (!topology.quorum.ok || topology.tilt || topology.failoverInProgress) {
      health = worse(health, 'degraded');
    }
    if (topology.sentinels.some(s => s.health !== 'healthy'))
      health = worse(health, 'degraded');
  }
  return health;
}
