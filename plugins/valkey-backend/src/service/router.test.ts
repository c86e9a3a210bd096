import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { cacheServiceFactory } from '@backstage/backend-defaults/cache';
import { Entity } from '@backstage/catalog-model';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  parseInfo,
  startValkeyServer,
  ValkeyServer,
} from '@valkey-backstage/valkey-local';
import { InstanceStatus } from '@valkey-backstage/plugin-valkey-common';
import request from 'supertest';
import { valkeyPlugin } from '../plugin';
import {
  MONITOR_PASSWORD,
  MONITOR_USER,
  monitoringUserLine,
} from '../__testUtils__/chartMonitoringAcl';

jest.setTimeout(120_000);

const entity = (name: string, annotations: Record<string, string>): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: { name, namespace: 'default', annotations },
  spec: { type: 'valkey', owner: 'team-a' },
});

const ordersCache = entity('orders-cache', {
  'valkey.backstage.io/instance': 'orders',
  'valkey.backstage.io/environments': 'dev,prod',
  'valkey.backstage.io/mode': 'standalone',
});

/** Counts of commands a server has executed since the last CONFIG RESETSTAT. */
async function commandCounts(
  server: ValkeyServer,
): Promise<Record<string, number>> {
  const stats = parseInfo(await server.cli(['INFO', 'commandstats']));
  const counts: Record<string, number> = {};
  for (const [key, value] of Object.entries(stats)) {
    counts[key.replace(/^cmdstat_/, '')] = Number(
      /calls=(\d+)/.exec(value)?.[1] ?? 0,
    );
  }
  return counts;
}

const connectedClients = async (server: ValkeyServer) =>
  Number(parseInfo(await server.cli(['INFO', 'clients'])).connected_clients);

