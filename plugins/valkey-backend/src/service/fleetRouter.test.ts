import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import {
  AuthorizeResult,
  EvaluatePermissionRequest,
} from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  freePort,
  parseInfo,
  startValkeyServer,
  ValkeyServer,
} from '@valkey-backstage/valkey-local';
import {
  FleetResponse,
  FleetRow,
} from '@valkey-backstage/plugin-valkey-common';
import request from 'supertest';
import { valkeyPlugin } from '../plugin';

jest.setTimeout(120_000);

const entity = (
  name: string,
  annotations: Record<string, string>,
  extra: { kind?: string; title?: string; type?: string } = {},
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: extra.kind ?? 'Resource',
  metadata: {
    name,
    namespace: 'default',
    ...(extra.title ? { title: extra.title } : {}),
    annotations,
  },
  spec: { type: extra.type ?? 'valkey', owner: 'team-a' },
});

const valkey = (instance: string, environments: string, mode?: string) => ({
  'valkey.backstage.io/instance': instance,
  'valkey.backstage.io/environments': environments,
  ...(mode ? { 'valkey.backstage.io/mode': mode } : {}),
});

const ordersCache = entity('orders-cache', valkey('orders', 'dev,prod'), {
  title: 'Orders cache',
});
const sessions = entity('sessions', valkey('sessions', 'dev', 'standalone'));
const secret = entity('secret-cache', valkey('secret', 'dev'));
const gone = entity('gone-cache', valkey('gone', 'dev', 'standalone'));
const broken = entity('broken', valkey('Not_A_Label', 'dev'));
const noEnvironments = entity('no-environments', valkey('orders', ''));
const notValkey = entity('postgres', valkey('orders', 'dev'), {
  type: 'database',
});
const component = entity('orders-service', valkey('orders', 'dev'), {
  kind: 'Component',
});

async function infoCalls(server: ValkeyServer): Promise<number> {
  const stats = parseInfo(await server.cli(['INFO', 'commandstats']));
  return Number(/calls=(\d+)/.exec(stats.cmdstat_info ?? '')?.[1] ?? 0);
}

/** Denies valkey.status.read for the given refs, allows everything else; records every call. */
function permissionsDenying(...denied: string[]) {
  const calls: EvaluatePermissionRequest[][] = [];
  const mock = mockServices.permissions.mock({
    authorize: (async (requests: EvaluatePermissionRequest[]) => {
      calls.push(requests);
      return requests.map(r => ({
        result:
          'resourceRef' in r && denied.includes(String(r.resourceRef))
            ? AuthorizeResult.DENY
            : AuthorizeResult.ALLOW,
      }));
    }) as any,
  });
  return { factory: mock.factory, calls };
}

