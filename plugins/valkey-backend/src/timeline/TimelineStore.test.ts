import { TimelineEvent } from '@valkey-backstage/plugin-valkey-common';
import { knex as createKnex, Knex } from 'knex';
import { TimelineStore } from './TimelineStore';

const ref = 'resource:default/orders-cache';
const view = (probedAt: string) => ({ probedAt });
const event = (at: string, summary: string): TimelineEvent => ({
  kind: 'failover',
  at,
  previousAt: at,
  summary,
});

describe('TimelineStore on SQLite', () => {
  let knex: Knex;
  let store: TimelineStore;

  beforeEach(async () => {
    knex = createKnex({
      client: 'better-sqlite3',
      connection: ':memory:',
      useNullAsDefault: true,
    });
    store = await TimelineStore.create({ getClient: async () => knex });
  });

  afterEach(async () => {
    await knex.destroy();
  });

  it('runs its migrations into its own tables', async () => {
    expect(await knex.schema.hasTable('valkey_timeline_events')).toBe(true);
    expect(await knex.schema.hasTable('valkey_timeline_views')).toBe(true);
    expect(await knex.schema.hasTable('valkey_knex_migrations')).toBe(true);
  });

  it('keeps the last view and the events, newest first, per entity and environment', async () => {
    const now = new Date('2026-12-01T10:00:00Z');
    const t1 = '2026-12-01T10:00:01.000Z';
    const t2 = '2026-12-01T10:00:02.000Z';
    const t3 = '2026-12-01T10:00:03.000Z';
    const common = { entityRef: ref, environment: 'prod', now };
    expect(
      await store.record({
        ...common,
        previous: undefined,
        next: view(t1),
        events: [],
      }),
    ).toBe(true);
    expect(
      await store.record({
        ...common,
        previous: view(t1),
        next: view(t2),
        events: [event(t2, 'first'), event(t2, 'second')],
      }),
    ).toBe(true);
    expect(await store.lastView(ref, 'prod')).toEqual({
      view: view(t2),
      updatedAt: now,
    });
    await store.record({
      ...common,
      previous: view(t2),
      next: view(t3),
      events: [event(t3, 'third')],
    });
    // Newest first; the events of one view in the order they were found.
    expect((await store.events(ref, 'prod')).map(e => e.summary)).toEqual([
      'third',
      'first',
      'second',
    ]);
    expect((await store.events(ref, 'prod', 1)).map(e => e.summary)).toEqual([
      'third',
    ]);
    expect(await store.events(ref, 'dev')).toEqual([]);
    expect(await store.lastView(ref, 'dev')).toBeUndefined();
  });

  it('stores nothing when the view compared with is no longer the stored one (another observer was first)', async () => {
    const now = new Date();
    const common = { entityRef: ref, environment: 'prod', now };
    const t1 = '2026-12-01T10:00:01.000Z';
    const t2 = '2026-12-01T10:00:02.000Z';
    await store.record({
      ...common,
      previous: undefined,
      next: view(t1),
      events: [],
    });
    await store.record({
      ...common,
      previous: view(t1),
      next: view(t2),
      events: [event(t2, 'recorded by the first observer')],
    });
    // The second observer read t1 too and saw the same change.
    expect(
      await store.record({
        ...common,
        previous: view(t1),
        next: view(t2),
        events: [event(t2, 'recorded again')],
      }),
    ).toBe(false);
    // Its first view also loses against the stored one.
    expect(
      await store.record({
        ...common,
        previous: undefined,
        next: view(t1),
        events: [event(t1, 'x')],
      }),
    ).toBe(false);
    expect((await store.events(ref, 'prod')).map(e => e.summary)).toEqual([
      'recorded by the first observer',
    ]);
    expect((await store.lastView(ref, 'prod'))?.view).toEqual(view(t2));
  });

  it('deletes only the events older than the cutoff', async () => {
    const common = { entityRef: ref, environment: 'prod', now: new Date() };
    const old = '2026-10-01T00:00:00.000Z';
    const recent = '2026-11-30T00:00:00.000Z';
    await store.record({
      ...common,
      previous: undefined,
      next: view(recent),
      events: [event(old, 'old'), event(recent, 'recent')],
    });
    expect(
      await store.deleteEventsBefore(new Date('2026-11-01T00:00:00Z')),
    ).toBe(1);
    expect((await store.events(ref, 'prod')).map(e => e.summary)).toEqual([
      'recent',
    ]);
  });
});
