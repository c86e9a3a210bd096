/* eslint-disable no-console */
/**
 * Records real status documents as JSON fixtures for the frontend's tests:
 * starts real Valkey topologies on loopback (with the chart's monitoring user),
 * a stand-in Kubernetes API for the backup part, applies faults and writes what
 * the StatusService returned. Run: npm run record-fixtures (in this package).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { CronExpressionParser } from 'cron-parser';
import {
  startCluster,
  startReplicationGroup,
  startSentinelGroup,
  startValkeyServer,
} from '@valkey-backstage/valkey-local';
import { InstanceStatus } from '@valkey-backstage/plugin-valkey-common';
import {
  chartBackupCronJob,
  jobOf,
} from '../src/backup/__testUtils__/kubernetesObjects';
import { startFakeKubernetesApi } from '../src/backup/__testUtils__/fakeKubernetesApi';
import {
  MONITOR_PASSWORD,
  MONITOR_USER,
  monitoringUserLine,
} from '../src/__testUtils__/chartMonitoringAcl';
import {
  allNodes,
  statusServiceFor,
  statusUntil,
} from '../src/__testUtils__/statusHarness';

const out = resolve(__dirname, '../../valkey-common/src/__fixtures__/status');

function write(name: string, status: InstanceStatus) {
  mkdirSync(out, { recursive: true });
  writeFileSync(
    resolve(out, `${name}.json`),
    `${JSON.stringify(status, null, 2)}\n`,
  );
  console.log(`${name}: ${status.health} - ${status.summary}`);
}

const credentials = { username: MONITOR_USER, password: MONITOR_PASSWORD };
const timing = {
  refreshIntervalSeconds: 1,
  connectTimeoutMs: 1000,
  commandTimeoutMs: 1500,
};

/** Backup objects for release `orders`: the chart's CronJob and Jobs at its last scheduled times. */
function backupObjects(kind: 'fresh' | 'stale-failed') {
  const schedule = '0 2 * * *';
  const it = CronExpressionParser.parse(schedule, {
    currentDate: new Date(),
    tz: 'UTC',
  });
  const times = [it.prev(), it.prev(), it.prev(), it.prev()].map(d =>
    d.toDate().toISOString(),
  );
  if (kind === 'fresh') {
    const cronJob = chartBackupCronJob({
      lastSuccessfulTime: times[0].replace('00.000Z', '41Z'),
    });
    return [
      cronJob,
      jobOf(cronJob, times[0], 'succeeded'),
      jobOf(cronJob, times[1], 'succeeded'),
      jobOf(cronJob, times[2], 'succeeded'),
    ];
  }
  const cronJob = chartBackupCronJob({
    lastSuccessfulTime: times[3].replace('00.000Z', '39Z'),
  });
  return [
    cronJob,
    jobOf(cronJob, times[0], 'failed', 95),
    jobOf(cronJob, times[3], 'succeeded', 38),
  ];
}

async function withKubernetes<T>(
  kind: 'fresh' | 'stale-failed',
  fn: (kubernetes: {
    url: string;
    token: string;
    caData: string;
  }) => Promise<T>,
) {
  const token = 'fixture-token';
  const api = await startFakeKubernetesApi({
    token,
    objects: backupObjects(kind) as any,
  });
  try {
    return await fn({ url: api.url, token, caData: api.caData });
  } finally {
    await api.close();
  }
}

