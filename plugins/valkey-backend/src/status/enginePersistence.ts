import {
  EnginePersistenceSummary,
  ValkeyNode,
} from '@valkey-backstage/plugin-valkey-common';

/** Sums up the RDB/AOF state the data nodes reported. */
export function enginePersistence(
  nodes: ValkeyNode[],
): EnginePersistenceSummary {
  const known = nodes.filter(n => n.persistence && !n.stale);
  // With no save since start, rdb_last_save_time is the start time: not a save.
  const neverSaved = (n: ValkeyNode) => n.persistence?.rdbSaves === 0;
  const primarySaves = known
    .filter(
      n =>
        n.role === 'primary' &&
        n.persistence?.rdbLastSaveTime &&
        !neverSaved(n),
    )
    .map(n => n.persistence!.rdbLastSaveTime!);
  const unsaved = known.filter(neverSaved).map(n => n.address);
  return {
    nodes: known.length,
    ...(primarySaves.length
      ? {
          oldestRdbSaveTime: new Date(
            Math.min(...primarySaves) * 1000,
          ).toISOString(),
        }
      : {}),
    ...(unsaved.length ? { unsavedNodes: unsaved } : {}),
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
