/*
 * TLS run live: the rendered chart scripts with tls.enabled, tls.disablePlaintext
 * and tls.authClients=yes, certificates made by the test (a CA and one
 * certificate for 127.0.0.1), against real valkey-server / Sentinel processes:
 * replication over TLS, a Sentinel failover, a backup, cluster formation with
 * the cluster bus on TLS, and plaintext or a client without certificate refused.
 */
import { connect as tlsConnect } from 'node:tls';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { valkeyCli, waitUntil } from '@valkey-backstage/valkey-local';
import { backupSets, fileSize, rdbKeyCount } from './lib/backupSets';
import { ChartCluster } from './lib/chartCluster';
import { ChartSentinel } from './lib/chartSentinel';
import { countKeys, writeKeys } from './lib/keys';
import { report, seconds } from './lib/report';

jest.setTimeout(300_000);

const HOST = '127.0.0.1';
const KEYS = 2000;

/** PING with TLS but without a client certificate: the reply, or the error. */
function pingWithoutClientCert(port: number, caFile: string): Promise<string> {
  return new Promise(resolve => {
    const socket = tlsConnect({ host: HOST, port, ca: readFileSync(caFile) });
    let out = '';
    const done = (s: string) => {
      socket.destroy();
      resolve(s);
    };
    socket.on('secureConnect', () => socket.write('*1\r\n$4\r\nPING\r\n'));
    socket.on('data', d => {
      out += d;
      if (out.includes('\r\n')) done(out.trim());
    });
    socket.on('error', e => done(`error: ${e.message}`));
    socket.on('close', () => done(out.trim() || 'closed'));
    setTimeout(() => done(out.trim() || 'timeout'), 5000);
  });
}

const config = (out: string) => out.trim().split('\n')[1];
const TLS_ONLY = {
  'tls.enabled': true,
  'tls.existingSecret': 'ops-tls',
  'tls.disablePlaintext': true,
  'tls.authClients': 'yes',
};

describe('TLS on, with the chart scripts: Sentinel failover and a backup', () => {
  let h: ChartSentinel;

  beforeAll(async () => {
    h = await ChartSentinel.create({ ...TLS_ONLY, 'backup.enabled': true });
    await h.startAll();
  });
  afterAll(async () => {
    await h?.destroy();
  });

  it('8a. replication runs over TLS and the data pods serve only TLS', async () => {
    const primary = await h.waitForOnePrimary();
    for (const p of h.data) {
      expect(config(await h.cli(p.port, ['CONFIG', 'GET', 'port']))).toBe('0');
      expect(config(await h.cli(p.port, ['CONFIG', 'GET', 'tls-port']))).toBe(
        String(p.port),
      );
    }
    const replicas = h.data.filter(p => p !== primary);
    for (const r of replicas)
      expect(
        config(await h.cli(r.port, ['CONFIG', 'GET', 'tls-replication'])),
      ).toBe('yes');
    await waitUntil(
      'both replicas linked over TLS',
      async () =>
        (
          await Promise.all(replicas.map(r => h.role(r)))
        ).every(i => i.master_link_status === 'up'),
      30_000,
      200,
    );
  });

  it('8b. plaintext and a TLS client without certificate are refused (tls.disablePlaintext, tls.authClients=yes)', async () => {
    for (const p of [...h.data, ...h.sentinels]) {
      const plain = await valkeyCli({ host: HOST, port: p.port }, ['PING'], {
        password: h.password,
      }).catch(e => String(e));
      expect([p.name, plain.trim()]).not.toEqual([p.name, 'PONG']);
      const noCert = await pingWithoutClientCert(p.port, h.tls!.caFile);
      expect([p.name, noCert]).not.toEqual([
        p.name,
        expect.stringContaining('PONG'),
      ]);
      // the same client with the certificate gets through
      expect((await h.cli(p.port, ['PING'])).trim()).toBe('PONG');
    }
  });

  it('8c. a backup over TLS holds every key', async () => {
    const primary = await h.waitForOnePrimary();
    await writeKeys(h.address(primary), 't', KEYS, h.password);
    await waitUntil(
      'the backup source (ordinal 0) has every key',
      async () =>
        (await countKeys(h.address(h.data[0]), 't', KEYS, h.password)) === KEYS,
      30_000,
      200,
    );
    const started = Date.now();
    const r = await h.runBackup();
    expect(r.stderr).not.toMatch(/ERROR/);
    expect(r.code).toBe(0);
    const sets = backupSets(h.backupDir);
    expect(sets).toHaveLength(1);
    const rdb = join(h.backupDir, sets[0], 'dump.rdb');
    expect(fileSize(rdb)).toBeGreaterThan(0);
    expect(await rdbKeyCount(rdb)).toBe(KEYS);
    report(
      `TLS backup (sentinel): ${KEYS} keys in the RDB, ${seconds(
        Date.now() - started,
      )} s`,
    );
  });

  it('8d. the Sentinels fail over over TLS, no key is lost, and the old primary rejoins as a replica', async () => {
    const old = await h.waitForOnePrimary();
    const killed = Date.now();
    await h.stopData(old.ordinal, { kill: true });
    const next = await h.waitForPromotion(old);
    const took = Date.now() - killed;
    expect(await countKeys(h.address(next), 't', KEYS, h.password)).toBe(KEYS);

    const init = await h.startData(old.ordinal);
    expect(init.stderr).toContain('Sentinels report primary');
    const primary = await h.waitForOnePrimary();
    expect(primary.ordinal).toBe(next.ordinal);
    await waitUntil(
      'the old primary has every key again',
      async () =>
        (await countKeys(h.address(old), 't', KEYS, h.password)) === KEYS,
      30_000,
      200,
    );
    report(
      `TLS failover (sentinel, TLS only, client certificates required): ordinal ${
        next.ordinal
      } promoted in ${seconds(
        took,
      )} s, ${KEYS}/${KEYS} keys, the old primary rejoined as a replica`,
    );
  });
});

