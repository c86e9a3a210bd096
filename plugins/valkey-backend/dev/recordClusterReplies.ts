/* eslint-disable no-console */
/**
 * Records what the cluster probe's discovery collects from real valkey-server
 * processes (a 6-node cluster on loopback with the chart's monitoring user),
 * as JSON fixtures for the pure interpretation's tests:
 *   cluster-frozen-seed.json      the seed frozen (SIGSTOP), FAIL agreed, failover held back
 *   cluster-after-failover.json   the same, after its replica took over
 *   cluster-migrating-slot.json   one slot MIGRATING/IMPORTING between two primaries
 * Run in this package:
 *   node --require @backstage/cli/config/nodeTransform.cjs dev/recordClusterReplies.ts
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  parseInfo,
  startCluster,
  waitUntil,
} from '@valkey-backstage/valkey-local';
import {
  MONITOR_PASSWORD,
  MONITOR_USER,
  monitoringUserLine,
} from '../src/__testUtils__/chartMonitoringAcl';
import {
  ClusterReplies,
  collectClusterReplies,
  reportedAddresses,
} from '../src/probes/clusterDiscovery';
import { ProbeTarget } from '../src/probes/types';

const out = resolve(__dirname, '../src/probes/__fixtures__');

function write(name: string, replies: ClusterReplies) {
  writeFileSync(
    resolve(out, `${name}.json`),
    `${JSON.stringify(replies, null, 1)}\n`,
  );
  console.log(`${name}: ${replies.answers.length} answers`);
}

async function main() {
  const cluster = await startCluster({
    nodes: 6,
    replicasPerPrimary: 1,
    config: [monitoringUserLine('data')],
  });
  const [seed] = cluster.nodes;
  const target: ProbeTarget = {
    host: seed.host,
    port: seed.port,
    username: MONITOR_USER,
    password: MONITOR_PASSWORD,
    connectTimeoutMs: 500,
    commandTimeoutMs: 1000,
  };
  try {
    const healthy = await collectClusterReplies(target);
    const known = reportedAddresses(healthy.answers[0]);
    const withKnown: ProbeTarget = {
      ...target,
      fallbacks: {
        knownNodes: known,
        patternNodes: [],
        knownSentinels: [],
        patternSentinels: [],
      },
    };
    const nodesOf = async (address: string) =>
      (
        await cluster.nodes
          .find(n => n.address === address)!
          .cli(['CLUSTER', 'NODES'])
      ).trim();

    // Migrating slot: the first slot of the seed's shard moves to another primary.
    const seedId = (await seed.cli(['CLUSTER', 'MYID'])).trim();
    const lines = (await nodesOf(seed.address)).split('\n');
    const primaries = lines
      .map(l => l.split(' '))
      .filter(f => f[2].includes('master'));
    const other = primaries.find(f => f[0] !== seedId)!;
    const otherNode = cluster.nodes.find(
      n => n.address === other[1].split('@')[0],
    )!;
    const slot = (await nodesOf(seed.address))
      .split('\n')
      .find(l => l.includes('myself'))!
      .split(' ')[8]
      .split('-')[0];
    await seed.cli(['CLUSTER', 'SETSLOT', slot, 'MIGRATING', other[0]]);
    await otherNode.cli(['CLUSTER', 'SETSLOT', slot, 'IMPORTING', seedId]);
    write('cluster-migrating-slot', await collectClusterReplies(target));
    await seed.cli(['CLUSTER', 'SETSLOT', slot, 'STABLE']);
    await otherNode.cli(['CLUSTER', 'SETSLOT', slot, 'STABLE']);

    // Frozen seed, FAIL agreed by the other primaries, failover held back.
    const replicaLine = lines.find(l => l.split(' ')[3] === seedId)!;
    const replica = cluster.nodes.find(
      n => n.address === replicaLine.split(' ')[1].split('@')[0],
    )!;
    await replica.cli(['CONFIG', 'SET', 'cluster-replica-no-failover', 'yes']);
    // An idle new cluster's replica has not heard data from its primary for
    // long; without this it refuses to take over ("disconnected for longer
    // than allowed").
    await replica.cli([
      'CONFIG',
      'SET',
      'cluster-replica-validity-factor',
      '0',
    ]);
    seed.signal('SIGSTOP');
    try {
      await waitUntil(
        'the other primaries to flag the seed FAIL',
        async () =>
          (await replica.cli(['CLUSTER', 'NODES']))
            .split('\n')
            .some(
              l =>
                l.startsWith(seedId) &&
                l.split(' ')[2].split(',').includes('fail'),
            ),
        20_000,
      );
      write('cluster-frozen-seed', await collectClusterReplies(withKnown));
      await replica.cli(['CONFIG', 'SET', 'cluster-replica-no-failover', 'no']);
      await waitUntil(
        'the replica to take over',
        async () =>
          parseInfo(await replica.cli(['INFO', 'replication'])).role ===
            'master' &&
          parseInfo(await replica.cli(['CLUSTER', 'INFO'])).cluster_state ===
            'ok',
        60_000,
      );
      write('cluster-after-failover', await collectClusterReplies(withKnown));
    } finally {
      seed.signal('SIGCONT');
    }
  } finally {
    await cluster.destroy();
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
