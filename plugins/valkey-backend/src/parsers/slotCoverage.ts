import {
  CLUSTER_SLOTS,
  slotCount,
  SlotCoverageRange,
  SlotRange,
} from '@valkey-backstage/plugin-valkey-common';

export interface SlotOwner {
  shardId: string;
  slots: SlotRange[];
  /** State of the shard's serving primary. */
  state: 'ok' | 'pfail' | 'fail';
  /** Slots of this shard being migrated out or imported. */
  migratingSlots: number[];
}

type State = SlotCoverageRange['state'];

/**
 * Coverage of 0..16383 as ascending ranges that together cover every slot:
 * each slot is unassigned, or takes the state of the shard that owns it
 * (`migrating` when it is moving and the owner is otherwise ok).
 */
export function slotCoverage(owners: SlotOwner[]): SlotCoverageRange[] {
  const state: State[] = new Array(CLUSTER_SLOTS).fill('unassigned');
  const shard: Array<string | undefined> = new Array(CLUSTER_SLOTS).fill(
    undefined,
  );
  for (const owner of owners) {
    for (const range of owner.slots) {
      for (
        let s = Math.max(0, range.start);
        s <= Math.min(CLUSTER_SLOTS - 1, range.end);
        s++
      ) {
        state[s] = owner.state;
        shard[s] = owner.shardId;
      }
    }
  }
  for (const owner of owners) {
    for (const s of owner.migratingSlots) {
      if (s >= 0 && s < CLUSTER_SLOTS && state[s] === 'ok')
        state[s] = 'migrating';
    }
  }
  const ranges: SlotCoverageRange[] = [];
  for (let s = 0; s < CLUSTER_SLOTS; s++) {
    const last = ranges[ranges.length - 1];
    if (
      last &&
      last.state === state[s] &&
      last.shardId === shard[s] &&
      last.end === s - 1
    ) {
      last.end = s;
    } else {
      ranges.push({
        start: s,
        end: s,
        state: state[s],
        ...(shard[s] ? { shardId: shard[s] } : {}),
      });
    }
  }
  return ranges;
}

/** Number of slots in the given state. */
export function countSlots(
  coverage: SlotCoverageRange[],
  state: State,
): number {
  return slotCount(coverage.filter(r => r.state === state));
}