describe('GET /api/valkey/fleet', () => {
  let orders: ValkeyServer;
  let sessionsServer: ValkeyServer;
  let closedPort: number;

  beforeAll(async () => {
    [orders, sessionsServer] = await Promise.all([
      startValkeyServer(),
      startValkeyServer(),
    ]);
    closedPort = await freePort();
  });
  afterAll(async () => {
    await orders?.destroy();
    await sessionsServer?.destroy();
  });

  const config = () => ({
    valkey: {
      status: {
        refreshIntervalSeconds: 30,
        connectTimeoutMs: 500,
        commandTimeoutMs: 1000,
        maxConcurrentProbes: 2,
        environments: [
          {
            name: 'dev',
            host: '{instance}.invalid',
            instances: {
              orders: { host: '127.0.0.1', port: orders.port },
              sessions: { host: '127.0.0.1', port: sessionsServer.port },
              secret: { host: '127.0.0.1', port: orders.port },
              gone: { host: '127.0.0.1', port: closedPort },
            },
          },
        ],
      },
    },
  });

  async function backend(
    entities: Entity[],
    features: any[] = [],
    data: object = config(),
  ): Promise<ReturnType<typeof request>> {
    const { server } = await startTestBackend({
      features: [
        valkeyPlugin,
        mockServices.rootConfig.factory({ data }),
        catalogServiceMock.factory({ entities }),
        ...features,
      ],
    });
    return request(server);
  }

  const byKey = (rows: FleetRow[]) =>
    Object.fromEntries(
      rows.map(r => [`${r.entityRef} ${r.environment ?? '-'}`, r]),
    );

  it('refuses a caller without credentials (401)', async () => {
    const api = await backend([ordersCache]);
    const res = await api
      .get('/api/valkey/fleet')
      .set('Authorization', mockCredentials.none.header());
    expect(res.status).toBe(401);
  });

  it('lists every Valkey entity x environment with live figures from real servers, and an error in words where a row has no status', async () => {
    const api = await backend([
      ordersCache,
      sessions,
      gone,
      broken,
      noEnvironments,
      notValkey,
      component,
    ]);
    const res = await api
      .get('/api/valkey/fleet')
      .set('Authorization', mockCredentials.user.header());
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const body = res.body as FleetResponse;
    expect(body.refreshIntervalSeconds).toBe(30);
    expect(
      body.rows.map(r => `${r.entityRef} ${r.environment ?? '-'}`),
    ).toEqual([
      'resource:default/broken -',
      'resource:default/gone-cache dev',
      'resource:default/no-environments -',
      'resource:default/orders-cache dev',
      'resource:default/orders-cache prod',
      'resource:default/sessions dev',
    ]);
    const rows = byKey(body.rows);
    const version = parseInfo(
      await orders.cli(['INFO', 'server']),
    ).valkey_version;
    expect(rows['resource:default/orders-cache dev']).toMatchObject({
      title: 'Orders cache',
      environment: 'dev',
      health: 'healthy',
      mode: 'standalone',
      version,
    });
    expect(rows['resource:default/orders-cache dev'].summary).toBeTruthy();
    // What the server itself says it uses (INFO memory), as the status reports it.
    const used = Number(
      parseInfo(await orders.cli(['INFO', 'memory'])).used_memory,
    );
    expect(
      rows['resource:default/orders-cache dev'].usedMemoryBytes,
    ).toBeGreaterThan(used / 2);
    expect(
      rows['resource:default/orders-cache dev'].usedMemoryBytes,
    ).toBeLessThan(used * 2);
    expect(
      Date.parse(rows['resource:default/orders-cache dev'].probedAt!),
    ).toBeGreaterThan(Date.now() - 60_000);
    expect(rows['resource:default/orders-cache dev'].error).toBeUndefined();
    expect(rows['resource:default/sessions dev']).toMatchObject({
      title: 'sessions',
      health: 'healthy',
      mode: 'standalone',
    });
    // One instance down is one row saying so, not a failed page.
    expect(rows['resource:default/gone-cache dev']).toMatchObject({
      health: 'down',
    });
    expect(rows['resource:default/gone-cache dev'].summary).toBeTruthy();
    expect(rows['resource:default/orders-cache prod']).toMatchObject({
      health: 'unknown',
      error:
        "environment prod is not configured in the backend's valkey.status.environments",
    });
    expect(rows['resource:default/broken -'].error).toMatch(
      /valkey.backstage.io\/instance: "Not_A_Label" is not a valid release name/,
    );
    expect(rows['resource:default/no-environments -'].error).toMatch(
      /no valkey.backstage.io\/environments annotation/,
    );
  });

  it('leaves out the entities whose status the caller may not read, asking the permission service once for all of them', async () => {
    const permissions = permissionsDenying('resource:default/secret-cache');
    const api = await backend(
      [ordersCache, secret, sessions],
      [permissions.factory],
    );
    const res = await api
      .get('/api/valkey/fleet')
      .set('Authorization', mockCredentials.user.header());
    expect(res.status).toBe(200);
    const refs = (res.body as FleetResponse).rows.map(r => r.entityRef);
    expect(refs).not.toContain('resource:default/secret-cache');
    expect(new Set(refs)).toEqual(
      new Set(['resource:default/orders-cache', 'resource:default/sessions']),
    );
    const fleetCalls = permissions.calls.filter(requests =>
      requests.some(r => r.permission.name === 'valkey.status.read'),
    );
    expect(fleetCalls).toHaveLength(1);
    expect(
      fleetCalls[0].map(r => ('resourceRef' in r ? r.resourceRef : '')),
    ).toEqual([
      'resource:default/orders-cache',
      'resource:default/secret-cache',
      'resource:default/sessions',
    ]);
  });

  it('shows nothing when every entity is denied', async () => {
    const api = await backend(
      [ordersCache],
      [mockServices.permissions.factory({ result: AuthorizeResult.DENY })],
    );
    const res = await api
      .get('/api/valkey/fleet')
      .set('Authorization', mockCredentials.user.header());
    expect(res.status).toBe(200);
    expect(res.body.rows).toEqual([]);
  });

  it('lists only what the catalog shows the caller, asking with the caller credentials', async () => {
    const catalog = catalogServiceMock.mock({
      getEntities: jest.fn(async (_request, options) => {
        const principal = (options as { credentials?: any } | undefined)
          ?.credentials?.principal;
        return {
          items:
            principal?.userEntityRef === 'user:default/owner'
              ? [ordersCache]
              : [],
        };
      }),
    });
    const { server } = await startTestBackend({
      features: [
        valkeyPlugin,
        mockServices.rootConfig.factory({ data: config() }),
        catalog.factory,
      ],
    });
    const outsider = await request(server)
      .get('/api/valkey/fleet')
      .set(
        'Authorization',
        mockCredentials.user.header('user:default/outsider'),
      );
    expect(outsider.body.rows).toEqual([]);
    const owner = await request(server)
      .get('/api/valkey/fleet')
      .set('Authorization', mockCredentials.user.header('user:default/owner'));
    expect(owner.body.rows).toHaveLength(2);
    expect(catalog.getEntities).toHaveBeenCalledWith(
      expect.objectContaining({
        filter: { kind: 'resource', 'spec.type': 'valkey' },
      }),
      expect.objectContaining({ credentials: expect.anything() }),
    );
  });

  it('costs no probe beyond the cached statuses: the fleet serves the documents the entity routes probed', async () => {
    const api = await backend([ordersCache, sessions]);
    await orders.cli(['CONFIG', 'RESETSTAT']);
    await sessionsServer.cli(['CONFIG', 'RESETSTAT']);
    const entityStatus = async (name: string) => {
      const res = await api
        .get(`/api/valkey/entities/default/resource/${name}/status`)
        .query({ environment: 'dev' })
        .set('Authorization', mockCredentials.user.header());
      expect(res.status).toBe(200);
      return res.body;
    };
    const ordersStatus = await entityStatus('orders-cache');
    await entityStatus('sessions');
    // What the two probes cost; INFO commandstats counts itself only afterwards.
    const probed = {
      orders: await infoCalls(orders),
      sessions: await infoCalls(sessionsServer),
    };
    expect(probed.orders).toBeGreaterThan(0);
    const fleets = await Promise.all(
      Array.from({ length: 20 }, () =>
        api
          .get('/api/valkey/fleet')
          .set('Authorization', mockCredentials.user.header()),
      ),
    );
    expect(fleets.every(f => f.status === 200)).toBe(true);
    const ordersRows = fleets.map(
      f => byKey(f.body.rows)['resource:default/orders-cache dev'],
    );
    // The very document the entity route served, from the same cache.
    expect(new Set(ordersRows.map(r => r.probedAt))).toEqual(
      new Set([ordersStatus.probedAt]),
    );
    // 20 fleet pages later: no INFO beyond the one that read the counts.
    expect(await infoCalls(orders)).toBe(probed.orders + 1);
    expect(await infoCalls(sessionsServer)).toBe(probed.sessions + 1);
  });

  it('probes each instance once for many concurrent fleet pages', async () => {
    const api = await backend([ordersCache, sessions]);
    await sessionsServer.cli(['CONFIG', 'RESETSTAT']);
    const fleets = await Promise.all(
      Array.from({ length: 50 }, () =>
        api
          .get('/api/valkey/fleet')
          .set('Authorization', mockCredentials.user.header()),
      ),
    );
    expect(fleets.every(f => f.status === 200)).toBe(true);
    // sessions is a standalone instance: one probe is one INFO.
    expect(await infoCalls(sessionsServer)).toBe(1);
    expect(
      new Set(
        fleets.map(
          f => byKey(f.body.rows)['resource:default/orders-cache dev'].probedAt,
        ),
      ).size,
    ).toBe(1);
  });

  it('waits for the concurrency limit of the status probes: frozen instances are probed one after the other with maxConcurrentProbes 1', async () => {
    const frozen = await startValkeyServer();
    frozen.signal('SIGSTOP');
    try {
      const names = ['frozen-a', 'frozen-b', 'frozen-c'];
      const entities = names.map(n =>
        entity(n, valkey(n, 'dev', 'standalone')),
      );
      const limited = (maxConcurrentProbes: number) => ({
        valkey: {
          status: {
            refreshIntervalSeconds: 30,
            connectTimeoutMs: 500,
            commandTimeoutMs: 600,
            maxConcurrentProbes,
            environments: [
              {
                name: 'dev',
                host: '{instance}.invalid',
                instances: Object.fromEntries(
                  names.map(n => [n, { host: '127.0.0.1', port: frozen.port }]),
                ),
              },
            ],
          },
        },
      });
      const timed = async (maxConcurrentProbes: number) => {
        const api = await backend(entities, [], limited(maxConcurrentProbes));
        const started = Date.now();
        const res = await api
          .get('/api/valkey/fleet')
          .set('Authorization', mockCredentials.user.header());
        expect(res.status).toBe(200);
        expect(res.body.rows.map((r: FleetRow) => r.health)).toEqual([
          'down',
          'down',
          'down',
        ]);
        return Date.now() - started;
      };
      const one = await timed(1);
      const three = await timed(3);
      // eslint-disable-next-line no-console
      console.log(
        `3 frozen instances: ${one} ms with maxConcurrentProbes 1, ${three} ms with 3`,
      );
      expect(one).toBeGreaterThanOrEqual(3 * 500);
      expect(three).toBeLessThan(one);
    } finally {
      frozen.signal('SIGCONT');
      await frozen.destroy();
    }
  });

  it('filters by environment and refuses unknown or malformed query parameters (400)', async () => {
    const api = await backend([ordersCache, sessions]);
    const prod = await api
      .get('/api/valkey/fleet?environment=prod')
      .set('Authorization', mockCredentials.user.header());
    expect(prod.status).toBe(200);
    expect(
      prod.body.rows.map((r: FleetRow) => `${r.entityRef} ${r.environment}`),
    ).toEqual(['resource:default/orders-cache prod']);
    for (const [query, message] of [
      ['?environment=Bad_Name', /environment: "Bad_Name" is not a DNS label/],
      ['?environment=a&environment=b', /is not a DNS label/],
      ['?sort=health', /query parameter sort is not known/],
    ] as const) {
      const res = await api
        .get(`/api/valkey/fleet${query}`)
        .set('Authorization', mockCredentials.user.header());
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(message);
    }
  });
});
