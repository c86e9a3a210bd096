/**
 * The live status of one Valkey instance in one environment, as the valkey
 * backend serves it and the frontend cards show it. One JSON document per
 * (entity, environment). Every section can carry problems of its own, so a
 * failing probe degrades one section instead of the whole answer.
 */

/** Overall and per-item health. `unknown` when the probe could not tell. */
export type Health = 'healthy' | 'degraded' | 'down' | 'unknown';

export type ValkeyMode = 'standalone' | 'replication' | 'sentinel' | 'cluster';

/** The part of the status a problem affects. */
export type StatusSection =
  | 'connection'
  | 'topology'
  | 'replication'
  | 'cluster'
  | 'sentinel'
  | 'persistence'
  | 'backup';

export type ProblemKind =
  | 'no-permission'
  | 'auth-failed'
  | 'timeout'
  | 'unreachable'
  | 'protocol'
  | 'config'
  | 'unhealthy';

/** Something that went wrong or looks wrong, tied to the section it affects. */
export interface StatusProblem {
  section: StatusSection;
  kind: ProblemKind;
  /** Human sentence, e.g. "no permission for CLUSTER SHARDS on 10.0.0.3:6379". */
  message: string;
  /** The node (address) it concerns, when it concerns one. */
  node?: string;
  /** The Valkey command that failed, upper case, e.g. "CLUSTER SHARDS". */
  command?: string;
}

export type NodeRole = 'primary' | 'replica' | 'sentinel' | 'unknown';

/** Replication link of a replica to its primary. */
export interface ReplicaLink {
  /** Address of the primary this replica follows, `host:port`. */
  primaryAddress?: string;
  linkStatus: 'up' | 'down' | 'unknown';
  /** Seconds since the last I/O with the primary (`master_last_io_seconds_ago`). */
  lastIoSecondsAgo?: number;
  /** Seconds the link has been down (`master_link_down_since_seconds`). */
  linkDownSinceSeconds?: number;
  syncInProgress?: boolean;
  /** Primary offset minus replica offset, in bytes; undefined when not known. */
  lagBytes?: number;
}

/** Persistence state of one data node, from `INFO persistence`. */
export interface NodePersistence {
  /** Unix seconds of the last successful RDB save (`rdb_last_save_time`). */
  rdbLastSaveTime?: number;
  rdbLastBgsaveStatus?: 'ok' | 'err';
  rdbChangesSinceLastSave?: number;
  rdbBgsaveInProgress?: boolean;
  aofEnabled?: boolean;
  aofLastWriteStatus?: 'ok' | 'err';
  aofLastBgrewriteStatus?: 'ok' | 'err';
  loading?: boolean;
  /**
   * Successful RDB saves since the server started (`rdb_saves`). 0 means none
   * ran yet: then `rdbLastSaveTime` is the server's start time, not a save.
   */
  rdbSaves?: number;
}

/** What one data node's `INFO` says about its load (memory, keys, clients). */
export interface NodeRuntime {
  /** `used_memory`, bytes. */
  usedMemoryBytes?: number;
  /** `maxmemory`, bytes; 0 means no limit. */
  maxMemoryBytes?: number;
  /** `maxmemory_policy`, e.g. `noeviction`, `allkeys-lru`. */
  maxMemoryPolicy?: string;
  /** Keys evicted because of the memory limit since start (`evicted_keys`). */
  evictedKeys?: number;
  /** Keys removed because their TTL expired since start (`expired_keys`). */
  expiredKeys?: number;
  keyspaceHits?: number;
  keyspaceMisses?: number;
  /** `instantaneous_ops_per_sec`. */
  opsPerSecond?: number;
  connectedClients?: number;
  /** Clients waiting in a blocking command (`blocked_clients`). */
  blockedClients?: number;
  /** Connections refused because of the client limit (`rejected_connections`). */
  rejectedConnections?: number;
  /** `maxclients`. */
  maxClients?: number;
}

/** The runtime figures of all data nodes that reported them, added up. */
export interface RuntimeTotals {
  /** How many data nodes reported runtime figures. */
  nodes: number;
  usedMemoryBytes: number;
  /** Sum of the limits; absent when any node has no limit (maxmemory 0) or none reported it. */
  maxMemoryBytes?: number;
  evictedKeys: number;
  expiredKeys: number;
  keyspaceHits: number;
  keyspaceMisses: number;
  /** hits / (hits + misses); absent before the first lookup. */
  hitRatio?: number;
  opsPerSecond: number;
  connectedClients: number;
  blockedClients: number;
  rejectedConnections: number;
}

