/**
 * The operations as a deployment runs them: the real catalog backend (with
 * its database and processing loop) holding the entities, the real
 * permission backend with the owners-only policy of the README, the real
 * permissions service and actions registry, and a recording auditor. Backup
 * now goes to the Kubernetes API stand-in.
 */
import {
  AuditorService,
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceFactory } from '@backstage/backend-defaults/alpha';
import { httpAuthServiceFactory } from '@backstage/backend-defaults/httpAuth';
import { permissionsServiceFactory } from '@backstage/backend-defaults/permissions';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import permissionPlugin from '@backstage/plugin-permission-backend';
import { JsonObject } from '@backstage/types';
import { freePort } from '@valkey-backstage/valkey-local';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import {
  FakeKubernetesApi,
  startFakeKubernetesApi,
} from '../backup/__testUtils__/fakeKubernetesApi';
import {
  chartBackupCronJob,
  jobOf,
} from '../backup/__testUtils__/kubernetesObjects';
import { ownersOnlyPolicyModule } from '../__testUtils__/ownersOnlyPolicy';
import { valkeyPlugin } from '../plugin';

jest.setTimeout(120_000);

const ALICE = 'user:default/alice'; // member of team-orders, which owns the instance
const BOB = 'user:default/bob'; // member of team-payments

const entities = `
apiVersion: backstage.io/v1alpha1
kind: Group
metadata: { name: team-orders }
spec: { type: team, children: [] }
---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata: { name: team-payments }
spec: { type: team, children: [] }
---
apiVersion: backstage.io/v1alpha1
kind: User
metadata: { name: alice }
spec: { memberOf: [team-orders] }
---
apiVersion: backstage.io/v1alpha1
kind: User
metadata: { name: bob }
spec: { memberOf: [team-payments] }
---
apiVersion: backstage.io/v1alpha1
kind: Resource
metadata:
  name: orders
  annotations:
    valkey.backstage.io/instance: orders
    valkey.backstage.io/environments: prod
    valkey.backstage.io/mode: standalone
spec: { type: valkey, owner: group:default/team-orders }
`;

interface RecordedEvent {
  pluginId: string;
  eventId: string;
  severityLevel?: string;
  meta?: JsonObject;
  outcome?: 'success' | 'fail';
  error?: string;
  resultMeta?: JsonObject;
}

/** An auditor service that records every event, for assertions. */
function recordingAuditor(events: RecordedEvent[]) {
  return createServiceFactory({
    service: coreServices.auditor,
    deps: { plugin: coreServices.pluginMetadata },
    factory({ plugin }): AuditorService {
      return {
        async createEvent(options) {
          const event: RecordedEvent = {
            pluginId: plugin.getId(),
            eventId: options.eventId,
            severityLevel: options.severityLevel,
            meta: options.meta,
          };
          events.push(event);
          return {
            async success(o) {
              event.outcome = 'success';
              event.resultMeta = o?.meta;
            },
            async fail(o) {
              event.outcome = 'fail';
              event.error = o.error.message;
            },
          };
        },
      };
    },
  });
}

/**
 * Mock auth, except that a plugin's request on behalf of a user carries the
 * plugin as actor, as Backstage's real auth service does (the permission
 * backend refuses conditional queries from users without one).
 */
const authWithActors = createServiceFactory({
  service: coreServices.auth,
  deps: { plugin: coreServices.pluginMetadata },
  factory({ plugin }) {
    const inner = mockServices.auth({ pluginId: plugin.getId() });
    const prefix = 'mock-service-token:';
    return {
      getNoneCredentials: () => inner.getNoneCredentials(),
      getOwnServiceCredentials: () => inner.getOwnServiceCredentials(),
      isPrincipal: inner.isPrincipal.bind(inner) as typeof inner.isPrincipal,
      getPluginRequestToken: o => inner.getPluginRequestToken(o),
      getLimitedUserToken: c => inner.getLimitedUserToken(c),
      listPublicServiceKeys: () => inner.listPublicServiceKeys(),
      async authenticate(token, options) {
        const credentials = await inner.authenticate(token, options);
        if (token.startsWith(prefix)) {
          const { sub, obo } = JSON.parse(token.slice(prefix.length));
          if (obo) {
            return mockCredentials.user(obo, {
              actor: { subject: sub ?? 'external:test-service' },
            }) as any;
          }
        }
        return credentials;
      },
    };
  },
});

/** Group memberships as the sign-in resolver would put them into the token. */
const userInfo = createServiceFactory({
  service: coreServices.userInfo,
  deps: {},
  factory: () => ({
    async getUserInfo(credentials: any) {
      const ref = credentials.principal.userEntityRef as string;
      const groups: Record<string, string[]> = {
        [ALICE]: ['group:default/team-orders'],
        [BOB]: ['group:default/team-payments'],
      };
      return {
        userEntityRef: ref,
        ownershipEntityRefs: [ref, ...(groups[ref] ?? [])],
      };
    },
  }),
});

