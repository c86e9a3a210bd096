import { ValkeyNode } from '@valkey-backstage/plugin-valkey-common';
import { enginePersistence } from './enginePersistence';

const node = (
  address: string,
  role: ValkeyNode['role'],
  persistence: ValkeyNode['persistence'],
): ValkeyNode => ({
  id: address,
  address,
  role,
  health: 'healthy',
  flags: [],
  persistence,
});

describe('enginePersistence', () => {
  it('does not take the start time of a node that never saved for a save', () => {
    const started = 1_700_000_000;
    const saved = 1_700_000_500;
    const summary = enginePersistence([
      node('a:1', 'primary', {
        rdbSaves: 0,
        rdbLastSaveTime: started,
        rdbLastBgsaveStatus: 'ok',
        aofEnabled: false,
      }),
      node('b:1', 'primary', {
        rdbSaves: 3,
        rdbLastSaveTime: saved,
        rdbLastBgsaveStatus: 'ok',
        aofEnabled: true,
      }),
      node('c:1', 'replica', { rdbSaves: 0, rdbLastSaveTime: started }),
    ]);
    expect(summary).toEqual({
      nodes: 3,
      oldestRdbSaveTime: new Date(saved * 1000).toISOString(),
      unsavedNodes: ['a:1', 'c:1'],
      rdbFailingNodes: [],
      aofEnabledNodes: 1,
      aofFailingNodes: [],
    });
  });

  it('gives no save time at all when no primary saved since start', () => {
    const summary = enginePersistence([
      node('a:1', 'primary', { rdbSaves: 0, rdbLastSaveTime: 1_700_000_000 }),
    ]);
    expect(summary.oldestRdbSaveTime).toBeUndefined();
    expect(summary.unsavedNodes).toEqual(['a:1']);
  });
});
