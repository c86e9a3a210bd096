import { InstanceStatus } from '@valkey-backstage/plugin-valkey-common';

/** A replica that can take over its shard, as offered in the cluster failover choice. */
export interface ReplicaChoice {
  address: string;
  primary: string;
  /** e.g. "slots 0-5460". */
  slots: string;
  /** In sync: link up and lag known; otherwise why not. */
  notInSync?: string;
}

/** Every replica of a cluster status, shard by shard, with whether it is in sync. */
export function clusterReplicas(status: InstanceStatus): ReplicaChoice[] {
  if (status.topology?.kind !== 'cluster') return [];
  return status.topology.shards.flatMap(shard => {
    const primary = shard.nodes.find(n => n.role === 'primary');
    const slots = shard.slots.length
      ? `slots ${shard.slots
          .map(r => (r.start === r.end ? `${r.start}` : `${r.start}-${r.end}`))
          .join(', ')}`
      : 'no slots';
    return shard.nodes
      .filter(n => n.role === 'replica')
      .map(n => {
        let notInSync: string | undefined;
        if (n.replication?.linkStatus !== 'up')
          notInSync = 'link to its primary is down';
        else if (n.replication.lagBytes === undefined)
          notInSync = 'lag not known';
        return {
          address: n.address,
          primary: primary?.address ?? 'unknown',
          slots,
          ...(notInSync ? { notInSync } : {}),
        };
      });
  });
}

/** What "Back up now" will do, in the words of the confirmation dialog. */
export function backupText(status: InstanceStatus, instance: string): string {
  const schedule = status.backup?.cronJobName
    ? ` from its backup schedule (${status.backup.cronJobName})`
    : '';
  return `Starts a backup of ${instance} in ${status.environment} now${schedule}. It runs like a scheduled backup, is kept under the same retention, and the card shows it as it runs and when it ends. Reads and writes continue while it runs.`;
}

/** What "Fail over" will do, for Sentinel or for the chosen cluster replica. */
export function failoverText(
  status: InstanceStatus,
  instance: string,
  replica?: ReplicaChoice,
): string {
  const topology = status.topology;
  if (topology?.kind === 'sentinel') {
    return `Sentinel promotes an in-sync replica of ${instance} in ${
      status.environment
    } to primary; the current primary ${
      topology.primary?.address ?? ''
    } becomes a replica. Clients that ask Sentinel for the primary reconnect to the new one; writes pause for a few seconds.`;
  }
  if (topology?.kind === 'cluster' && replica) {
    return `${replica.address} takes over its shard (${replica.slots}) from ${replica.primary} in a coordinated failover that loses no acknowledged writes; ${replica.primary} becomes its replica. Clients are redirected to the new primary; writes to that shard pause briefly.`;
  }
  return '';
}
