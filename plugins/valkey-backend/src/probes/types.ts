import {
  StatusProblem,
  Topology,
  ValkeyMode,
} from '@valkey-backstage/plugin-valkey-common';
import { ConnectionTls } from '../client';

/**
 * Other addresses of the same instance to ask when the configured endpoint
 * fails or hangs. Every one comes from config (the per-pod pattern) or from
 * what the instance's own Valkey servers reported in an earlier probe of the
 * same configured target; never from an entity or a request.
 */
export interface ProbeFallbacks {
  /** Data nodes Valkey reported in the last good probe. */
  knownNodes: string[];
  /** Data nodes from the per-pod pattern in config. */
  patternNodes: string[];
  /** Sentinels reported in the last good probe (the configured one excluded). */
  knownSentinels: string[];
  /** Sentinels from the per-pod pattern in config. */
  patternSentinels: string[];
  /** The mode the last good probe found, used when detecting it fails. */
  knownMode?: ValkeyMode;
  /** Replication: the primary's replication id in the last good probe. */
  knownReplicationId?: string;
}

export const NO_FALLBACKS: ProbeFallbacks = {
  knownNodes: [],
  patternNodes: [],
  knownSentinels: [],
  patternSentinels: [],
};

/** Where and how to reach one instance; produced from config only (see targets/). */
export interface ProbeTarget {
  /** The data endpoint (for cluster: the seed node; for replication: the primary). */
  host: string;
  port: number;
  sentinel?: { host: string; port: number; primaryName: string };
  /** Whom else to ask when the endpoint fails; none when absent. */
  fallbacks?: ProbeFallbacks;
  tls?: ConnectionTls;
  username?: string;
  password?: string;
  connectTimeoutMs: number;
  commandTimeoutMs: number;
}

/** The addresses a probe learnt from Valkey itself: the fallbacks of the next probe. */
export interface KnownNodes {
  mode: ValkeyMode;
  dataNodes: string[];
  sentinels: string[];
  /** Replication: the primary's replication id (`master_replid`). */
  replicationId?: string;
}

export interface ProbeResult {
  mode: ValkeyMode;
  topology?: Topology;
  problems: StatusProblem[];
  /** Set when at least one node answered (a good view). */
  known?: KnownNodes;
}
