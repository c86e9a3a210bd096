import {
  DatabaseService,
  isDatabaseConflictError,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { TimelineEvent } from '@valkey-backstage/plugin-valkey-common';
import { Knex } from 'knex';
import { ObservedView } from './topologyChanges';

const EVENTS = 'valkey_timeline_events';
const VIEWS = 'valkey_timeline_views';

/** Rolls the transaction back: the stored view is not the one compared with. */
class AnotherObserverFirst extends Error {}

/** The most events one read returns. */
export const MAX_TIMELINE_EVENTS = 200;

export interface RecordedView {
  view: ObservedView;
  updatedAt: Date;
}

/**
 * The timeline in the plugin's own database (SQLite locally, PostgreSQL in
 * production): the events, and the last view of each (entity, environment).
 */
export class TimelineStore {
  static async create(database: DatabaseService): Promise<TimelineStore> {
    const knex = await database.getClient();
    if (!database.migrations?.skip) {
      await knex.migrate.latest({
        directory: resolvePackagePath(
          '@valkey-backstage/plugin-valkey-backend',
          'migrations',
        ),
        tableName: 'valkey_knex_migrations',
      });
    }
    return new TimelineStore(knex);
  }

  constructor(private readonly knex: Knex) {}

  async lastView(
    entityRef: string,
    environment: string,
  ): Promise<RecordedView | undefined> {
    const row = await this.knex(VIEWS)
      .where({ entity_ref: entityRef, environment })
      .first();
    if (!row) return undefined;
    return {
      view: JSON.parse(row.view),
      updatedAt: new Date(Number(row.updated_at_ms)),
    };
  }

  /**
   * Stores the next view and the events seen between it and `previous`, in one
   * transaction, only when the stored view is still `previous` (compared by
   * probe time). Returns false, storing nothing, when another observer got
   * there first, so the same change is never recorded twice.
   */
  async record(options: {
    entityRef: string;
    environment: string;
    previous: ObservedView | undefined;
    next: ObservedView;
    events: TimelineEvent[];
    now: Date;
  }): Promise<boolean> {
    const { entityRef, environment, previous, next, events, now } = options;
    const key = { entity_ref: entityRef, environment };
    const row = {
      probed_at: next.probedAt,
      view: JSON.stringify(next),
      updated_at_ms: now.getTime(),
    };
    const stored = await this.knex
      .transaction(async tx => {
        if (previous) {
          const updated = await tx(VIEWS)
            .where({ ...key, probed_at: previous.probedAt })
            .update(row);
          if (updated !== 1) throw new AnotherObserverFirst();
        } else {
          // A concurrent first view fails on the primary key.
          await tx(VIEWS).insert({ ...key, ...row });
        }
        if (events.length) {
          await tx(EVENTS).insert(
            events.map(event => ({
              ...key,
              kind: event.kind,
              at_ms: Date.parse(event.at),
              event: JSON.stringify(event),
            })),
          );
        }
      })
      .then(
        () => true,
        error => {
          if (
            error instanceof AnotherObserverFirst ||
            isDatabaseConflictError(error)
          ) {
            return false;
          }
          throw error;
        },
      );
    return stored;
  }

  /** Newest first (one view's events in the order found), at most `limit` (1..MAX_TIMELINE_EVENTS). */
  async events(
    entityRef: string,
    environment: string,
    limit = MAX_TIMELINE_EVENTS,
  ): Promise<TimelineEvent[]> {
    const rows = await this.knex(EVENTS)
      .where({ entity_ref: entityRef, environment })
      .orderBy([
        { column: 'at_ms', order: 'desc' },
        // One view's changes in the order they were found (a failover first).
        { column: 'id', order: 'asc' },
      ])
      .limit(Math.min(Math.max(1, limit), MAX_TIMELINE_EVENTS))
      .select('event');
    return rows.map(r => JSON.parse(r.event));
  }

  /** Deletes events seen before `cutoff`; returns how many. */
  async deleteEventsBefore(cutoff: Date): Promise<number> {
    return this.knex(EVENTS).where('at_ms', '<', cutoff.getTime()).delete();
  }
}