describe('TLS on, with the chart scripts: cluster formation over the TLS cluster bus', () => {
  let c: ChartCluster;

  beforeAll(async () => {
    c = await ChartCluster.create(TLS_ONLY);
    await c.addPods(0, 6);
    await Promise.all([0, 1, 2, 3, 4, 5].map(i => c.startPod(i)));
  });
  afterAll(async () => {
    await c?.destroy();
  });

  it('8e. cluster-init forms 3 primaries + 3 replicas over TLS; client port and bus speak only TLS', async () => {
    const started = Date.now();
    const init = await c.runJob('cluster-init');
    expect(init.stderr).toContain('cluster formed');
    expect(init.code).toBe(0);
    await c.waitForOk(6);
    const check = await c.check();
    expect(check.out).toContain('[OK] All 16384 slots covered.');
    expect(check.clean).toBe(true);
    const tookS = (Date.now() - started) / 1000;
    for (const i of [0, 1, 2, 3, 4, 5]) {
      expect(config(await c.cli(i, ['CONFIG', 'GET', 'tls-cluster']))).toBe(
        'yes',
      );
      expect(config(await c.cli(i, ['CONFIG', 'GET', 'port']))).toBe('0');
      const p = c.pod(i);
      const plain = await valkeyCli({ host: p.host, port: p.port }, ['PING'], {
        password: c.password,
      }).catch(e => String(e));
      expect(plain.trim()).not.toBe('PONG');
      // the cluster bus refuses a plaintext peer too
      const bus = await valkeyCli({ host: p.host, port: p.port + 10000 }, [
        'PING',
      ]).catch(e => String(e));
      expect(bus.trim()).not.toBe('PONG');
    }
    // keys written over TLS, following MOVED to the slot owner (the nodes
    // announce pod DNS names, so the port names the pod here)
    for (let k = 0; k < 20; k++) {
      let out = await c.cli(0, ['SET', `tls:${k}`, String(k)]);
      const moved = /MOVED \d+ \S+:(\d+)/.exec(out);
      if (moved) {
        const owner = [...c.pods.values()].find(
          p => p.port === Number(moved[1]),
        )!;
        out = await c.cli(owner.ordinal, ['SET', `tls:${k}`, String(k)]);
      }
      expect(out.trim()).toBe('OK');
    }
    const total = (
      await Promise.all(
        [0, 1, 2, 3, 4, 5].map(async i => {
          const info = await c.cli(i, ['INFO', 'replication']);
          if (!info.includes('role:master')) return 0;
          return Number((await c.cli(i, ['DBSIZE'])).trim());
        }),
      )
    ).reduce((a, b) => a + b, 0);
    expect(total).toBe(20);
    report(
      `TLS cluster (TLS only, client certificates required, tls-cluster yes): 6 nodes formed in ${seconds(
        tookS * 1000,
      )} s, 20 keys written to their slot owners over TLS`,
    );
  });
});
