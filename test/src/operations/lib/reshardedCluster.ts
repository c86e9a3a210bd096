/*
 * The clusters of the cluster backup tests. Source: 6 pods (3 primaries + 3
 * replicas) formed by the chart's cluster-init Job, `keys` keys written, then
 * 200 slots moved so the slot ranges differ from what --cluster create assigns.
 * Target: 6 empty pods started with the restore init containers, then the
 * cluster-init Job.
 */
import { valkeyCli } from '@valkey-backstage/valkey-local';
import { ChartCluster } from './chartCluster';
import { ClusterNode, parseClusterNodes, writeClusterKeys } from './keys';
import { ScriptResult } from './scripts';

export async function reshardedCluster(
  values: Record<string, string | number | boolean>,
  prefix: string,
  keys: number,
  adopt: (c: ChartCluster) => void,
): Promise<{ cluster: ChartCluster; primaries: ClusterNode[] }> {
  const { cluster } = await formedCluster(values, adopt);
  await writeClusterKeys(
    await cluster.clusterNodes(),
    prefix,
    keys,
    cluster.password,
  );
  const before = parseClusterNodes(await cluster.clusterNodes()).filter(n =>
    n.flags.includes('master'),
  );
  const p0 = cluster.pod(0);
  await valkeyCli(
    { host: p0.host, port: p0.port },
    [
      '--cluster',
      'reshard',
      `${p0.host}:${p0.port}`,
      '--cluster-from',
      before[0].id,
      '--cluster-to',
      before[1].id,
      '--cluster-slots',
      '200',
      '--cluster-yes',
    ],
    { password: cluster.password },
    120_000,
  );
  await cluster.waitForOk(6);
  const primaries = parseClusterNodes(await cluster.clusterNodes()).filter(
    n => n.flags.includes('master') && n.slots.length > 0,
  );
  return { cluster, primaries };
}

/** A new cluster restored from a backup (`values` enable the restore); `adopt` registers it before it starts. */
export async function restoredCluster(
  values: Record<string, string | number | boolean>,
  adopt: (c: ChartCluster) => void,
): Promise<{
  cluster: ChartCluster;
  init: ScriptResult;
  nodesText: string;
  primaries: ClusterNode[];
}> {
  const { cluster, init } = await formedCluster(values, adopt);
  const nodesText = await cluster.clusterNodes();
  const primaries = parseClusterNodes(nodesText).filter(
    n => n.flags.includes('master') && n.slots.length > 0,
  );
  return { cluster, init, nodesText, primaries };
}

/** 6 pods started (init containers included), then the cluster-init Job; throws when it fails. */
async function formedCluster(
  values: Record<string, string | number | boolean>,
  adopt: (c: ChartCluster) => void,
): Promise<{ cluster: ChartCluster; init: ScriptResult }> {
  const cluster = await ChartCluster.create(values);
  adopt(cluster);
  await cluster.addPods(0, 6);
  await Promise.all([0, 1, 2, 3, 4, 5].map(i => cluster.startPod(i)));
  const init = await cluster.runJob('cluster-init');
  if (init.code !== 0) throw new Error(`cluster-init failed:\n${init.stderr}`);
  await cluster.waitForOk(6);
  return { cluster, init };
}
