/**
 * The fleet: every Valkey instance entity the caller may see, once per
 * environment it is deployed to, as the valkey backend serves it at
 * `GET /api/valkey/fleet` and the fleet page shows it. Each row comes from the
 * same cached status document as the entity's own cards, so a row is as fresh
 * as that document and costs no probe of its own.
 */
import type { Health, ValkeyMode } from './status';

/** One (entity, environment) of the fleet. */
export interface FleetRow {
  /** `kind:namespace/name` of the entity. */
  entityRef: string;
  /** The entity's title, else its name. */
  title: string;
  /**
   * The environment of this row. Absent only in the one row of an entity whose
   * annotations name no usable environment; `error` then says what to fix.
   */
  environment?: string;
  /** `unknown` when the status could not be read (see `error`). */
  health: Health;
  /** The status' one-line summary, e.g. "3 shards, 16384/16384 slots ok, 6 nodes healthy". */
  summary?: string;
  mode?: ValkeyMode;
  /**
   * The Valkey version the data nodes report; several versions (during an
   * upgrade) are listed lowest first, separated by ", ".
   */
  version?: string;
  /** Memory used by all data nodes together, bytes, when they reported it. */
  usedMemoryBytes?: number;
  /** False when the instance has no backup CronJob; absent when not known. */
  backupConfigured?: boolean;
  /** Seconds since the last successful backup, as of this answer. */
  lastBackupAgeSeconds?: number;
  /** True when the last successful backup is older than two schedule intervals (or there is none). */
  backupStale?: boolean;
  /** ISO time the status of this row was probed. */
  probedAt?: string;
  /** Why this row has no status, e.g. an environment the backend has no configuration for. */
  error?: string;
}

/** The answer of `GET /api/valkey/fleet`. */
export interface FleetResponse {
  /** Rows in entity-ref order, then environment order as annotated. */
  rows: FleetRow[];
  /** ISO time the backend assembled this answer. */
  generatedAt: string;
  /** How often the backend probes an instance again (its cache lifetime), seconds. */
  refreshIntervalSeconds: number;
}

/** The query parameters `GET /api/valkey/fleet` accepts. */
export const FLEET_QUERY_PARAMETERS = ['environment'] as const;
