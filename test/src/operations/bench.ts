/*
 * `npm run bench` (test workspace): Sentinel failover time and cluster scale-up
 * time, measured with the chart's rendered scripts on loopback Valkey processes.
 */
import { waitUntil } from '@valkey-backstage/valkey-local';
import { ChartCluster } from './lib/chartCluster';
import { ChartSentinel } from './lib/chartSentinel';
import { writeClusterKeys } from './lib/keys';
import { report, seconds } from './lib/report';

async function failover() {
  const h = await ChartSentinel.create();
  try {
    await h.startAll();
    const primary = await h.waitForOnePrimary();
    const killed = Date.now();
    await h.stopData(primary.ordinal, { kill: true });
    await waitUntil(
      'promotion',
      async () => {
        const named = await h.sentinelPrimaries();
        const port = Number(named[0]?.split(' ')[1]);
        const p = h.data.find(d => d.port === port && d !== primary);
        return (
          !!p &&
          named.every(n => n === named[0]) &&
          (await h.role(p)).role === 'master'
        );
      },
      60_000,
      100,
    );
    report(
      `bench failover: ${seconds(Date.now() - killed)} s (down-after ${
        h.downAfterMs
      } ms, failover-timeout ${h.failoverTimeoutMs} ms)`,
    );
  } finally {
    await h.destroy();
  }
}

async function scaleUp() {
  const c = await ChartCluster.create();
  try {
    await c.addPods(0, 6);
    await Promise.all([0, 1, 2, 3, 4, 5].map(i => c.startPod(i)));
    const init = await c.runJob('cluster-init');
    if (init.code !== 0) throw new Error(init.stderr);
    await c.waitForOk(6);
    await writeClusterKeys(await c.clusterNodes(), 'b', 10_000, c.password);
    const started = Date.now();
    await c.upgrade({ 'cluster.replicas': 8 });
    await c.addPods(6, 8);
    await Promise.all([6, 7].map(i => c.startPod(i)));
    const scale = await c.runJob('cluster-scale', {}, 600_000);
    if (scale.code !== 0) throw new Error(scale.stderr);
    await c.waitForOk(8);
    report(
      `bench cluster create: ${seconds(
        init.seconds * 1000,
      )} s; scale up 6 -> 8 with 10000 keys: ${seconds(
        Date.now() - started,
      )} s`,
    );
  } finally {
    await c.destroy();
  }
}

(async () => {
  await failover();
  await scaleUp();
})().catch(e => {
  // eslint-disable-next-line no-console
  console.error(e);
  process.exit(1);
});
