import {
  coreServices,
  createServiceFactory,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  TimelineResponse,
  VALKEY_ENVIRONMENTS_ANNOTATION,
  VALKEY_INSTANCE_ANNOTATION,
  VALKEY_MODE_ANNOTATION,
} from '@valkey-backstage/plugin-valkey-common';
import {
  startSentinelGroup,
  Topology,
  waitUntil,
} from '@valkey-backstage/valkey-local';
import request from 'supertest';
import { valkeyPlugin } from '../plugin';
import { FAST_PROBE_TIMING } from '../__testUtils__/statusHarness';
import {
  LocalPostgres,
  startLocalPostgres,
} from '../__testUtils__/localPostgres';

jest.setTimeout(180_000);

const orders: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: {
    name: 'orders-cache',
    namespace: 'default',
    annotations: {
      [VALKEY_INSTANCE_ANNOTATION]: 'orders',
      [VALKEY_ENVIRONMENTS_ANNOTATION]: 'prod',
      [VALKEY_MODE_ANNOTATION]: 'sentinel',
    },
  },
  spec: { type: 'valkey', owner: 'group:default/team-a' },
};

const timelinePath =
  '/api/valkey/entities/default/resource/orders-cache/timeline?environment=prod';

/** A plugin logger that keeps what the timeline observer says, with the time it said it. */
function recordingLogger(lines: Array<{ at: number; message: string }>) {
  const logger: LoggerService = {
    error: message => lines.push({ at: Date.now(), message }),
    warn: message => lines.push({ at: Date.now(), message }),
    info: message => lines.push({ at: Date.now(), message }),
    debug: message => lines.push({ at: Date.now(), message }),
    child: () => logger,
  };
  return createServiceFactory({
    service: coreServices.logger,
    deps: {},
    factory: () => logger,
  });
}

describe('the topology timeline with two backend replicas on one PostgreSQL database', () => {
  let postgres: LocalPostgres;
  let group: Topology;

  beforeAll(async () => {
    [postgres, group] = await Promise.all([
      startLocalPostgres(),
      startSentinelGroup({ replicas: 2, sentinels: 3, downAfterMs: 1000 }),
    ]);
  });

  afterAll(async () => {
    await Promise.all([group?.destroy(), postgres?.destroy()]);
  });

  async function replica(lines: Array<{ at: number; message: string }>) {
    const [primary] = group.nodes;
    const { server } = await startTestBackend({
      features: [
        valkeyPlugin,
        schedulerServiceFactory,
        recordingLogger(lines),
        mockServices.rootConfig.factory({
          data: {
            backend: {
              database: {
                client: 'pg',
                connection: {
                  host: postgres.host,
                  port: postgres.port,
                  user: postgres.user,
                },
              },
            },
            valkey: {
              status: {
                ...FAST_PROBE_TIMING,
                environments: [
                  {
                    name: 'prod',
                    instances: {
                      orders: {
                        host: primary.host,
                        port: primary.port,
                        sentinelHost: '127.0.0.1',
                        sentinelPort: group.sentinels[0].port,
                        sentinelPrimaryName: 'mymaster',
                      },
                    },
                  },
                ],
              },
              timeline: { intervalSeconds: 1 },
            },
          },
        }),
        catalogServiceMock.factory({ entities: [orders] }),
      ],
    });
    return server;
  }

  it("records a killed primary's failover once, from one observer at a time", async () => {
    const linesA: Array<{ at: number; message: string }> = [];
    const linesB: Array<{ at: number; message: string }> = [];
    // One after the other, as a rolling start does: the second finds the
    // migrations done.
    const a = await replica(linesA);
    const b = await replica(linesB);
    const timeline = async (server: typeof a) => {
      const res = await request(server)
        .get(timelinePath)
        .set('Authorization', mockCredentials.user.header());
      expect(res.status).toBe(200);
      return res.body as TimelineResponse;
    };

    await waitUntil(
      'the first view (baseline)',
      async () => Boolean((await timeline(b)).observedAt),
      60_000,
      250,
    );
    expect((await timeline(a)).events).toEqual([]);

    const [oldPrimary] = group.nodes;
    const watchFrom = Date.now();
    oldPrimary.signal('SIGKILL');
    let events: TimelineResponse['events'] = [];
    await waitUntil(
      'the failover in the timeline',
      async () => {
        events = (await timeline(a)).events;
        return events.some(e => e.kind === 'failover');
      },
      60_000,
      250,
    );
    // A few more rounds: a second observer, or a second look, would add it again.
    await new Promise(r => setTimeout(r, 4000));
    const watchedMs = Date.now() - watchFrom;

    const fromA = await timeline(a);
    const fromB = await timeline(b);
    expect(fromB.events).toEqual(fromA.events);
    const failovers = fromA.events.filter(e => e.kind === 'failover');
    expect(failovers).toHaveLength(1);
    expect(failovers[0]).toMatchObject({
      previousPrimary: oldPrimary.address,
      newPrimary: expect.not.stringMatching(oldPrimary.address),
    });
    expect(group.nodes.map(n => n.address)).toContain(failovers[0].newPrimary);

    // Each run logs its start and its end; the two replicas' runs never overlap,
    // and together they run about once per interval, not twice.
    const runsOf = (lines: typeof linesA) => {
      const starts = lines.filter(
        l => l.message === 'valkey timeline: run started',
      );
      const ends = lines.filter(l =>
        l.message.startsWith('valkey timeline: observed'),
      );
      return starts.map((s, i) => ({
        start: s.at,
        end: ends[i]?.at ?? Infinity,
      }));
    };
    const runs = [...runsOf(linesA), ...runsOf(linesB)].sort(
      (x, y) => x.start - y.start,
    );
    for (let i = 1; i < runs.length; i++) {
      expect(runs[i].start).toBeGreaterThanOrEqual(runs[i - 1].end);
    }
    const runsWhileWatching = runs.filter(r => r.start >= watchFrom).length;
    expect(runsWhileWatching).toBeLessThanOrEqual(
      Math.ceil(watchedMs / 1000) + 1,
    );
    // The failover was recorded by exactly one of the two replicas.
    const recorders = [linesA, linesB].filter(lines =>
      lines.some(l => l.message.includes('took over as primary')),
    );
    expect(recorders).toHaveLength(1);
    expect(
      Number(
        await postgres.sql(
          'backstage_plugin_valkey',
          "select count(*) from valkey_timeline_events where kind = 'failover'",
        ),
      ),
    ).toBe(1);
  });
});
