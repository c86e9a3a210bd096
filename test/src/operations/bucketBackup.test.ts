/*
 * Scenario 13: backups to an S3-compatible bucket and restores from it, with
 * the rendered chart scripts on loopback: backup.sh in the backup Job, then
 * its rclone `upload` container (backup-upload.sh); on restore the
 * `restore-download` init container (restore-download.sh), then restore.sh.
 * The bucket is s3rver speaking the S3 wire protocol; the client is rclone,
 * as in the chart's uploader image. Standalone (with retention in the bucket,
 * a second start keeping its data, a refusal on a volume with data unless
 * forced), an interrupted upload (never restored) and a set-name clash (never
 * overwritten), Sentinel, and a 3-shard cluster after a reshard.
 */
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseManifestShards, rdbKeyCount } from './lib/backupSets';
import { S3Bucket } from './lib/bucket';
import { renderedEnv, secretEnv } from './lib/chart';
import { podEnv } from './lib/pods';
import { ChartSentinel } from './lib/chartSentinel';
import { countClusterKeys, countKeys, writeKeys } from './lib/keys';
import { reshardedCluster, restoredCluster } from './lib/reshardedCluster';
import { report, seconds } from './lib/report';
import { runScript } from './lib/scripts';

jest.setTimeout(300_000);

const HOST = '127.0.0.1';
const STS = 'ops-valkey';

/** The UTC second `ms` ago as a set name (20260131T020000Z). */
function setNameAgo(ms: number) {
  return new Date(Date.now() - ms)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
}

