import {
  EnginePersistenceSummary,
  ValkeyNode,
} from '@valkey-backstage/plugin-valkey-common';

/** Sums up the RDB/AOF state the data nodes reported. */
export function enginePersistence(
  nodes: ValkeyNode[],
): EnginePersistenceSummary {
  const known = nodes.filter(n => n.persistence && !n.stale);
  const primarySaves = known
    .filter(n => n.role === 'primary' && n.persistence?.rdbLastSaveTime)
    .map(n => n.persistence!.rdbLastSaveTime!);
  return {
    nodes: known.length,
    ...(primarySaves.length
      ? {
          oldestRdbSaveTime: new Date(
            Math.min(...primarySaves) * 1000,
          ).toISOString(),
        }
      : {}),
    rdbFailingNodes: known
      .filter(n => n.persistence?.rdbLastBgsaveStatus === 'err')
      .map(n => n.address),
    aofEnabledNodes: known.filter(n => n.persistence?.aofEnabled).length,
    aofFailingNodes: known
      .filter(
        n =>
          n.persistence?.aofEnabled &&
          (n.persistence.aofLastWriteStatus === 'err' ||
            n.persistence.aofLastBgrewriteStatus === 'err'),
      )
      .map(n => n.address),
  };
}
