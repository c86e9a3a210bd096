import { slotCoverage, countSlots } from './slotCoverage';

describe('slotCoverage', () => {
  it('covers 0..16383 with unassigned gaps, shard states and migrating slots', () => {
    const coverage = slotCoverage([
      {
        shardId: 'a',
        slots: [{ start: 0, end: 99 }],
        state: 'ok',
        migratingSlots: [5],
      },
      {
        shardId: 'b',
        slots: [{ start: 200, end: 16383 }],
        state: 'pfail',
        migratingSlots: [],
      },
    ]);
    expect(coverage).toEqual([
      { start: 0, end: 4, state: 'ok', shardId: 'a' },
      { start: 5, end: 5, state: 'migrating', shardId: 'a' },
      { start: 6, end: 99, state: 'ok', shardId: 'a' },
      { start: 100, end: 199, state: 'unassigned' },
      { start: 200, end: 16383, state: 'pfail', shardId: 'b' },
    ]);
    expect(countSlots(coverage, 'unassigned')).toBe(100);
  });

  it('keeps adjacent ranges of different shards apart', () => {
    const coverage = slotCoverage([
      {
        shardId: 'a',
        slots: [{ start: 0, end: 8191 }],
        state: 'ok',
        migratingSlots: [],
      },
      {
        shardId: 'b',
        slots: [{ start: 8192, end: 16383 }],
        state: 'ok',
        migratingSlots: [],
      },
    ]);
    expect(coverage.map(r => r.shardId)).toEqual(['a', 'b']);
  });
});