describe('backup to and restore from an S3-compatible bucket with the chart scripts', () => {
  const cleanup: Array<{ destroy(): Promise<void> }> = [];
  let bucket: S3Bucket;
  beforeAll(async () => {
    bucket = await S3Bucket.start();
    cleanup.push(bucket);
  });
  afterAll(async () => {
    for (const h of cleanup.reverse()) await h.destroy();
  });
  /** A temp dir removed after the tests. */
  function tempDir(prefix: string) {
    const dir = mkdtempSync(join(tmpdir(), prefix));
    cleanup.push({
      destroy: async () => rmSync(dir, { recursive: true, force: true }),
    });
    return dir;
  }

  async function standalone(values: Record<string, string | number | boolean>) {
    const h = await ChartSentinel.create(
      { mode: 'standalone', ...values },
      1,
      0,
    );
    h.secrets = bucket.secrets;
    cleanup.push(h);
    return h;
  }

  it('13a. standalone: sets land in the bucket with a completion marker, retention prunes the bucket (count, age, stale interrupted sets; foreign keys untouched), and a restore into an empty instance brings every key back once; a volume with data is refused unless forced', async () => {
    const KEYS = 5000;
    const PREFIX = 'team-a/orders';
    const src = await standalone({
      'backup.enabled': true,
      'backup.retention': 2,
      'backup.retentionDays': 30,
      'backup.s3.incompleteGraceMinutes': 10,
      ...bucket.values(PREFIX),
    });
    await src.startData(0);
    await writeKeys(
      { host: HOST, port: src.data[0].port },
      'b',
      KEYS,
      src.password,
    );

    const oldComplete = '20200101T000000Z';
    const oldInterrupted = '20200102T000000Z';
    const recentInterrupted = setNameAgo(60_000);
    await bucket.put(`${PREFIX}/${oldComplete}/manifest.txt`, 'created old\n');
    await bucket.put(`${PREFIX}/${oldComplete}/COMPLETE`, 'complete old\n');
    await bucket.put(`${PREFIX}/${oldInterrupted}/dump.rdb`, 'partial');
    await bucket.put(`${PREFIX}/${recentInterrupted}/dump.rdb`, 'partial');
    await bucket.put(`${PREFIX}/README.txt`, 'not a backup set');

    const first = await src.runBackup();
    expect(first.stderr).toContain(`complete in s3://${bucket.name}/${PREFIX}`);
    expect(first.code).toBe(0);
    const afterFirst = await bucket.keys(PREFIX);
    // age (30 days) removed the old complete set although the count (2) would keep it
    expect(afterFirst.some(k => k.includes(oldComplete))).toBe(false);
    expect(afterFirst.some(k => k.includes(oldInterrupted))).toBe(false);
    expect(afterFirst).toContain(`${PREFIX}/${recentInterrupted}/dump.rdb`);
    expect(afterFirst).toContain(`${PREFIX}/README.txt`);

    const started = Date.now();
    const runs = [first];
    for (let i = 0; i < 2; i++) runs.push(await src.runBackup());
    for (const r of runs) expect(r.code).toBe(0);
    const took = (Date.now() - started) / 2;
    const sets = await bucket.completeSets(PREFIX);
    expect(sets).toHaveLength(2);
    const uploaded = runs.map(
      r => r.stderr.match(/uploading (\d{8}T\d{6}Z)/)![1],
    );
    expect(sets).toEqual(uploaded.slice(1));
    const keys = await bucket.keys(PREFIX);
    expect(keys.filter(k => k.startsWith(`${PREFIX}/${sets[1]}/`))).toEqual(
      ['COMPLETE', 'dump.rdb', 'manifest.txt'].map(
        f => `${PREFIX}/${sets[1]}/${f}`,
      ),
    );
    expect(await bucket.text(`${PREFIX}/${sets[1]}/manifest.txt`)).toContain(
      `destination s3 s3://${bucket.name}/${PREFIX}`,
    );
    const rdb = join(tempDir('ops-s3-get-'), 'dump.rdb');
    await bucket.get(`${PREFIX}/${sets[1]}/dump.rdb`, rdb);
    expect(await rdbKeyCount(rdb)).toBe(KEYS);
    report(
      `bucket backup standalone: ${KEYS} keys, ${seconds(
        took,
      )} s per backup + upload; 3 runs with retention 2 keep 2 complete sets`,
    );

    const restoreStarted = Date.now();
    const dst = await standalone({
      'backup.restore.enabled': true,
      ...bucket.values(PREFIX),
    });
    await dst.startData(0);
    expect(dst.restoreLogs.get(0)).toContain(`downloaded ${sets[1]}/dump.rdb`);
    const pod = { host: HOST, port: dst.data[0].port };
    expect(await countKeys(pod, 'b', KEYS, dst.password)).toBe(KEYS);
    report(
      `bucket restore standalone: ${KEYS}/${KEYS} keys back in ${seconds(
        Date.now() - restoreStarted,
      )} s (download + restore + start)`,
    );

    // A second start of the restored pod keeps its data (no new download).
    await dst.data[0].server!.stop();
    await dst.startData(0);
    expect(dst.restoreLogs.get(0)).toContain('restore already done');
    expect(dst.restoreLogs.get(0)).not.toMatch(/downloaded \d{8}T/);
    expect(await countKeys(pod, 'b', KEYS, dst.password)).toBe(KEYS);

    // A volume holding data the restore did not put there: refused, untouched.
    await dst.data[0].server!.stop();
    const dataDir = join(dst.data[0].dir, 'data');
    const marker = join(dataDir, '.valkey-restore');
    expect(existsSync(marker)).toBe(true);
    rmSync(marker);
    const before = statSync(join(dataDir, 'dump.rdb'));
    const env = (c: string) => ({
      ...dst.dataEnv(dst.data[0], c),
      ...secretEnv(dst.rendered.objects, 'StatefulSet', STS, c, dst.secrets),
    });
    const download = await runScript(
      dst.rendered.scriptsDir,
      'restore-download.sh',
      env('restore-download'),
    );
    expect(download.code).toBe(0);
    expect(download.stderr).toContain('nothing downloaded');
    const refused = await runScript(
      dst.rendered.scriptsDir,
      'restore.sh',
      env('restore'),
    );
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain(
      'restore refused: the data volume of ops-valkey-0 already holds dump.rdb',
    );
    expect(refused.stderr).toContain('backup.restore.force=true');
    const after = statSync(join(dataDir, 'dump.rdb'));
    expect([after.size, after.mtimeMs]).toEqual([before.size, before.mtimeMs]);

    // backup.restore.force=true replaces that data once, then marks the volume.
    const forced = { VALKEY_RESTORE_FORCE: 'true' };
    const forcedDownload = await runScript(
      dst.rendered.scriptsDir,
      'restore-download.sh',
      { ...env('restore-download'), ...forced },
    );
    expect(forcedDownload.stderr).toContain(`downloaded ${sets[1]}/dump.rdb`);
    const forcedRestore = await runScript(
      dst.rendered.scriptsDir,
      'restore.sh',
      { ...env('restore'), ...forced },
    );
    expect(forcedRestore.code).toBe(0);
    expect(forcedRestore.stderr).toContain('restored');
    expect(readFileSync(marker, 'utf8').trim()).toBe(sets[1]);
    const again = await runScript(dst.rendered.scriptsDir, 'restore.sh', {
      ...env('restore'),
      ...forced,
    });
    expect(again.stderr).toContain('restore already done');
  });

  it('13b. an upload interrupted before its completion marker is never restored: "latest" is the newest complete set, and naming the interrupted set is refused; an upload never overwrites a set the bucket holds', async () => {
    const PREFIX = 'interrupted';
    const src = await standalone({
      'backup.enabled': true,
      ...bucket.values(PREFIX),
    });
    await src.startData(0);
    const port = { host: HOST, port: src.data[0].port };
    await writeKeys(port, 'i', 1000, src.password);
    const good = await src.runBackup();
    expect(good.code).toBe(0);
    await writeKeys(port, 'i', 3000, src.password);

    // The connection drops when the marker is sent: rclone fails for COMPLETE.
    const shim = tempDir('ops-rclone-shim-');
    const rclone = join(shim, 'rclone');
    writeFileSync(
      rclone,
      `#!/bin/sh\ncase "$*" in *COMPLETE*) echo "connection reset by peer (injected)" >&2; exit 1 ;; esac\nPATH=${process.env.PATH} exec rclone "$@"\n`,
    );
    chmodSync(rclone, 0o755);
    const cut = await src.runBackup({ PATH: `${shim}:${process.env.PATH}` });
    expect(cut.code).not.toBe(0);
    expect(cut.stderr).toContain('writing the completion marker');
    const cutSet = cut.stderr.match(/uploading (\d{8}T\d{6}Z)/)![1];
    const goodSet = good.stderr.match(/uploading (\d{8}T\d{6}Z)/)![1];
    const keys = await bucket.keys(PREFIX);
    expect(keys).toContain(`${PREFIX}/${cutSet}/dump.rdb`);
    expect(keys).not.toContain(`${PREFIX}/${cutSet}/COMPLETE`);
    expect(await bucket.completeSets(PREFIX)).toEqual([goodSet]);

    const latest = await standalone({
      'backup.restore.enabled': true,
      ...bucket.values(PREFIX),
    });
    await latest.startData(0);
    expect(latest.restoreLogs.get(0)).toContain(
      `downloaded ${goodSet}/dump.rdb`,
    );
    expect(
      await countKeys(
        { host: HOST, port: latest.data[0].port },
        'i',
        3000,
        latest.password,
      ),
    ).toBe(1000);

    const named = await standalone({
      'backup.restore.enabled': true,
      'backup.restore.from': cutSet,
      ...bucket.values(PREFIX),
    });
    const p = named.data[0];
    const r = await runScript(
      named.rendered.scriptsDir,
      'restore-download.sh',
      {
        ...named.dataEnv(p, 'restore-download'),
        ...secretEnv(
          named.rendered.objects,
          'StatefulSet',
          STS,
          'restore-download',
          named.secrets,
        ),
      },
    );
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain(
      `backup set ${cutSet} in s3://${bucket.name}/${PREFIX} has no completion marker`,
    );
    expect(existsSync(join(p.dir, 'data', 'dump.rdb'))).toBe(false);

    // An upload whose set name the bucket already holds overwrites nothing.
    const marker = await bucket.text(`${PREFIX}/${goodSet}/COMPLETE`);
    const scratch = tempDir('ops-scratch-');
    mkdirSync(join(scratch, goodSet));
    writeFileSync(join(scratch, goodSet, 'manifest.txt'), 'created again\n');
    writeFileSync(join(scratch, goodSet, 'dump.rdb'), 'other data');
    writeFileSync(join(scratch, 'LATEST'), `${goodSet}\n`);
    const cronJob = 'ops-valkey-backup';
    const clash = await runScript(src.rendered.scriptsDir, 'backup-upload.sh', {
      ...podEnv(
        renderedEnv(src.rendered.objects, 'CronJob', cronJob, 'upload'),
        { '/backup': scratch, '/tmp': scratch },
        {},
      ),
      ...secretEnv(
        src.rendered.objects,
        'CronJob',
        cronJob,
        'upload',
        src.secrets,
      ),
    });
    expect(clash.code).not.toBe(0);
    expect(clash.stderr).toContain(
      `already holds objects of a set named ${goodSet}`,
    );
    expect(await bucket.text(`${PREFIX}/${goodSet}/COMPLETE`)).toBe(marker);
    expect(
      await bucket.text(`${PREFIX}/${goodSet}/manifest.txt`),
    ).not.toContain('created again');
  });

  it('13c. Sentinel: a backup of the source pod goes to the bucket; a restore into a new Sentinel group brings every key back on the primary and the replicas', async () => {
    const KEYS = 5000;
    const PREFIX = 'sentinel';
    const src = await ChartSentinel.create({
      'backup.enabled': true,
      ...bucket.values(PREFIX),
    });
    src.secrets = bucket.secrets;
    cleanup.push(src);
    await src.startAll();
    const primary = await src.waitForOnePrimary();
    await writeKeys(
      { host: HOST, port: primary.port },
      's',
      KEYS,
      src.password,
    );
    await src.waitForKeys(0, 's', KEYS);
    const backup = await src.runBackup();
    expect(backup.code).toBe(0);
    const [set] = await bucket.completeSets(PREFIX);
    expect(set).toBeDefined();
    report(
      `bucket backup sentinel: ${KEYS} keys, ${seconds(
        backup.seconds * 1000,
      )} s backup + upload`,
    );

    const started = Date.now();
    const dst = await ChartSentinel.create({
      'backup.restore.enabled': true,
      ...bucket.values(PREFIX),
    });
    dst.secrets = bucket.secrets;
    cleanup.push(dst);
    await dst.startAll();
    const newPrimary = await dst.waitForOnePrimary();
    for (const p of dst.data)
      expect(dst.restoreLogs.get(p.ordinal)).toContain(
        `downloaded ${set}/dump.rdb`,
      );
    expect(
      await countKeys(
        { host: HOST, port: newPrimary.port },
        's',
        KEYS,
        dst.password,
      ),
    ).toBe(KEYS);
    for (const p of dst.data) await dst.waitForKeys(p.ordinal, 's', KEYS);
    report(
      `bucket restore sentinel (3 + 3): ${KEYS}/${KEYS} keys on the primary and both replicas in ${seconds(
        Date.now() - started,
      )} s`,
    );
  });

  it("13d. cluster after a reshard: every primary's RDB and the slot manifest form one set with its marker; a restore into an empty cluster brings every key back on the manifest's slot ranges", async () => {
    const KEYS = 30_000;
    const PREFIX = 'cluster';
    const { cluster: src, primaries } = await reshardedCluster(
      { 'backup.enabled': true, ...bucket.values(PREFIX) },
      'c',
      KEYS,
      c => {
        c.secrets = bucket.secrets;
        cleanup.push(c);
      },
    );
    const backup = await src.runBackup();
    expect(backup.stderr).toContain('backed up 3 primaries (16384 slots)');
    expect(backup.code).toBe(0);
    const [set] = await bucket.completeSets(PREFIX);
    const keys = await bucket.keys(PREFIX);
    expect(keys).toEqual(
      [...primaries.map(n => `${n.id}.rdb`), 'COMPLETE', 'manifest.txt']
        .map(f => `${PREFIX}/${set}/${f}`)
        .sort(),
    );
    const manifest = await bucket.text(`${PREFIX}/${set}/manifest.txt`);
    report(
      `bucket backup cluster: 3 primaries, ${KEYS} keys after a 200-slot reshard, ${seconds(
        backup.seconds * 1000,
      )} s backup + upload`,
    );

    const started = Date.now();
    const {
      cluster: dst,
      init,
      nodesText,
      primaries: restored,
    } = await restoredCluster(
      { 'backup.restore.enabled': true, ...bucket.values(PREFIX) },
      c => {
        c.secrets = bucket.secrets;
        cleanup.push(c);
      },
    );
    expect(init.stderr).toContain('cluster formed from the restored backup');
    expect(restored).toHaveLength(3);
    for (const { ordinal, node, slots } of parseManifestShards(manifest)) {
      expect(dst.restoreLogs.get(Number(ordinal))).toContain(
        `downloaded ${set}/${node}.rdb`,
      );
      const owner = restored.find(
        n => n.address.port === dst.pod(Number(ordinal)).port,
      );
      expect(owner?.slots).toEqual(slots);
      expect(slots).toEqual(primaries.find(n => n.id === node)!.slots);
    }
    expect((await dst.check()).clean).toBe(true);
    expect(await countClusterKeys(nodesText, 'c', KEYS, dst.password)).toBe(
      KEYS,
    );
    report(
      `bucket restore cluster: 3 primaries on the manifest's slot ranges + 3 replicas, ${KEYS}/${KEYS} keys in ${seconds(
        Date.now() - started,
      )} s from pod start to cluster_state:ok`,
    );
  });
});
