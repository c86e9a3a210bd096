/** Operations an owning team runs on an instance from the entity page or through the actions registry. */
export type OperationKind = 'backup' | 'failover';

/** Body of `POST .../operations/backup`. */
export interface BackupNowRequest {
  environment: string;
}

/** Body of `POST .../operations/failover`. */
export interface FailoverRequest {
  environment: string;
  /**
   * Cluster mode: the address (`host:port` as the status shows it) of the
   * replica that takes over its shard. Not used for Sentinel, where Sentinel
   * picks the replica.
   */
  replica?: string;
}

/** What an accepted operation did; a refused one is an HTTP error with the reason. */
export interface OperationResult {
  operation: OperationKind;
  entityRef: string;
  environment: string;
  /** One sentence of what happened, e.g. "Started backup Job orders-valkey-backup-manual-x7k2p". */
  message: string;
  /** Backup now: the Job that was created. */
  jobName?: string;
  /** Failover: the primary before the failover (`host:port`). */
  previousPrimary?: string;
  /** Cluster failover: the replica asked to take over. */
  replica?: string;
  /** ISO time the operation was started. */
  startedAt: string;
}