export interface ValkeyNode {
  /** Stable id: cluster node id, Sentinel run id, or the address. */
  id: string;
  /** `host:port` as configured or announced (hostname when announced). */
  address: string;
  role: NodeRole;
  health: Health;
  /** Raw flags, e.g. CLUSTER NODES flags (`fail?`, `fail`, `handshake`) or Sentinel flags. */
  flags: string[];
  /** True for entries a Sentinel still remembers but that are down/disconnected. */
  stale?: boolean;
  /**
   * False when the status backend could not get an answer from this node in
   * this probe (refused, timed out, closed); the rest of the entry then comes
   * from what the other nodes said about it. Absent when it answered.
   */
  unreachable?: boolean;
  availabilityZone?: string;
  version?: string;
  uptimeSeconds?: number;
  /** Replication offset (primary: master_repl_offset; replica: slave_repl_offset). */
  replicationOffset?: number;
  /** Set on replicas. */
  replication?: ReplicaLink;
  persistence?: NodePersistence;
  runtime?: NodeRuntime;
}

/** An inclusive slot range, 0..16383. */
export interface SlotRange {
  start: number;
  end: number;
}

export interface MigratingSlot {
  slot: number;
  direction: 'migrating' | 'importing';
  /** The node id on the other side of the move. */
  peerNodeId: string;
}

export interface ClusterShard {
  /**
   * The shard's identity, kept across failovers: `CLUSTER MYSHARDID` of a
   * node of the shard (or the id CLUSTER SHARDS reports), else the id of the
   * primary, which changes on failover.
   */
  id: string;
  slots: SlotRange[];
  /** The primary first, then its replicas. */
  nodes: ValkeyNode[];
  health: Health;
  migrating: MigratingSlot[];
}

/** Slot coverage over 0..16383, as ranges in ascending order that together cover every slot. */
export interface SlotCoverageRange extends SlotRange {
  state: 'ok' | 'pfail' | 'fail' | 'unassigned' | 'migrating';
  /** Shard id owning the range (absent when unassigned). */
  shardId?: string;
}

export interface ClusterTopology {
  kind: 'cluster';
  /** `cluster_state` as agreed by the majority of the primaries asked. */
  state: 'ok' | 'fail' | 'unknown';
  slotsAssigned: number;
  slotsOk: number;
  slotsPfail: number;
  slotsFail: number;
  knownNodes: number;
  size: number;
  currentEpoch?: number;
  shards: ClusterShard[];
  coverage: SlotCoverageRange[];
  /**
   * How many nodes were asked and answered, and how many agreed with the
   * chosen view. Only primaries' views count when any primary answered:
   * `primariesAnswering`/`primariesAgreeing` then say how many of them agreed
   * (a replica's view is not a vote), and `agreeing` equals `primariesAgreeing`.
   */
  quorum: {
    asked: number;
    answered: number;
    agreeing: number;
    primariesAnswering: number;
    primariesAgreeing: number;
  };
}

export interface SentinelTopology {
  kind: 'sentinel';
  /** The monitored primary name (e.g. `mymaster`). */
  primaryName: string;
  primary?: ValkeyNode;
  replicas: ValkeyNode[];
  sentinels: ValkeyNode[];
  quorum: {
    /** Configured quorum. */
    required?: number;
    /** CKQUORUM succeeded. */
    ok: boolean;
    /** CKQUORUM reply text, e.g. "OK 3 usable Sentinels. Quorum and failover authorization can be reached" or "NOQUORUM ...". */
    text: string;
    usableSentinels?: number;
  };
  failoverInProgress: boolean;
  failoverState?: string;
  tilt: boolean;
}

/** Standalone, or a primary with read replicas without Sentinel. */
export interface ReplicationTopology {
  kind: 'standalone' | 'replication';
  primary?: ValkeyNode;
  replicas: ValkeyNode[];
}

export type Topology = ClusterTopology | SentinelTopology | ReplicationTopology;

export interface BackupRun {
  /** Kubernetes Job name. */
  name: string;
  startTime?: string;
  completionTime?: string;
  result: 'succeeded' | 'failed' | 'running';
  message?: string;
}

/**
 * The engine's own persistence across the data nodes (from `INFO persistence`),
 * shown next to the backup Jobs so a fresh backup of a failing RDB is visible.
 */
