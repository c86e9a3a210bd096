/**
 * The topology timeline: changes the valkey backend's observer saw between two
 * successive views of one instance in one environment.
 */

export type TimelineEventKind =
  /** Another node became the primary (of the instance, or of a cluster shard). */
  | 'failover'
  /** A node stopped answering or is flagged as failed by its peers. */
  | 'node-failed'
  /** A node that was failed answers again. */
  | 'node-recovered'
  /** A node changed role without a failover of its own (e.g. a primary rejoined as replica). */
  | 'role-changed'
  /** Sentinel CKQUORUM stopped succeeding, or the cluster state went to fail. */
  | 'quorum-lost'
  /** Sentinel CKQUORUM succeeds again, or the cluster state is ok again. */
  | 'quorum-regained'
  /** Hash slots changed owner other than by a failover. */
  | 'slots-moved'
  /** A backup Job failed. */
  | 'backup-failed'
  /** No node of the instance answered. */
  | 'instance-unreachable'
  /** The instance answers again after being unreachable. */
  | 'instance-reachable';

/** One change, as the observer recorded it. */
export interface TimelineEvent {
  kind: TimelineEventKind;
  /** ISO time of the view that showed the change (its probe time). */
  at: string;
  /** ISO time of the view before it: the change happened between the two. */
  previousAt: string;
  /** One sentence, e.g. "127.0.0.1:6380 took over as primary from 127.0.0.1:6379". */
  summary: string;
  /** The node it concerns, `host:port`. */
  node?: string;
  /** Failover: the primary before and after. */
  previousPrimary?: string;
  newPrimary?: string;
  /** Cluster: the shard it concerns. */
  shardId?: string;
  /** Slots moved: how many. */
  slots?: number;
  /** Backup failed: the Job name. */
  backupRun?: string;
}

/** What `GET /entities/:namespace/:kind/:name/timeline?environment=` serves. */
export interface TimelineResponse {
  entityRef: string;
  environment: string;
  /** Newest first. */
  events: TimelineEvent[];
  /** How often the observer looks, seconds. */
  intervalSeconds: number;
  /** Events older than this many days are deleted. */
  retentionDays: number;
  /** ISO time of the newest view the observer recorded; absent before the first. */
  observedAt?: string;
}
