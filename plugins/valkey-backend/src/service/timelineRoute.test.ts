import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import { Entity } from '@backstage/catalog-model';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { TimelineResponse } from '@valkey-backstage/plugin-valkey-common';
import {
  startValkeyServer,
  ValkeyServer,
  waitUntil,
} from '@valkey-backstage/valkey-local';
import request from 'supertest';
import { valkeyPlugin } from '../plugin';
import { FAST_PROBE_TIMING } from '../__testUtils__/statusHarness';

jest.setTimeout(60_000);

const sessions: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: {
    name: 'sessions',
    namespace: 'default',
    annotations: {
      'valkey.backstage.io/instance': 'sessions',
      'valkey.backstage.io/environments': 'dev,prod',
      'valkey.backstage.io/mode': 'standalone',
    },
  },
  spec: { type: 'valkey', owner: 'team-a' },
};

const path = '/api/valkey/entities/default/resource/sessions/timeline';

describe('GET /entities/:namespace/:kind/:name/timeline', () => {
  let server: ValkeyServer;

  beforeAll(async () => {
    server = await startValkeyServer();
  });
  afterAll(async () => {
    await server.destroy();
  });

  async function backend(
    timeline: object = { intervalSeconds: 1 },
    features: any[] = [],
  ) {
    const { server: http } = await startTestBackend({
      features: [
        valkeyPlugin,
        // The real scheduler (the mock one runs tasks only when triggered).
        schedulerServiceFactory,
        mockServices.rootConfig.factory({
          data: {
            valkey: {
              status: {
                ...FAST_PROBE_TIMING,
                environments: [
                  {
                    name: 'dev',
                    instances: {
                      sessions: { host: server.host, port: server.port },
                    },
                  },
                ],
              },
              timeline,
            },
          },
        }),
        catalogServiceMock.factory({ entities: [sessions] }),
        ...features,
      ],
    });
    return (query: string, auth = mockCredentials.user.header()) =>
      request(http).get(`${path}${query}`).set('Authorization', auth);
  }

  it('serves what the observer saw on SQLite: the instance going away and coming back', async () => {
    const get = await backend();
    const timeline = async () => {
      const res = await get('?environment=dev');
      expect(res.status).toBe(200);
      return res.body as TimelineResponse;
    };
    await waitUntil(
      'the first view',
      async () => Boolean((await timeline()).observedAt),
      30_000,
      200,
    );
    expect(await timeline()).toMatchObject({
      entityRef: 'resource:default/sessions',
      environment: 'dev',
      events: [],
      intervalSeconds: 1,
      retentionDays: 30,
    });
    await server.stop();
    await waitUntil(
      'the outage in the timeline',
      async () => (await timeline()).events.length > 0,
      30_000,
      200,
    );
    await server.restart();
    await waitUntil(
      'the recovery in the timeline',
      async () => (await timeline()).events.length > 1,
      30_000,
      200,
    );
    expect((await timeline()).events.map(e => e.kind)).toEqual([
      'instance-reachable',
      'instance-unreachable',
    ]);
  });

  it('refuses bad parameters with what to change', async () => {
    const get = await backend();
    const cases: Array<[string, RegExp]> = [
      ['', /environment is required/],
      ['?environment=Prod%20EU', /not a DNS label/],
      [
        '?environment=staging',
        /not one of the entity's environments \(dev, prod\)/,
      ],
      [
        '?environment=dev&since=yesterday',
        /since is not known.*environment, limit/,
      ],
      [
        '?environment=dev&limit=0',
        /limit: "0" is not a whole number from 1 to 200/,
      ],
      ['?environment=dev&limit=201', /from 1 to 200/],
      ['?environment=dev&limit=1e2', /not a whole number/],
      ['?environment=dev&environment=prod', /environment is required/],
    ];
    for (const [query, message] of cases) {
      const res = await get(query);
      expect({ query, status: res.status }).toEqual({ query, status: 400 });
      expect(res.body.error.message).toMatch(message);
    }
    const res = await get('?environment=dev&limit=5');
    expect(res.status).toBe(200);
  });

  it('needs credentials (401) and valkey.status.read (403)', async () => {
    const get = await backend();
    expect(
      (await get('?environment=dev', mockCredentials.none.header())).status,
    ).toBe(401);
    const denied = await backend({ intervalSeconds: 1 }, [
      mockServices.permissions.factory({ result: AuthorizeResult.DENY }),
    ]);
    const res = await denied('?environment=dev');
    expect(res.status).toBe(403);
    expect(res.body.error.message).toMatch(
      /not allowed to read the Valkey status/,
    );
  });

  it('answers 404 with the reason when the timeline is turned off', async () => {
    const get = await backend({ enabled: false });
    const res = await get('?environment=dev');
    expect(res.status).toBe(404);
    expect(res.body.error.message).toBe(
      'the topology timeline is turned off in this Backstage',
    );
  });

  it('refuses a timeline configuration that cannot work, naming the key', async () => {
    await expect(backend({ intervalSeconds: 0 })).rejects.toThrow(
      /valkey\.timeline\.intervalSeconds must be a whole number from 1 to 86400, got 0/,
    );
    await expect(backend({ retentionDays: 1.5 })).rejects.toThrow(
      /valkey\.timeline\.retentionDays must be a whole number/,
    );
  });
});