export interface EnginePersistenceSummary {
  /** Data nodes whose persistence state is known. */
  nodes: number;
  /**
   * ISO time of the oldest last successful RDB save among the primaries that
   * saved at least once since they started.
   */
  oldestRdbSaveTime?: string;
  /** Addresses of data nodes with no RDB save since they started (`rdb_saves:0`). */
  unsavedNodes?: string[];
  /** Addresses whose last RDB save failed (`rdb_last_bgsave_status:err`). */
  rdbFailingNodes: string[];
  /** How many nodes have AOF enabled. */
  aofEnabledNodes: number;
  /** Addresses whose last AOF write or rewrite failed. */
  aofFailingNodes: string[];
}

/** Where the backup sets go (the chart's `backup.destination`). */
export interface BackupDestination {
  /** `pvc`: the backup volume in the cluster; `s3`: an S3-compatible bucket. */
  type: 'pvc' | 's3';
  /** `s3://<bucket>/<prefix>` or `pvc/<claim name>`. */
  location: string;
}

export interface BackupStatus {
  /** False when no backup CronJob exists for the instance. */
  configured: boolean;
  /** Where the backup sets go, as the backup CronJob says. */
  destination?: BackupDestination;
  schedule?: string;
  suspended?: boolean;
  /** ISO time of the next scheduled run, computed from the schedule. */
  nextRunTime?: string;
  /** How many backups are kept. */
  retention?: number;
  lastRun?: BackupRun;
  /** ISO time of the last successful run. */
  lastSuccessTime?: string;
  lastSuccessAgeSeconds?: number;
  /** True when the last success is older than two schedule intervals (or there is none). */
  stale: boolean;
  /** The schedule interval used for staleness, in seconds. */
  intervalSeconds?: number;
  /** Name of the backup CronJob. */
  cronJobName?: string;
  history: BackupRun[];
  /** The engine's RDB/AOF state across the data nodes. */
  engine?: EnginePersistenceSummary;
}

export interface InstanceStatus {
  /** `kind:namespace/name` of the entity. */
  entityRef: string;
  environment: string;
  mode: ValkeyMode;
  health: Health;
  /** One line, e.g. "3 shards, 16384/16384 slots ok, 6 nodes healthy". */
  summary: string;
  /**
   * ISO time the data was probed (the probe's start). Every viewer gets the
   * same document for a refresh interval, so this is older than the moment a
   * browser fetched it.
   */
  probedAt: string;
  /** How long the probe took, ms. */
  probeDurationMs: number;
  /** How often the backend probes again (its cache lifetime), seconds. */
  refreshIntervalSeconds: number;
  topology?: Topology;
  /** The runtime figures of all data nodes added up. */
  runtime?: RuntimeTotals;
  backup?: BackupStatus;
  problems: StatusProblem[];
}

/**
 * Why the backend has no live status for an environment of an entity. Not an
 * error: a state the page shows in one calm line, and that polling cannot
 * change. `not-configured`: the portal has no status settings for the
 * environment (for example a new instance in an environment the status
 * backend does not watch). `not-deployed`: the instance's service name does
 * not exist yet (a new instance before Argo CD has synced it).
 */
export type StatusUnavailableReason = 'not-configured' | 'not-deployed';

/** The status endpoint's answer when there is no status to probe. */
export interface InstanceStatusUnavailable {
  entityRef: string;
  environment: string;
  unavailable: StatusUnavailableReason;
  /** One plain line for the page, e.g. "status not configured for dev". */
  message: string;
}

/** What the status endpoint answers: a probed status, or why there is none. */
export type InstanceStatusAnswer = InstanceStatus | InstanceStatusUnavailable;

export function isStatusUnavailable(
  answer: InstanceStatusAnswer,
): answer is InstanceStatusUnavailable {
  return 'unavailable' in answer;
}

/** The line the page shows for an environment without status settings. */
export function statusNotConfiguredMessage(environment: string): string {
  return `status not configured for ${environment}`;
}

/** The line the page shows for an instance whose service does not exist yet. */
export function statusNotDeployedMessage(environment: string): string {
  return `not deployed yet in ${environment}: it shows here once the change is merged and Argo CD has synced it`;
}

/** The environments an entity is deployed to, as the backend can serve them. */
export interface InstanceEnvironments {
  entityRef: string;
  environments: Array<{
    name: string;
    /** False when the backend has no configuration for this environment. */
    configured: boolean;
    /** True when operations (back up now, fail over) are set up for this environment. */
    operations?: boolean;
  }>;
}

/** The total number of hash slots in a Valkey cluster. */
export const CLUSTER_SLOTS = 16384;
