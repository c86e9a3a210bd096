/*
 * Scenarios 1-4 on a cluster whose nodes and Jobs run the chart's rendered scripts:
 * create (and re-run init), scale up 6 -> 8, refuse an unsafe scale-down, scale
 * down 8 -> 6 safely, and a restart of every node on a new address.
 */
import { valkeyCli } from '@valkey-backstage/valkey-local';
import { ChartCluster } from './lib/chartCluster';
import {
  countClusterKeys,
  parseClusterNodes,
  writeClusterKeys,
} from './lib/keys';
import { report, seconds } from './lib/report';

jest.setTimeout(600_000);

const KEYS = 10_000;

function topology(text: string) {
  const nodes = parseClusterNodes(text).filter(
    n => !n.flags.includes('fail') && !n.flags.includes('noaddr'),
  );
  const primaries = nodes.filter(
    n => n.flags.includes('master') && n.slots.length > 0,
  );
  const replicas = nodes.filter(n => n.flags.includes('slave'));
  const slots = primaries.reduce(
    (sum, n) => sum + n.slots.reduce((s, [a, b]) => s + b - a + 1, 0),
    0,
  );
  const replicasOf = primaries.map(
    p => replicas.filter(r => r.primaryId === p.id).length,
  );
  return { nodes, primaries, replicas, slots, replicasOf };
}

