/* eslint-disable no-console */
/**
 * `npm run bench`: status latency, throughput and Valkey-side load of the
 * status API on a real 6-node cluster started here. Prints numbers; asserts
 * nothing. Targets: warm p50 < 2 ms, cold p50 < 4x one `valkey-cli cluster
 * shards` round trip, >= 1,000 requests/s, the same Valkey command count for 1
 * and 100 viewers.
 */
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { Worker } from 'node:worker_threads';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  parseInfo,
  startCluster,
  Topology,
} from '@valkey-backstage/valkey-local';
import { valkeyPlugin } from '../src/plugin';
import {
  MONITOR_PASSWORD,
  MONITOR_USER,
  monitoringUserLine,
} from '../src/__testUtils__/chartMonitoringAcl';

const run = promisify(execFile);
const ENTITY = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: {
    name: 'bench-cache',
    namespace: 'default',
    annotations: {
      'valkey.backstage.io/instance': 'bench',
      'valkey.backstage.io/environments': 'bench',
      'valkey.backstage.io/mode': 'cluster',
    },
  },
  spec: { type: 'valkey', owner: 'team-a' },
};
const PATH =
  '/api/valkey/entities/default/resource/bench-cache/status?environment=bench';
const AUTH = mockCredentials.user.header();

async function startBackend(cluster: Topology, refreshIntervalSeconds: number) {
  const { server } = await startTestBackend({
    features: [
      valkeyPlugin,
      mockServices.rootConfig.factory({
        data: {
          valkey: {
            status: {
              refreshIntervalSeconds,
              connectTimeoutMs: 1000,
              commandTimeoutMs: 2000,
              environments: [
                {
                  name: 'bench',
                  instances: {
                    bench: { host: '127.0.0.1', port: cluster.nodes[0].port },
                  },
                  credentials: {
                    username: MONITOR_USER,
                    password: MONITOR_PASSWORD,
                  },
                },
              ],
            },
          },
        },
      }),
      catalogServiceMock.factory({ entities: [ENTITY] }),
    ],
  });
  const port = (server.address() as AddressInfo).port;
  return { server, port };
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 200 });

function get(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        path: PATH,
        agent,
        headers: { Authorization: AUTH },
      },
      res => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

async function timed(port: number): Promise<number> {
  const start = process.hrtime.bigint();
  const code = await get(port);
  if (code !== 200) throw new Error(`status ${code}`);
  return Number(process.hrtime.bigint() - start) / 1e6;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[
    Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))
  ];
}

const fmt = (ms: number) => `${ms.toFixed(2)} ms`;

async function commandCounts(
  cluster: Topology,
): Promise<Record<string, number>> {
  const total: Record<string, number> = {};
  for (const node of cluster.nodes) {
    const stats = parseInfo(await node.cli(['INFO', 'commandstats']));
    for (const [key, value] of Object.entries(stats)) {
      const name = key.replace(/^cmdstat_/, '');
      total[name] =
        (total[name] ?? 0) + Number(/calls=(\d+)/.exec(value)?.[1] ?? 0);
    }
  }
  return total;
}

async function resetStats(cluster: Topology) {
  await Promise.all(cluster.nodes.map(n => n.cli(['CONFIG', 'RESETSTAT'])));
}

/**
 * `viewers` clients asking in a loop for `seconds`, in a worker thread so the
 * load generator does not share the server's event loop; returns the number
 * of answers.
 */
function load(port: number, viewers: number, seconds: number): Promise<number> {
  const code = `
    const http = require('node:http');
    const { parentPort, workerData } = require('node:worker_threads');
    const { port, path, auth, viewers, seconds } = workerData;
    const agent = new http.Agent({ keepAlive: true, maxSockets: viewers });
    const get = () => new Promise((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port, path, agent, headers: { Authorization: auth } }, res => {
        res.resume();
        res.on('end', () => resolve(res.statusCode));
      });
      req.on('error', reject);
      req.end();
    });
    (async () => {
      const end = Date.now() + seconds * 1000;
      let done = 0;
      await Promise.all(Array.from({ length: viewers }, async () => {
        while (Date.now() < end) {
          if ((await get()) !== 200) throw new Error('non-200 answer');
          done++;
        }
      }));
      agent.destroy();
      parentPort.postMessage(done);
    })().catch(e => { throw e; });
  `;
  return new Promise((resolve, reject) => {
    const worker = new Worker(code, {
      eval: true,
      workerData: { port, path: PATH, auth: AUTH, viewers, seconds },
    });
    worker.once('message', resolve);
    worker.once('error', reject);
  });
}

