import {
  NodePersistence,
  NodeRole,
  NodeRuntime,
  ReplicaLink,
} from '@valkey-backstage/plugin-valkey-common';
import { InfoFields, infoNumber, parseInfoList } from './parseInfo';

/** What `INFO` (server, clients, memory, persistence, stats, replication) says about one data node. */
export interface NodeInfo {
  role: NodeRole;
  serverMode?: string;
  runId?: string;
  version?: string;
  uptimeSeconds?: number;
  availabilityZone?: string;
  replicationOffset?: number;
  /**
   * `master_replid`: the replication history a primary and its replicas
   * share (a replica takes its primary's), new when a primary restarts.
   */
  replicationId?: string;
  /** Set when the node is a replica. */
  replication?: ReplicaLink;
  /** Replicas a primary reports (`slaveN` lines). */
  replicas: ReplicaEntry[];
  failoverState?: string;
  persistence: NodePersistence;
  /** Absent when INFO had none of the memory, stats and clients sections. */
  runtime?: NodeRuntime;
}

/** One `slaveN:ip=..,port=..,state=..,offset=..,lag=..` line of a primary. */
export interface ReplicaEntry {
  address: string;
  state: string;
  offset?: number;
  /** Seconds since the last ack (the `lag` field). */
  ackLagSeconds?: number;
}

const okErr = (value: string | undefined): 'ok' | 'err' | undefined =>
  value === 'ok' || value === 'err' ? value : undefined;

function roleOf(role: string | undefined): NodeRole {
  if (role === 'slave') return 'replica';
  if (role === 'master') return 'primary';
  return 'unknown';
}

const nonNegative = (n: number | undefined) =>
  n !== undefined && n >= 0 ? n : undefined;

const flag = (value: string | undefined): boolean | undefined =>
  value === undefined ? undefined : value === '1';

export function nodeInfoFromFields(fields: InfoFields): NodeInfo {
  const isReplica = fields.role === 'slave';
  const info: NodeInfo = {
    role: roleOf(fields.role),
    serverMode: fields.server_mode,
    runId: fields.run_id,
    version: fields.valkey_version ?? fields.redis_version,
    uptimeSeconds: infoNumber(fields, 'uptime_in_seconds'),
    availabilityZone: fields.availability_zone || undefined,
    replicationOffset: infoNumber(
      fields,
      isReplica ? 'slave_repl_offset' : 'master_repl_offset',
    ),
    replicationId: fields.master_replid || undefined,
    replicas: [],
    failoverState: fields.master_failover_state,
    persistence: {
      rdbLastSaveTime: infoNumber(fields, 'rdb_last_save_time'),
      rdbLastBgsaveStatus: okErr(fields.rdb_last_bgsave_status),
      rdbChangesSinceLastSave: infoNumber(
        fields,
        'rdb_changes_since_last_save',
      ),
      rdbBgsaveInProgress: flag(fields.rdb_bgsave_in_progress),
      aofEnabled: flag(fields.aof_enabled),
      aofLastWriteStatus: okErr(fields.aof_last_write_status),
      aofLastBgrewriteStatus: okErr(fields.aof_last_bgrewrite_status),
      loading: flag(fields.loading),
      rdbSaves: infoNumber(fields, 'rdb_saves'),
    },
    runtime: runtimeFromFields(fields),
  };
  if (isReplica) {
    const link = fields.master_link_status;
    info.replication = {
      primaryAddress:
        fields.master_host && fields.master_port
          ? `${fields.master_host}:${fields.master_port}`
          : undefined,
      linkStatus: link === 'up' || link === 'down' ? link : 'unknown',
      // Valkey reports -1 for "never" (no link yet).
      lastIoSecondsAgo: nonNegative(
        infoNumber(fields, 'master_last_io_seconds_ago'),
      ),
      linkDownSinceSeconds: nonNegative(
        infoNumber(fields, 'master_link_down_since_seconds'),
      ),
      syncInProgress: flag(fields.master_sync_in_progress),
    };
  }
  for (const [key, value] of Object.entries(fields)) {
    if (!/^slave\d+$/.test(key)) continue;
    const entry = parseInfoList(value);
    if (!entry.ip || !entry.port) continue;
    info.replicas.push({
      address: `${entry.ip}:${entry.port}`,
      state: entry.state ?? 'unknown',
      offset: infoNumber(entry, 'offset'),
      ackLagSeconds: infoNumber(entry, 'lag'),
    });
  }
  return info;
}

/** The memory, stats and clients figures of INFO; undefined when none is there. */
export function runtimeFromFields(fields: InfoFields): NodeRuntime | undefined {
  const runtime: NodeRuntime = {
    usedMemoryBytes: infoNumber(fields, 'used_memory'),
    maxMemoryBytes: infoNumber(fields, 'maxmemory'),
    maxMemoryPolicy: fields.maxmemory_policy || undefined,
    evictedKeys: infoNumber(fields, 'evicted_keys'),
    expiredKeys: infoNumber(fields, 'expired_keys'),
    keyspaceHits: infoNumber(fields, 'keyspace_hits'),
    keyspaceMisses: infoNumber(fields, 'keyspace_misses'),
    opsPerSecond: infoNumber(fields, 'instantaneous_ops_per_sec'),
    connectedClients: infoNumber(fields, 'connected_clients'),
    blockedClients: infoNumber(fields, 'blocked_clients'),
    rejectedConnections: infoNumber(fields, 'rejected_connections'),
    maxClients: infoNumber(fields, 'maxclients'),
  };
  const present = Object.entries(runtime).filter(([, v]) => v !== undefined);
  return present.length
    ? (Object.fromEntries(present) as NodeRuntime)
    : undefined;
}