describe('cluster operations with the chart scripts', () => {
  let cluster: ChartCluster;

  beforeAll(async () => {
    cluster = await ChartCluster.create();
    await cluster.addPods(0, 6);
    await Promise.all([0, 1, 2, 3, 4, 5].map(i => cluster.startPod(i)));
  });

  afterAll(async () => {
    await cluster?.destroy();
  });

  it('1. cluster-init forms 3 primaries + 3 replicas with all slots, and a second run changes nothing', async () => {
    const started = Date.now();
    const init = await cluster.runJob('cluster-init');
    expect(init.stderr).toContain('cluster formed');
    expect(init.code).toBe(0);
    await cluster.waitForOk(6);
    const t = topology(await cluster.clusterNodes());
    expect(t.primaries).toHaveLength(3);
    expect(t.replicas).toHaveLength(3);
    expect(t.replicasOf).toEqual([1, 1, 1]);
    expect(t.slots).toBe(16384);
    expect((await cluster.clusterInfo(0)).cluster_state).toBe('ok');
    const check = await cluster.check();
    expect(check.out).toContain('[OK] All 16384 slots covered.');
    expect(check.clean).toBe(true);
    report(
      `cluster create: 6 nodes -> 3 primaries + 3 replicas, 16384 slots in ${seconds(
        Date.now() - started,
      )} s`,
    );

    const before = await cluster.clusterNodes();
    const again = await cluster.runJob('cluster-init');
    expect(again.code).toBe(0);
    expect(again.stderr).toContain('nothing to do');
    const strip = (s: string) =>
      parseClusterNodes(s)
        .map(
          n =>
            `${n.id} ${n.flags.join(',')} ${n.primaryId} ${JSON.stringify(
              n.slots,
            )}`,
        )
        .sort();
    expect(strip(await cluster.clusterNodes())).toEqual(strip(before));
    report(
      `cluster init re-run: no change (${seconds(again.seconds * 1000)} s)`,
    );
  });

  it('2. scale up 6 -> 8: new nodes join, one replica per primary, slots rebalanced, 10,000 keys still readable', async () => {
    await writeClusterKeys(
      await cluster.clusterNodes(),
      'k',
      KEYS,
      cluster.password,
    );
    const started = Date.now();
    await cluster.upgrade({ 'cluster.replicas': 8 });
    await cluster.addPods(6, 8);
    await Promise.all([6, 7].map(i => cluster.startPod(i)));
    const scale = await cluster.runJob('cluster-scale');
    expect(scale.stderr).toContain('cluster reconciled to 8 nodes');
    expect(scale.code).toBe(0);
    await cluster.waitForOk(8);
    const scaleSeconds = (Date.now() - started) / 1000;
    const nodesText = await cluster.clusterNodes();
    const t = topology(nodesText);
    expect(t.primaries).toHaveLength(4);
    expect(t.replicasOf).toEqual([1, 1, 1, 1]);
    expect(t.slots).toBe(16384);
    // rebalanced: every primary holds about a quarter of the slots
    for (const p of t.primaries) {
      const owned = p.slots.reduce((s, [a, b]) => s + b - a + 1, 0);
      expect(Math.abs(owned - 4096)).toBeLessThan(200);
    }
    expect((await cluster.check()).clean).toBe(true);
    const readable = await countClusterKeys(
      nodesText,
      'k',
      KEYS,
      cluster.password,
    );
    expect(readable).toBe(KEYS);
    report(
      `scale up 6 -> 8: ${seconds(scaleSeconds * 1000)} s (scale job ${seconds(
        scale.seconds * 1000,
      )} s), ${readable}/${KEYS} keys readable`,
    );
  });

  it('3. the precheck refuses removing a primary with all its replicas; the safe path loses no key', async () => {
    // After the scale-up, ordinal 6 is a primary whose only replica is ordinal 7.
    await cluster.upgrade({ 'cluster.replicas': 6 });
    const refused = await cluster.runJob('cluster-precheck');
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(
      /UNSAFE: primary \w+ \(ordinal 6\) and all of its replicas are at ordinals >= 6: its slots would be lost/,
    );
    expect(refused.stderr).toMatch(
      /--cluster rebalance \S+ --cluster-weight \w+=0/,
    );
    report(
      `scale down 8 -> 6 with primary 6 + replica 7 removed: refused by the precheck (${seconds(
        refused.seconds * 1000,
      )} s)`,
    );

    // Safe path: do what the message says, then the precheck passes and the upgrade proceeds.
    const started = Date.now();
    const advice = refused.stderr.match(
      /valkey-cli --cluster rebalance (\S+) --cluster-weight (\S+)/,
    )!;
    const p0 = cluster.pod(0);
    await valkeyCli(
      { host: p0.host, port: p0.port },
      [
        '--cluster',
        'rebalance',
        `${p0.host}:${p0.port}`,
        '--cluster-weight',
        advice[2],
        '--cluster-yes',
      ],
      { password: cluster.password },
      180_000,
    );
    const passed = await cluster.runJob('cluster-precheck');
    expect(passed.stderr).toContain('scale check passed');
    expect(passed.code).toBe(0);
    await cluster.deletePod(7);
    await cluster.deletePod(6);
    const scale = await cluster.runJob('cluster-scale');
    expect(scale.code).toBe(0);
    await cluster.waitForOk(6);
    const nodesText = await cluster.clusterNodes();
    const t = topology(nodesText);
    expect(t.nodes).toHaveLength(6);
    expect(t.primaries).toHaveLength(3);
    expect(t.slots).toBe(16384);
    expect((await cluster.check()).clean).toBe(true);
    const readable = await countClusterKeys(
      nodesText,
      'k',
      KEYS,
      cluster.password,
    );
    expect(readable).toBe(KEYS);
    report(
      `scale down 8 -> 6 (safe path): ${seconds(
        Date.now() - started,
      )} s, ${readable}/${KEYS} keys readable`,
    );
  });

  it('4. every node restarted on a new address: the cluster comes back to ok by itself', async () => {
    const before = parseClusterNodes(await cluster.clusterNodes());
    const ordinals = [...cluster.pods.keys()];
    await Promise.all(ordinals.map(i => cluster.stopPod(i)));
    // New pod IPs: 127.0.0.1 -> 127.0.0.(11+n); the pod names (hosts file = DNS) follow.
    for (const i of ordinals) cluster.movePod(i, `127.0.0.${11 + i}`);
    const started = Date.now();
    await Promise.all(ordinals.map(i => cluster.startPod(i)));
    await cluster.waitForOk(6, 120_000);
    const after = parseClusterNodes(await cluster.clusterNodes());
    expect(after.map(n => n.id).sort()).toEqual(before.map(n => n.id).sort());
    for (const n of after) expect(n.address.host).toMatch(/^127\.0\.0\.1\d$/);
    expect((await cluster.check()).clean).toBe(true);
    const readable = await countClusterKeys(
      await cluster.clusterNodes(),
      'k',
      KEYS,
      cluster.password,
    );
    expect(readable).toBe(KEYS);
    report(
      `restart on new addresses: cluster_state:ok ${seconds(
        Date.now() - started,
      )} s after start, ${readable}/${KEYS} keys readable`,
    );
  });
});