async function main() {
  console.log(
    'valkey-backend bench: starting a 6-node cluster (3 primaries + 3 replicas)...',
  );
  const cluster = await startCluster({
    nodes: 6,
    replicasPerPrimary: 1,
    config: [monitoringUserLine('data')],
  });
  try {
    // One `valkey-cli cluster shards` round trip (process start included, as a user would run it).
    const cliTimes: number[] = [];
    for (let i = 0; i < 20; i++) {
      const start = process.hrtime.bigint();
      await run('valkey-cli', [
        '-h',
        '127.0.0.1',
        '-p',
        String(cluster.nodes[0].port),
        'cluster',
        'shards',
      ]);
      cliTimes.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
    const cliP50 = percentile(cliTimes, 50);

    // Cold: a cache TTL of 1 ms, so every request probes all 6 nodes.
    const cold = await startBackend(cluster, 0.001);
    for (let i = 0; i < 10; i++) await timed(cold.port);
    const coldTimes: number[] = [];
    for (let i = 0; i < 200; i++) {
      coldTimes.push(await timed(cold.port));
      await new Promise(r => setTimeout(r, 2));
    }
    cold.server.close();

    // Warm: served from Backstage's cache service.
    const warm = await startBackend(cluster, 600);
    for (let i = 0; i < 200; i++) await timed(warm.port);
    const warmTimes: number[] = [];
    for (let i = 0; i < 2000; i++) warmTimes.push(await timed(warm.port));

    // Throughput: 100 concurrent clients for 10 s on the warm backend.
    const throughputSeconds = 10;
    const answered = await load(warm.port, 100, throughputSeconds);
    warm.server.close();

    // Valkey-side commands in 10 s of load, 1 vs 100 viewers, each with a cold
    // cache and a 4 s refresh interval (so three probes fall in the window).
    const viewerCounts: Array<{
      viewers: number;
      requests: number;
      commands: Record<string, number>;
    }> = [];
    for (const viewers of [1, 100]) {
      const b = await startBackend(cluster, 4);
      await resetStats(cluster);
      const requests = await load(b.port, viewers, 10);
      const counts = await commandCounts(cluster);
      delete counts['config|resetstat'];
      viewerCounts.push({ viewers, requests, commands: counts });
      b.server.close();
    }

    console.log('');
    console.log(
      `valkey-cli cluster shards round trip: p50 ${fmt(cliP50)}, p99 ${fmt(
        percentile(cliTimes, 99),
      )} (20 runs)`,
    );
    console.log(
      `cold status (probe of 6 nodes each request): p50 ${fmt(
        percentile(coldTimes, 50),
      )}, p99 ${fmt(percentile(coldTimes, 99))} (200 requests)`,
    );
    console.log(
      `cold p50 / valkey-cli round trip: ${(
        percentile(coldTimes, 50) / cliP50
      ).toFixed(2)}x (target < 4x)`,
    );
    console.log(
      `warm status (cached): p50 ${fmt(percentile(warmTimes, 50))}, p99 ${fmt(
        percentile(warmTimes, 99),
      )} (2000 requests; target p50 < 2 ms)`,
    );
    console.log(
      `throughput, 100 concurrent clients, warm: ${Math.round(
        answered / throughputSeconds,
      )} requests/s (target >= 1000)`,
    );
    // ping and replconf are the nodes' own replication heartbeats (primary
    // PING every 10 s, replica REPLCONF ACK every second), not the backend's.
    const replicationOwn = new Set(['ping', 'replconf']);
    const fromBackend = (commands: Record<string, number>) =>
      Object.entries(commands)
        .filter(([k]) => !replicationOwn.has(k))
        .reduce((sum, [, v]) => sum + v, 0);
    for (const { viewers, requests, commands } of viewerCounts) {
      const total = Object.values(commands).reduce((a, b) => a + b, 0);
      const detail = Object.entries(commands)
        .sort()
        .map(([k, v]) => `${k}=${v}`)
        .join(' ');
      console.log(
        `Valkey commands in 10 s, ${viewers} viewer(s) (${requests} requests): ${fromBackend(
          commands,
        )} from the status backend, ${total} in all (${detail})`,
      );
    }
    const [one, hundred] = viewerCounts.map(v => fromBackend(v.commands));
    console.log(
      `same Valkey command count from the backend for 1 and 100 viewers: ${
        one === hundred ? 'yes' : 'no'
      } (${one} vs ${hundred})`,
    );
  } finally {
    agent.destroy();
    await cluster.destroy();
  }
}

main().then(
  () => process.exit(0),
  error => {
    console.error(error);
    process.exit(1);
  },
);
