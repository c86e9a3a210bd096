import {
  StatusProblem,
  Topology,
  ValkeyMode,
} from '@valkey-backstage/plugin-valkey-common';
import { ConnectionTls } from '../client';

/** Where and how to reach one instance; produced from config only (see targets/). */
export interface ProbeTarget {
  /** The data endpoint (for cluster: the seed node; for replication: the primary). */
  host: string;
  port: number;
  sentinel?: { host: string; port: number; primaryName: string };
  tls?: ConnectionTls;
  username?: string;
  password?: string;
  connectTimeoutMs: number;
  commandTimeoutMs: number;
}

export interface ProbeResult {
  mode: ValkeyMode;
  topology?: Topology;
  problems: StatusProblem[];
}
