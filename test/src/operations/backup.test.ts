/*
 * Scenario 6: the backup CronJob's backup.sh and the restore init container's
 * restore.sh, as rendered, on loopback: standalone and Sentinel backups with
 * retention, a cluster backup of every primary (after a reshard, so its slot
 * ranges are not the ones --cluster create assigns), and restores of those
 * sets into empty instances.
 */
import { join } from 'node:path';
import {
  backupSets,
  fileSize,
  latestSet,
  manifestShards,
  rdbKeyCount,
} from './lib/backupSets';
import { ChartSentinel } from './lib/chartSentinel';
import { reshardedCluster, restoredCluster } from './lib/reshardedCluster';
import {
  countClusterKeys,
  countKeys,
  parseClusterNodes,
  writeKeys,
} from './lib/keys';
import { report, seconds } from './lib/report';

jest.setTimeout(300_000);

const HOST = '127.0.0.1';

describe('backup and restore with the chart scripts', () => {
  const cleanup: Array<{ destroy(): Promise<void> }> = [];
  afterAll(async () => {
    for (const h of cleanup.reverse()) await h.destroy();
  });

  it('6a. standalone: each backup is a non-empty RDB, only backup.retention sets are kept, and a restore into an empty instance brings every key back', async () => {
    const KEYS = 5000;
    const src = await ChartSentinel.create(
      { mode: 'standalone', 'backup.enabled': true, 'backup.retention': 2 },
      1,
      0,
    );
    cleanup.push(src);
    await src.startData(0);
    await writeKeys(
      { host: HOST, port: src.data[0].port },
      'b',
      KEYS,
      src.password,
    );

    const started = Date.now();
    for (let i = 0; i < 3; i++) {
      const r = await src.runBackup();
      expect(r.stderr).toContain('complete');
      expect(r.code).toBe(0);
    }
    const took = Date.now() - started;
    const sets = backupSets(src.backupDir);
    expect(sets).toHaveLength(2);
    expect(latestSet(src.backupDir)).toBe(sets[1]);
    for (const s of sets) {
      const rdb = join(src.backupDir, s, 'dump.rdb');
      expect(fileSize(rdb)).toBeGreaterThan(0);
      expect(await rdbKeyCount(rdb)).toBe(KEYS);
    }
    report(
      `backup standalone: 3 runs, ${
        sets.length
      } sets kept (retention 2), ${KEYS} keys per RDB, ${seconds(
        took / 3,
      )} s per backup`,
    );

    const restoreStarted = Date.now();
    const dst = await ChartSentinel.create(
      {
        mode: 'standalone',
        'backup.restore.enabled': true,
        'backup.storage.existingClaim': 'ops-backups',
      },
      1,
      0,
    );
    cleanup.push(dst);
    dst.backupDir = src.backupDir;
    await dst.startData(0);
    expect(dst.restoreLogs.get(0)).toContain(
      `restored ${join(src.backupDir, sets[1], 'dump.rdb')}`,
    );
    const back = await countKeys(
      { host: HOST, port: dst.data[0].port },
      'b',
      KEYS,
      dst.password,
    );
    expect(back).toBe(KEYS);
    report(
      `restore standalone: ${back}/${KEYS} keys back in ${seconds(
        Date.now() - restoreStarted,
      )} s`,
    );
  });

  it('6b. Sentinel: backups of the source pod are non-empty RDBs with retention; a restore into a new Sentinel group brings every key back', async () => {
    const KEYS = 5000;
    const src = await ChartSentinel.create({
      'backup.enabled': true,
      'backup.retention': 1,
    });
    cleanup.push(src);
    await src.startAll();
    const primary = await src.waitForOnePrimary();
    await writeKeys(
      { host: HOST, port: primary.port },
      's',
      KEYS,
      src.password,
    );
    // the source (ordinal 0) may be a replica: wait until it has every key
    await src.waitForKeys(0, 's', KEYS);

    const started = Date.now();
    for (let i = 0; i < 2; i++) expect((await src.runBackup()).code).toBe(0);
    const took = Date.now() - started;
    const sets = backupSets(src.backupDir);
    expect(sets).toHaveLength(1);
    const rdb = join(src.backupDir, sets[0], 'dump.rdb');
    expect(fileSize(rdb)).toBeGreaterThan(0);
    expect(await rdbKeyCount(rdb)).toBe(KEYS);
    report(
      `backup sentinel: 2 runs, 1 set kept (retention 1), ${KEYS} keys in the RDB, ${seconds(
        took / 2,
      )} s per backup`,
    );

    const restoreStarted = Date.now();
    const dst = await ChartSentinel.create({
      'backup.restore.enabled': true,
      'backup.storage.existingClaim': 'ops-backups',
    });
    cleanup.push(dst);
    dst.backupDir = src.backupDir;
    await dst.startAll();
    const newPrimary = await dst.waitForOnePrimary();
    const back = await countKeys(
      { host: HOST, port: newPrimary.port },
      's',
      KEYS,
      dst.password,
    );
    expect(back).toBe(KEYS);
    for (const p of dst.data) await dst.waitForKeys(p.ordinal, 's', KEYS);
    report(
      `restore sentinel: ${back}/${KEYS} keys back on the primary and both replicas in ${seconds(
        Date.now() - restoreStarted,
      )} s`,
    );
  });

  it('6c. cluster: a backup holds every primary (key counts sum to the total) with the slot ranges; a restore into an empty cluster brings every key back on those ranges', async () => {
    const KEYS = 30_000;
    const { cluster: src, primaries: nodesBefore } = await reshardedCluster(
      { 'backup.enabled': true, 'backup.retention': 3 },
      'c',
      KEYS,
      c => cleanup.push(c),
    );

    const backup = await src.runBackup();
    expect(backup.stderr).toContain('backed up 3 primaries (16384 slots)');
    expect(backup.code).toBe(0);
    const set = latestSet(src.backupDir);
    const shards = manifestShards(join(src.backupDir, set));
    expect(shards).toHaveLength(3);
    let sum = 0;
    for (const s of shards) {
      const live = nodesBefore.find(n => n.id === s.node);
      expect(live).toBeDefined();
      expect(s.slots).toEqual(live!.slots);
      const n = await rdbKeyCount(join(src.backupDir, set, s.file));
      expect(n).toBeGreaterThan(0);
      sum += n;
    }
    expect(sum).toBe(KEYS);
    report(
      `backup cluster: 3 primaries, ${sum} keys (sum of the RDBs) after a 200-slot reshard, ${seconds(
        backup.seconds * 1000,
      )} s`,
    );

    const started = Date.now();
    const {
      cluster: dst,
      init,
      nodesText,
      primaries: restoredPrimaries,
    } = await restoredCluster(
      {
        'backup.restore.enabled': true,
        'backup.storage.existingClaim': 'ops-backups',
      },
      c => {
        cleanup.push(c);
        c.backupDir = src.backupDir;
      },
    );
    expect(init.stderr).toContain('cluster formed from the restored backup');
    const after = parseClusterNodes(nodesText);
    expect(restoredPrimaries).toHaveLength(3);
    expect(
      after
        .filter(n => n.flags.includes('slave'))
        .map(n => n.primaryId)
        .sort(),
    ).toEqual(restoredPrimaries.map(n => n.id).sort());
    // each backed-up shard's ranges are owned by the pod with that shard's ordinal
    for (const s of shards) {
      const pod = dst.pod(Number(s.ordinal));
      const owner = restoredPrimaries.find(n => n.address.port === pod.port);
      expect(owner?.slots).toEqual(s.slots);
    }
    expect((await dst.check()).clean).toBe(true);
    const back = await countClusterKeys(nodesText, 'c', KEYS, dst.password);
    expect(back).toBe(KEYS);
    report(
      `restore cluster: 3 primaries on the manifest's slot ranges + 3 replicas, ${back}/${KEYS} keys back in ${seconds(
        Date.now() - started,
      )} s`,
    );
  });
});