describe('operations with the owners-only policy, the real catalog and permission backends', () => {
  let dir: string;
  let api: FakeKubernetesApi;
  let objects: any[];
  let server: any;
  let stop: () => Promise<void>;
  const events: RecordedEvent[] = [];
  const cronJob = chartBackupCronJob({
    lastSuccessfulTime: '2026-01-10T02:00:42Z',
  });
  const as = (user: string) => mockCredentials.user.header(user);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'valkey-owners-'));
    writeFileSync(join(dir, 'entities.yaml'), entities);
    objects = [
      { kind: 'CronJob', ...cronJob },
      { kind: 'Job', ...jobOf(cronJob, '2026-01-10T02:00:00Z', 'succeeded') },
    ];
    api = await startFakeKubernetesApi({ token: 'ops-token', objects });
    const backend = await startTestBackend({
      features: [
        valkeyPlugin,
        catalogPlugin,
        permissionPlugin,
        ownersOnlyPolicyModule,
        permissionsServiceFactory,
        actionsRegistryServiceFactory,
        userInfo,
        authWithActors,
        httpAuthServiceFactory,
        recordingAuditor(events),
        mockServices.rootConfig.factory({
          data: {
            permission: { enabled: true },
            catalog: {
              rules: [{ allow: ['User', 'Group', 'Resource'] }],
              locations: [{ type: 'file', target: join(dir, 'entities.yaml') }],
            },
            valkey: {
              status: {
                refreshIntervalSeconds: 60,
                connectTimeoutMs: 300,
                commandTimeoutMs: 300,
                environments: [
                  {
                    name: 'prod',
                    instances: {
                      orders: { host: '127.0.0.1', port: await freePort() },
                    },
                    kubernetes: {
                      url: api.url,
                      caData: api.caData,
                      token: 'ops-token',
                    },
                    operations: {},
                  },
                ],
              },
            },
          },
        }),
      ],
    });
    server = backend.server;
    stop = () => backend.stop();
    // The catalog's processing loop brings the entities in.
    const deadline = Date.now() + 60_000;
    for (;;) {
      const res = await request(server)
        .get('/api/catalog/entities/by-name/resource/default/orders')
        .set('Authorization', as(ALICE));
      if (res.status === 200) break;
      console.log(res.status, JSON.stringify(res.body).slice(0, 300));
      if (Date.now() > deadline)
        throw new Error('the catalog never had the entity');
      await new Promise(r => setTimeout(r, 300));
    }
  });
  afterAll(async () => {
    await stop?.();
    await api?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const backup = (user: string) =>
    request(server)
      .post('/api/valkey/entities/default/resource/orders/operations/backup')
      .set('Authorization', as(user))
      .send({ environment: 'prod' });

  it('an owner backs up now (202), the Job exists, and the audit event names who, what, where and the result', async () => {
    events.length = 0;
    const res = await backup(ALICE);
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({
      operation: 'backup',
      entityRef: 'resource:default/orders',
      environment: 'prod',
      jobName: expect.stringMatching(/^orders-valkey-backup-manual-/),
    });
    expect(objects.map(o => o.metadata?.name)).toContain(res.body.jobName);
    const audit = events.filter(e => e.pluginId === 'valkey');
    expect(audit).toEqual([
      {
        pluginId: 'valkey',
        eventId: 'instance-operation',
        severityLevel: 'medium',
        meta: {
          operation: 'backup',
          entityRef: 'resource:default/orders',
          environment: 'prod',
          actor: ALICE,
        },
        outcome: 'success',
        resultMeta: {
          result: res.body.message,
          jobName: res.body.jobName,
        },
      },
    ]);
    // Finish it, as the Job controller would, so later backups may start.
    objects.find(o => o.metadata?.name === res.body.jobName).status = {
      succeeded: 1,
      conditions: [{ type: 'Complete', status: 'True' }],
    };
  });

  it('another user gets 403, no Job is created, and the denial is audited as failed', async () => {
    events.length = 0;
    const posts = api.requests.filter(r => r.method === 'POST').length;
    const res = await backup(BOB);
    expect(res.status).toBe(403);
    expect(res.body.error.message).toBe(
      'you are not allowed to run operations on resource:default/orders',
    );
    expect(api.requests.filter(r => r.method === 'POST')).toHaveLength(posts);
    expect(events.filter(e => e.pluginId === 'valkey')).toEqual([
      expect.objectContaining({
        meta: expect.objectContaining({ actor: BOB, operation: 'backup' }),
        outcome: 'fail',
        error:
          'you are not allowed to run operations on resource:default/orders',
      }),
    ]);
  });

  it('the other user may still read the status (operations are a separate permission)', async () => {
    const res = await request(server)
      .get(
        '/api/valkey/entities/default/resource/orders/status?environment=prod',
      )
      .set('Authorization', as(BOB));
    expect(res.status).toBe(200);
    expect(res.body.backup.configured).toBe(true);
  });

  it('refuses bad input with what to change, before any permission or cluster call', async () => {
    const bad = await request(server)
      .post('/api/valkey/entities/default/resource/orders/operations/backup')
      .set('Authorization', as(ALICE))
      .send({ environment: 'Prod!' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(
      /environment "Prod!" is not a DNS label/,
    );
    const unknown = await request(server)
      .post('/api/valkey/entities/default/resource/orders/operations/restart')
      .set('Authorization', as(ALICE))
      .send({ environment: 'prod' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toBe(
      'unknown operation "restart"; use backup or failover',
    );
    const otherEnv = await request(server)
      .post('/api/valkey/entities/default/resource/orders/operations/backup')
      .set('Authorization', as(ALICE))
      .send({ environment: 'staging' });
    expect(otherEnv.status).toBe(400);
    expect(otherEnv.body.error.message).toBe(
      'staging is not one of the environments of resource:default/orders (prod)',
    );
    const anonymous = await request(server)
      .post('/api/valkey/entities/default/resource/orders/operations/backup')
      .set('Authorization', mockCredentials.none.header())
      .send({ environment: 'prod' });
    expect(anonymous.status).toBe(401);
  });

  describe('actions registry over HTTP', () => {
    const actionsPath = '/api/valkey/.backstage/actions/v1/actions';

    it('lists the status read (read-only) and the two operations with their attributes and schemas', async () => {
      const res = await request(server)
        .get(actionsPath)
        .set('Authorization', as(ALICE));
      expect(res.status).toBe(200);
      const byId = Object.fromEntries(
        res.body.actions.map((a: any) => [a.id, a]),
      );
      expect(Object.keys(byId).sort()).toEqual([
        'valkey:backup-now',
        'valkey:failover',
        'valkey:get-instance-status',
      ]);
      expect(byId['valkey:get-instance-status'].attributes).toEqual({
        readOnly: true,
        destructive: false,
        idempotent: true,
      });
      expect(byId['valkey:failover'].attributes).toEqual({
        readOnly: false,
        destructive: true,
        idempotent: false,
      });
      expect(byId['valkey:backup-now'].attributes.readOnly).toBe(false);
      expect(byId['valkey:failover'].schema.input.required).toEqual([
        'entityRef',
        'environment',
      ]);
      expect(
        Object.keys(byId['valkey:failover'].schema.input.properties),
      ).toEqual(['entityRef', 'environment', 'replica']);
    });

    it('an agent reads the status through get-instance-status', async () => {
      const res = await request(server)
        .post(`${actionsPath}/valkey:get-instance-status/invoke`)
        .set('Authorization', as(BOB))
        .send({ entityRef: 'resource:default/orders', environment: 'prod' });
      expect(res.status).toBe(200);
      expect(res.body.output).toMatchObject({
        health: expect.any(String),
        mode: 'standalone',
        summary: expect.any(String),
        status: expect.objectContaining({
          entityRef: 'resource:default/orders',
          environment: 'prod',
        }),
      });
    });

    it('backup-now: the owner starts a Job, the other user gets 403, both audited', async () => {
      events.length = 0;
      const owner = await request(server)
        .post(`${actionsPath}/valkey:backup-now/invoke`)
        .set('Authorization', as(ALICE))
        .send({ entityRef: 'resource:default/orders', environment: 'prod' });
      expect(owner.status).toBe(200);
      expect(owner.body.output).toMatchObject({
        environment: 'prod',
        jobName: expect.stringMatching(/^orders-valkey-backup-manual-/),
      });
      const other = await request(server)
        .post(`${actionsPath}/valkey:backup-now/invoke`)
        .set('Authorization', as(BOB))
        .send({ entityRef: 'resource:default/orders', environment: 'prod' });
      expect(other.status).toBe(403);
      expect(
        events
          .filter(e => e.pluginId === 'valkey')
          .map(e => [e.meta?.actor, e.outcome]),
      ).toEqual([
        [ALICE, 'success'],
        [BOB, 'fail'],
      ]);
    });

    it('failover: the other user gets 403 before anything reaches Valkey', async () => {
      const res = await request(server)
        .post(`${actionsPath}/valkey:failover/invoke`)
        .set('Authorization', as(BOB))
        .send({ entityRef: 'resource:default/orders', environment: 'prod' });
      expect(res.status).toBe(403);
    });

    it('refuses input that does not match the schema', async () => {
      const res = await request(server)
        .post(`${actionsPath}/valkey:backup-now/invoke`)
        .set('Authorization', as(ALICE))
        .send({ entityRef: 'resource:default/orders' });
      expect(res.status).toBe(400);
    });
  });
});
