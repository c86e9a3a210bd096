/* eslint-disable no-console */
/**
 * Records what the probes' discovery collects from real valkey-server
 * processes on loopback (with the chart's monitoring user), as JSON fixtures
 * for the tests of the pure interpretation (src/probes/__fixtures__):
 *   cluster-frozen-seed.json           6-node cluster, the seed frozen (SIGSTOP), FAIL agreed, failover held back
 *   cluster-after-failover.json        the same, after its replica took over
 *   cluster-migrating-slot.json        one slot MIGRATING/IMPORTING between two primaries
 *   replication-frozen-primary.json    primary + 2 replicas, the primary frozen, replicas known
 *   sentinel-frozen-first.json         3 Sentinels, the configured one frozen, the next answers
 * Run in this package:
 *   node --require @backstage/cli/config/nodeTransform.cjs dev/recordProbeReplies.ts
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  parseInfo,
  startCluster,
  startReplicationGroup,
  startSentinelGroup,
  waitUntil,
} from '@valkey-backstage/valkey-local';
import {
  MONITOR_PASSWORD,
  MONITOR_USER,
  monitoringUserLine,
} from '../src/__testUtils__/chartMonitoringAcl';
import {
  collectClusterReplies,
  reportedAddresses,
} from '../src/probes/clusterDiscovery';
import { collectReplicationReplies } from '../src/probes/standaloneProbe';
import {
  collectSentinelReplies,
  SentinelReplies,
} from '../src/probes/sentinelProbe';
import { NO_FALLBACKS, ProbeTarget } from '../src/probes/types';

const out = resolve(__dirname, '../src/probes/__fixtures__');

function write(name: string, replies: object) {
  writeFileSync(
    resolve(out, `${name}.json`),
    `${JSON.stringify(replies, null, 1)}\n`,
  );
  console.log(`${name} written`);
}

const credentials = {
  username: MONITOR_USER,
  password: MONITOR_PASSWORD,
  connectTimeoutMs: 500,
  commandTimeoutMs: 1000,
};

async function recordReplication() {
  const group = await startReplicationGroup({
    replicas: 2,
    config: [monitoringUserLine('data')],
  });
  const [primary, ...replicas] = group.nodes;
  try {
    primary.signal('SIGSTOP');
    try {
      write(
        'replication-frozen-primary',
        await collectReplicationReplies({
          host: primary.host,
          port: primary.port,
          ...credentials,
          fallbacks: {
            ...NO_FALLBACKS,
            knownNodes: replicas.map(r => r.address),
          },
        }),
      );
    } finally {
      primary.signal('SIGCONT');
    }
  } finally {
    await group.destroy();
  }
}

async function recordSentinel() {
  const group = await startSentinelGroup({
    replicas: 2,
    sentinels: 3,
    config: [monitoringUserLine('data')],
    sentinelConfig: [monitoringUserLine('sentinel')],
  });
  const [first, ...others] = group.sentinels;
  try {
    first.signal('SIGSTOP');
    try {
      const replies: SentinelReplies = await collectSentinelReplies({
        host: group.nodes[0].host,
        port: group.nodes[0].port,
        sentinel: {
          host: first.host,
          port: first.port,
          primaryName: 'mymaster',
        },
        ...credentials,
        fallbacks: {
          ...NO_FALLBACKS,
          knownSentinels: others.map(o => o.address),
        },
      });
      write('sentinel-frozen-first', replies);
    } finally {
      first.signal('SIGCONT');
    }
  } finally {
    await group.destroy();
  }
}

async function main() {
  await recordReplication();
  await recordSentinel();
  await recordCluster();
}

async function recordCluster() {
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
      const replicaId = replicaLine.split(' ')[0];
      const live = cluster.nodes.filter(n => n !== seed);
      await waitUntil(
        'every live node to see the replica as the primary, cluster_state ok',
        async () => {
          for (const node of live) {
            const info = parseInfo(await node.cli(['CLUSTER', 'INFO']));
            if (info.cluster_state !== 'ok') return false;
            const line = (await node.cli(['CLUSTER', 'NODES']))
              .split('\n')
              .find(l => l.startsWith(replicaId));
            if (!line?.split(' ')[2].split(',').includes('master'))
              return false;
          }
          return true;
        },
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
