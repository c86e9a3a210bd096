/**
 * The operations as a deployment runs them (see startOwnersBackend): the real
 * catalog and permission backends with the owners-only policy of the README.
 * Backup now goes to the Kubernetes API stand-in.
 */
import { mockCredentials } from '@backstage/backend-test-utils';
import request from 'supertest';
import { FakeKubernetesApi } from '../backup/__testUtils__/fakeKubernetesApi';
import {
  ALICE,
  BOB,
  completeJob,
  RecordedEvent,
  startBackupKubernetesApi,
  startOwnersBackend,
} from '../__testUtils__/ownersBackend';

jest.setTimeout(120_000);

describe('operations with the owners-only policy, the real catalog and permission backends', () => {
  let api: FakeKubernetesApi;
  let objects: any[];
  let server: any;
  let stop: () => Promise<void>;
  const events: RecordedEvent[] = [];
  const as = (user: string) => mockCredentials.user.header(user);

  beforeAll(async () => {
    ({ api, objects } = await startBackupKubernetesApi());
    const backend = await startOwnersBackend({ api, events });
    server = backend.server;
    stop = backend.stop;
  });
  afterAll(async () => {
    await stop?.();
    await api?.close();
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
    completeJob(objects, res.body.jobName);
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