async function main() {
  const dataUser = monitoringUserLine('data');
  const sentinelUser = monitoringUserLine('sentinel');

  // Standalone
  {
    const server = await startValkeyServer({ config: [dataUser] });
    try {
      const make = () =>
        statusServiceFor({
          ...timing,
          environments: [
            {
              name: 'dev',
              namespace: 'orders',
              instances: { orders: { host: '127.0.0.1', port: server.port } },
              credentials,
            },
          ],
        });
      write(
        'standalone',
        await statusUntil(
          make,
          { instance: 'orders', environment: 'dev', mode: 'standalone' },
          () => true,
        ),
      );
      const wrong = () =>
        statusServiceFor({
          ...timing,
          environments: [
            {
              name: 'dev',
              namespace: 'orders',
              instances: { orders: { host: '127.0.0.1', port: server.port } },
              credentials: {
                username: MONITOR_USER,
                password: 'not-the-password',
              },
            },
          ],
        });
      write(
        'standalone-auth-failed',
        await statusUntil(
          wrong,
          { instance: 'orders', environment: 'dev', mode: 'standalone' },
          () => true,
        ),
      );
    } finally {
      await server.destroy();
    }
  }

  // Replication 1 + 2
  {
    const group = await startReplicationGroup({
      replicas: 2,
      config: [dataUser],
    });
    try {
      await group.nodes[0].cli(['SET', 'greeting', 'hello']);
      const make = () =>
        statusServiceFor({
          ...timing,
          environments: [
            {
              name: 'dev',
              namespace: 'orders',
              instances: {
                orders: { host: '127.0.0.1', port: group.nodes[0].port },
              },
              credentials,
            },
          ],
        });
      write(
        'replication',
        await statusUntil(
          make,
          { instance: 'orders', environment: 'dev', mode: 'replication' },
          s => allNodes(s).every(n => n.health === 'healthy'),
        ),
      );
    } finally {
      await group.destroy();
    }
  }

  // Sentinel 3 + 3: healthy with fresh backups, then 2 of 3 Sentinels stopped
  {
    const group = await startSentinelGroup({
      replicas: 2,
      sentinels: 3,
      config: [dataUser],
      sentinelConfig: [sentinelUser],
      downAfterMs: 1000,
    });
    try {
      const environment = (kubernetes?: { url: string; token: string }) => ({
        name: 'prod',
        namespace: 'orders',
        instances: {
          orders: {
            host: '127.0.0.1',
            port: group.nodes[0].port,
            sentinelHost: '127.0.0.1',
            sentinelPort: group.sentinels[0].port,
          },
        },
        credentials,
        ...(kubernetes ? { kubernetes } : {}),
      });
      const ask = {
        instance: 'orders',
        environment: 'prod',
        mode: 'sentinel' as const,
      };
      await withKubernetes('fresh', async kubernetes => {
        write(
          'sentinel',
          await statusUntil(
            () =>
              statusServiceFor({
                ...timing,
                environments: [environment(kubernetes)],
              }),
            ask,
            s => s.health === 'healthy',
          ),
        );
      });
      await group.sentinels[1].stop();
      await group.sentinels[2].stop();
      await withKubernetes('stale-failed', async kubernetes => {
        write(
          'sentinel-noquorum',
          await statusUntil(
            () =>
              statusServiceFor({
                ...timing,
                environments: [environment(kubernetes)],
              }),
            ask,
            s =>
              s.topology?.kind === 'sentinel' &&
              !s.topology.quorum.ok &&
              s.topology.sentinels.filter(n => n.stale).length === 2,
          ),
        );
      });
    } finally {
      await group.destroy();
    }
  }

  // Cluster of 6: healthy, a primary killed (failover), two primaries stopped (PFAIL)
  {
    const cluster = await startCluster({
      nodes: 6,
      replicasPerPrimary: 1,
      config: [dataUser],
    });
    try {
      const make = (kubernetes?: { url: string; token: string }) => () =>
        statusServiceFor({
          ...timing,
          environments: [
            {
              name: 'prod',
              namespace: 'orders',
              instances: {
                orders: { host: '127.0.0.1', port: cluster.nodes[0].port },
              },
              credentials,
              ...(kubernetes ? { kubernetes } : {}),
            },
          ],
        });
      const ask = {
        instance: 'orders',
        environment: 'prod',
        mode: 'cluster' as const,
      };
      const healthy = await withKubernetes('fresh', kubernetes =>
        statusUntil(make(kubernetes), ask, s => s.health === 'healthy'),
      );
      write('cluster-healthy', healthy);

      const primaries = cluster.nodes.filter(
        n =>
          healthy.topology?.kind === 'cluster' &&
          healthy.topology.shards.some(s => s.nodes[0].address === n.address),
      );
      const victim = primaries.find(p => p.port !== cluster.nodes[0].port)!;
      victim.signal('SIGKILL');
      write(
        'cluster-failed-primary',
        await statusUntil(
          make(),
          ask,
          s =>
            s.topology?.kind === 'cluster' &&
            s.topology.state === 'ok' &&
            s.topology.coverage.every(r => r.state === 'ok') &&
            s.topology.shards.some(
              sh =>
                sh.nodes.some(
                  n => n.address === victim.address && n.flags.includes('fail'),
                ) &&
                sh.nodes[0].role === 'primary' &&
                sh.nodes[0].health === 'healthy',
            ),
        ),
      );
      await victim.restart();
      await statusUntil(
        make(),
        ask,
        s => allNodes(s).every(n => n.health === 'healthy'),
        60_000,
      );

      const current = await make()().status(
        'resource:default/orders',
        'orders',
        'prod',
        'cluster',
      );
      const primaryAddresses =
        current.topology?.kind === 'cluster'
          ? current.topology.shards.map(s => s.nodes[0].address)
          : [];
      const stopped = cluster.nodes
        .filter(
          n =>
            primaryAddresses.includes(n.address) &&
            n.port !== cluster.nodes[0].port,
        )
        .slice(0, 2);
      for (const node of stopped) node.signal('SIGSTOP');
      try {
        write(
          'cluster-pfail',
          await statusUntil(make(), ask, s =>
            stopped.every(st =>
              allNodes(s).some(
                n => n.address === st.address && n.flags.includes('fail?'),
              ),
            ),
          ),
        );
      } finally {
        for (const node of stopped) node.signal('SIGCONT');
      }
    } finally {
      await cluster.destroy();
    }
  }
}

main().then(
  () => process.exit(0),
  error => {
    console.error(error);
    process.exit(1);
  },
);