describe('valkey status routes', () => {
  let target: ValkeyServer;
  let decoy: ValkeyServer;

  beforeAll(async () => {
    target = await startValkeyServer({ config: [monitoringUserLine('data')] });
    decoy = await startValkeyServer();
  });
  afterAll(async () => {
    await target.destroy();
    await decoy.destroy();
  });

  const statusConfig = (refreshIntervalSeconds = 30) => ({
    valkey: {
      status: {
        refreshIntervalSeconds,
        connectTimeoutMs: 500,
        commandTimeoutMs: 1000,
        environments: [
          {
            name: 'dev',
            instances: { orders: { host: '127.0.0.1', port: target.port } },
            credentials: { username: MONITOR_USER, password: MONITOR_PASSWORD },
          },
        ],
      },
    },
  });

  async function backend(
    options: {
      entities?: Entity[];
      refreshIntervalSeconds?: number;
      extraConfig?: object;
      features?: any[];
    } = {},
  ) {
    const { server } = await startTestBackend({
      features: [
        valkeyPlugin,
        mockServices.rootConfig.factory({
          data: {
            ...statusConfig(options.refreshIntervalSeconds),
            ...(options.extraConfig ?? {}),
          },
        }),
        catalogServiceMock.factory({
          entities: options.entities ?? [ordersCache],
        }),
        ...(options.features ?? []),
      ],
    });
    return server;
  }

  const statusPath =
    '/api/valkey/entities/default/resource/orders-cache/status';

  it('refuses a request without credentials (401)', async () => {
    const server = await backend();
    const res = await request(server)
      .get(`${statusPath}?environment=dev`)
      .set('Authorization', mockCredentials.none.header());
    expect(res.status).toBe(401);
    const envs = await request(server)
      .get('/api/valkey/entities/default/resource/orders-cache/environments')
      .set('Authorization', mockCredentials.none.header());
    expect(envs.status).toBe(401);
  });

  it('serves the status document and the list of environments', async () => {
    const server = await backend();
    const res = await request(server)
      .get(`${statusPath}?environment=dev`)
      .set('Authorization', mockCredentials.user.header());
    expect(res.status).toBe(200);
    const body = res.body as InstanceStatus;
    expect(body).toMatchObject({
      entityRef: 'resource:default/orders-cache',
      environment: 'dev',
      mode: 'standalone',
      health: 'healthy',
      problems: [],
    });
    expect(body.topology).toMatchObject({
      kind: 'standalone',
      primary: { address: target.address },
    });
    expect(JSON.stringify(body)).not.toContain(MONITOR_PASSWORD);

    const envs = await request(server)
      .get('/api/valkey/entities/default/resource/orders-cache/environments')
      .set('Authorization', mockCredentials.user.header());
    expect(envs.status).toBe(200);
    expect(envs.body).toEqual({
      entityRef: 'resource:default/orders-cache',
      environments: [
        { name: 'dev', configured: true, operations: false },
        { name: 'prod', configured: false, operations: false },
      ],
    });
  });

  it.each([
    ['', /query parameter environment is required/],
    [
      '?environment=staging',
      /"staging" is not one of the entity's environments \(dev, prod\)/,
    ],
    ['?environment=Bad_Name', /is not a DNS label/],
  ])('answers 400 naming the parameter for %s', async (query, message) => {
    const server = await backend();
    const res = await request(server)
      .get(`${statusPath}${query}`)
      .set('Authorization', mockCredentials.user.header());
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(message);
  });

  it('answers an environment of the entity without status settings with a typed "not configured" state, not an error', async () => {
    const server = await backend();
    const res = await request(server)
      .get(`${statusPath}?environment=prod`)
      .set('Authorization', mockCredentials.user.header());
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      entityRef: 'resource:default/orders-cache',
      environment: 'prod',
      unavailable: 'not-configured',
      message: 'status not configured for prod',
    });
    expect(JSON.stringify(res.body)).not.toMatch(/valkey\.status|stack|Error/);
  });

  it('answers an instance whose service name does not exist yet with a typed "not deployed yet" state, without probing', async () => {
    const fresh = entity('fresh-cache', {
      'valkey.backstage.io/instance': 'fresh',
      'valkey.backstage.io/environments': 'dev',
      'valkey.backstage.io/mode': 'standalone',
    });
    const { server } = await startTestBackend({
      features: [
        valkeyPlugin,
        mockServices.rootConfig.factory({
          data: {
            valkey: {
              status: {
                connectTimeoutMs: 500,
                environments: [
                  // The pattern names a Service; a new instance has none yet.
                  { name: 'dev', host: '{instance}.dev.invalid', port: 6379 },
                ],
              },
            },
          },
        }),
        catalogServiceMock.factory({ entities: [fresh] }),
      ],
    });
    const res = await request(server)
      .get(
        '/api/valkey/entities/default/resource/fresh-cache/status?environment=dev',
      )
      .set('Authorization', mockCredentials.user.header());
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      entityRef: 'resource:default/fresh-cache',
      environment: 'dev',
      unavailable: 'not-deployed',
      message: expect.stringMatching(/^not deployed yet in dev: /),
    });
  });

  it('still refuses the not-configured answer to a caller without the status permission', async () => {
    const { server } = await startTestBackend({
      features: [
        valkeyPlugin,
        mockServices.rootConfig.factory({ data: statusConfig() }),
        catalogServiceMock.factory({ entities: [ordersCache] }),
        mockServices.permissions.factory({ result: AuthorizeResult.DENY }),
      ],
    });
    const res = await request(server)
      .get(`${statusPath}?environment=prod`)
      .set('Authorization', mockCredentials.user.header());
    expect(res.status).toBe(403);
  });

  it('does not serve an entity the caller cannot read in the catalog (404), loading it with the caller credentials', async () => {
    const catalog = catalogServiceMock.mock({
      getEntityByRef: jest.fn(async (_ref, options) => {
        const principal = (options as { credentials?: any } | undefined)
          ?.credentials?.principal;
        return principal?.userEntityRef === 'user:default/owner'
          ? ordersCache
          : undefined;
      }),
    });
    const { server } = await startTestBackend({
      features: [
        valkeyPlugin,
        mockServices.rootConfig.factory({ data: statusConfig() }),
        catalog.factory,
      ],
    });
    const outsider = await request(server)
      .get(`${statusPath}?environment=dev`)
      .set(
        'Authorization',
        mockCredentials.user.header('user:default/outsider'),
      );
    expect(outsider.status).toBe(404);
    expect(JSON.stringify(outsider.body)).not.toContain(target.address);
    const owner = await request(server)
      .get(`${statusPath}?environment=dev`)
      .set('Authorization', mockCredentials.user.header('user:default/owner'));
    expect(owner.status).toBe(200);
    expect(catalog.getEntityByRef).toHaveBeenCalledWith(
      'resource:default/orders-cache',
      expect.objectContaining({ credentials: expect.anything() }),
    );
  });

  it('answers 403 when valkey.status.read is denied', async () => {
    const server = await backend({
      features: [
        mockServices.permissions.factory({ result: AuthorizeResult.DENY }),
      ],
    });
    const res = await request(server)
      .get(`${statusPath}?environment=dev`)
      .set('Authorization', mockCredentials.user.header());
    expect(res.status).toBe(403);
  });

  it('cannot be redirected by hostile annotations', async () => {
    await decoy.cli(['CONFIG', 'RESETSTAT']);
    const hostile = entity('hostile', {
      'valkey.backstage.io/instance': 'orders',
      'valkey.backstage.io/environments': 'dev',
      'valkey.backstage.io/host': '127.0.0.1',
      'valkey.backstage.io/port': String(decoy.port),
      'valkey.backstage.io/endpoint': decoy.address,
    });
    const hostName = entity('host-name', {
      'valkey.backstage.io/instance': `127.0.0.1:${decoy.port}`,
      'valkey.backstage.io/environments': 'dev',
    });
    const server = await backend({ entities: [hostile, hostName] });
    const res = await request(server)
      .get(
        '/api/valkey/entities/default/resource/hostile/status?environment=dev',
      )
      .set('Authorization', mockCredentials.user.header());
    expect(res.status).toBe(200);
    expect(res.body.topology.primary.address).toBe(target.address);
    const named = await request(server)
      .get(
        '/api/valkey/entities/default/resource/host-name/status?environment=dev',
      )
      .set('Authorization', mockCredentials.user.header());
    expect(named.status).toBe(400);
    expect(named.body.error.message).toMatch(
      /valkey.backstage.io\/instance: .* is not a valid release name/,
    );
    const decoyCommands = await commandCounts(decoy);
    // Nothing but our own CONFIG RESETSTAT (INFO commandstats counts itself only afterwards).
    expect(
      Object.keys(decoyCommands).filter(c => c !== 'config|resetstat'),
    ).toEqual([]);
  });

  it('probes once for 100 concurrent viewers', async () => {
    const server = await backend();
    await target.cli(['CONFIG', 'RESETSTAT']);
    const responses = await Promise.all(
      Array.from({ length: 100 }, () =>
        request(server)
          .get(`${statusPath}?environment=dev`)
          .set('Authorization', mockCredentials.user.header()),
      ),
    );
    expect(responses.every(r => r.status === 200)).toBe(true);
    expect(new Set(responses.map(r => r.body.probedAt)).size).toBe(1);
    const counts = await commandCounts(target);
    expect(counts.auth).toBe(1);
    expect(counts.info).toBe(1); // one probe (INFO commandstats counts itself only afterwards)
  });

  it('leaves the connected-client count where it was after 1,000 requests that each probe', async () => {
    const server = await backend({ refreshIntervalSeconds: 0.001 });
    const before = await connectedClients(target);
    await target.cli(['CONFIG', 'RESETSTAT']);
    for (let batch = 0; batch < 100; batch++) {
      const responses = await Promise.all(
        Array.from({ length: 10 }, () =>
          request(server)
            .get(`${statusPath}?environment=dev`)
            .set('Authorization', mockCredentials.user.header()),
        ),
      );
      expect(responses.every(r => r.status === 200)).toBe(true);
    }
    const counts = await commandCounts(target);
    expect(counts.info).toBeGreaterThan(100); // the cache did expire: many real probes
    const deadline = Date.now() + 5000;
    while (
      (await connectedClients(target)) !== before &&
      Date.now() < deadline
    ) {
      await new Promise(r => setTimeout(r, 50));
    }
    expect(await connectedClients(target)).toBe(before);
  });

  it('shares results between backend replicas through a Valkey cache store', async () => {
    const store = await startValkeyServer();
    try {
      const cacheConfig = {
        backend: {
          cache: {
            store: 'valkey',
            connection: `redis://127.0.0.1:${store.port}`,
          },
        },
      };
      const first = await backend({
        extraConfig: cacheConfig,
        features: [cacheServiceFactory],
      });
      const second = await backend({
        extraConfig: cacheConfig,
        features: [cacheServiceFactory],
      });
      await target.cli(['CONFIG', 'RESETSTAT']);
      const a = await request(first)
        .get(`${statusPath}?environment=dev`)
        .set('Authorization', mockCredentials.user.header());
      const b = await request(second)
        .get(`${statusPath}?environment=dev`)
        .set('Authorization', mockCredentials.user.header());
      expect(a.status).toBe(200);
      expect(b.status).toBe(200);
      expect(b.body.probedAt).toBe(a.body.probedAt);
      expect((await commandCounts(target)).info).toBe(1);
      expect(
        Number(
          parseInfo(await store.cli(['INFO', 'keyspace'])).db0?.match(
            /keys=(\d+)/,
          )?.[1],
        ),
      ).toBeGreaterThan(0);
    } finally {
      await store.destroy();
    }
  });

  describe('per-caller access cache', () => {
    const owner = mockCredentials.user.header('user:default/owner');
    const outsider = mockCredentials.user.header('user:default/outsider');

    it("never serves one caller's permission decision to another", async () => {
      const authorize = jest.fn(async (requests: any[], options: any) =>
        requests.map(() => ({
          result:
            options?.credentials?.principal?.userEntityRef ===
            'user:default/owner'
              ? AuthorizeResult.ALLOW
              : AuthorizeResult.DENY,
        })),
      );
      const permissions = mockServices.permissions.mock({
        authorize: authorize as any,
      });
      const server = await backend({ features: [permissions.factory] });
      const get = (auth: string) =>
        request(server)
          .get(`${statusPath}?environment=dev`)
          .set('Authorization', auth);
      // owner first, so a shared cache would let the outsider through
      expect((await get(owner)).status).toBe(200);
      expect((await get(outsider)).status).toBe(403);
      expect((await get(owner)).status).toBe(200);
      expect((await get(outsider)).status).toBe(403);
      // one decision per caller within the cache window
      expect(authorize).toHaveBeenCalledTimes(2);
      // a caller without credentials is still refused before any lookup
      expect((await get(mockCredentials.none.header())).status).toBe(401);
    });

    it('answers 403, not 500, when denied while the catalog lookup fails', async () => {
      const catalog = catalogServiceMock.mock({
        getEntityByRef: jest.fn(async () => {
          throw new Error('catalog down');
        }),
      });
      const { server } = await startTestBackend({
        features: [
          valkeyPlugin,
          mockServices.rootConfig.factory({ data: statusConfig() }),
          catalog.factory,
          mockServices.permissions.factory({ result: AuthorizeResult.DENY }),
        ],
      });
      const res = await request(server)
        .get(`${statusPath}?environment=dev`)
        .set('Authorization', owner);
      expect(res.status).toBe(403);
    });

    it('decides again on every request with valkey.status.accessCacheMs 0', async () => {
      const authorize = jest.fn(async (requests: any[]) =>
        requests.map(() => ({ result: AuthorizeResult.ALLOW })),
      );
      const permissions = mockServices.permissions.mock({
        authorize: authorize as any,
      });
      const config = statusConfig();
      const { server } = await startTestBackend({
        features: [
          valkeyPlugin,
          mockServices.rootConfig.factory({
            data: {
              valkey: { status: { ...config.valkey.status, accessCacheMs: 0 } },
            },
          }),
          catalogServiceMock.factory({ entities: [ordersCache] }),
          permissions.factory,
        ],
      });
      for (let i = 0; i < 3; i++) {
        const res = await request(server)
          .get(`${statusPath}?environment=dev`)
          .set('Authorization', owner);
        expect(res.status).toBe(200);
      }
      expect(authorize).toHaveBeenCalledTimes(3);
    });

    it("never serves one caller's entity to another who cannot see it", async () => {
      const catalog = catalogServiceMock.mock({
        getEntityByRef: jest.fn(async (_ref, options) =>
          (options as any)?.credentials?.principal?.userEntityRef ===
          'user:default/owner'
            ? ordersCache
            : undefined,
        ),
      });
      const { server } = await startTestBackend({
        features: [
          valkeyPlugin,
          mockServices.rootConfig.factory({ data: statusConfig() }),
          catalog.factory,
        ],
      });
      const get = (auth: string) =>
        request(server)
          .get(`${statusPath}?environment=dev`)
          .set('Authorization', auth);
      expect((await get(owner)).status).toBe(200);
      const denied = await get(outsider);
      expect(denied.status).toBe(404);
      expect(JSON.stringify(denied.body)).not.toContain(target.address);
      expect((await get(owner)).status).toBe(200);
      expect(catalog.getEntityByRef).toHaveBeenCalledTimes(2);
    });
  });
});
