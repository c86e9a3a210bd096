/**
 * The form's live checks through the real scaffolder backend with the Valkey
 * module: signed-in callers only, the environments with their policy in
 * words, the name check against the catalog and the GitOps folder, and the
 * form check refusing every bad input the render action refuses (the
 * action's own hostile cases), naming the same fields.
 */
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { ConfigReader } from '@backstage/config';
import valkeyScaffolderModule, {
  createRenderGitopsAction,
} from '@valkey-backstage/plugin-scaffolder-backend-module-valkey';
import type { JsonObject } from '@backstage/types';
import fs from 'fs';
import os from 'os';
import path from 'path';
import request from 'supertest';
// The render action's own test cases, so the form check is held to exactly them.
// eslint-disable-next-line @backstage/no-forbidden-package-imports
import { hostileRenderInputs } from '@valkey-backstage/plugin-scaffolder-backend-module-valkey/src/actions/renderGitops.hostile';
/* eslint-disable-next-line @backstage/no-forbidden-package-imports */
import {
  rawGitopsConfig,
  specsByMode,
} from '@valkey-backstage/plugin-scaffolder-backend-module-valkey/src/render/__fixtures__/fixtures';

const existing = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: { name: 'demo-cluster', namespace: 'default' },
  spec: { type: 'valkey', owner: 'group:default/team-a' },
};

describe('the form checks on the scaffolder backend', () => {
  let tmp: string;
  let server: any;
  let backend: Awaited<ReturnType<typeof startTestBackend>>;
  let gitops: JsonObject;
  const user = () => mockCredentials.user.header();
  const formCheck = (body: object | unknown[]) =>
    request(server)
      .post('/api/scaffolder/valkey/form-check')
      .set('Authorization', user())
      .send(body);

  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'valkey-form-check-'));
    fs.mkdirSync(path.join(tmp, 'gitops', 'valkey', 'old-folder'), {
      recursive: true,
    });
    gitops = {
      ...rawGitopsConfig,
      chart: { source: 'vendored' },
      localRepository: { path: path.join(tmp, 'gitops'), branch: 'main' },
    };
    backend = await startTestBackend({
      features: [
        scaffolderPlugin,
        valkeyScaffolderModule,
        catalogServiceMock.factory({ entities: [existing] }),
        mockServices.rootConfig.factory({
          data: {
            backend: { baseUrl: 'http://localhost:7007' },
            valkey: { gitops },
          },
        }),
      ],
    });
    server = backend.server;
  }, 60_000);

  afterAll(async () => {
    await backend?.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it.each([
    ['get', '/api/scaffolder/valkey/environments'],
    ['get', '/api/scaffolder/valkey/name-check?name=orders'],
    ['post', '/api/scaffolder/valkey/form-check'],
  ])('%s %s refuses a caller without credentials', async (method, url) => {
    const res = await (request(server) as any)
      [method](url)
      .set('Authorization', mockCredentials.none.header())
      .send({ form: {} });
    expect(res.status).toBe(401);
  });

  it('lists the configured environments with their policy in plain words', async () => {
    const res = await request(server)
      .get('/api/scaffolder/valkey/environments')
      .set('Authorization', user());
    expect(res.status).toBe(200);
    expect(res.body.environments).toEqual([
      { name: 'dev', policy: 'no extra requirements' },
      { name: 'staging', policy: 'needs password authentication' },
      {
        name: 'prod',
        policy: expect.stringMatching(
          /^needs high availability \(Sentinel or cluster\), password authentication, TLS, scheduled backups and persistent storage/,
        ),
      },
    ]);
    expect(JSON.stringify(res.body)).not.toMatch(/valkey\.gitops|require[A-Z]/);
  });

  it.each([
    ['orders-cache', true, /"orders-cache" is free/],
    [
      'demo-cluster',
      false,
      /already taken in the catalog \(resource:default\/demo-cluster\)/,
    ],
    ['old-folder', false, /already has a folder valkey\/old-folder/],
    ['Orders', false, /^Start the name with a lowercase letter/],
    ['orders_cache', false, /^Use only lowercase letters, digits and hyphens/],
    ['orders-', false, /^Do not end the name with a hyphen/],
    ['x'.repeat(41), false, /use at most 40/],
  ])('name %s: ok %s, in words', async (name, ok, message) => {
    const res = await request(server)
      .get('/api/scaffolder/valkey/name-check')
      .query({ name })
      .set('Authorization', user());
    expect(res.status).toBe(200);
    expect(res.body.ok).toBe(ok);
    expect(res.body.message).toMatch(message);
    expect(res.body.message).not.toMatch(/\^|\[a-z\]|pattern/);
  });

  it('the instance being changed keeps its own name', async () => {
    const res = await request(server)
      .get('/api/scaffolder/valkey/name-check')
      .query({ name: 'demo-cluster', intent: 'change' })
      .set('Authorization', user());
    expect(res.body.ok).toBe(true);
  });

  it('refuses an unknown intent', async () => {
    const res = await request(server)
      .get('/api/scaffolder/valkey/name-check')
      .query({ name: 'x', intent: 'overwrite' })
      .set('Authorization', user());
    expect(res.status).toBe(400);
  });

  it('shows the effective settings per environment: prod overrides turn TLS and backups on for prod only', async () => {
    const res = await formCheck({
      form: {
        name: 'sessions',
        owner: 'group:default/team-identity',
        mode: 'sentinel',
        size: 'small',
        dataPods: 3,
        sentinels: 3,
        persistenceEnabled: true,
        authEnabled: true,
        tlsEnabled: false,
        backupsEnabled: false,
        environments: [
          { name: 'dev' },
          {
            name: 'prod',
            overrides: {
              tls: { enabled: true },
              backups: { enabled: true },
            },
          },
        ],
      },
    });
    expect(res.status).toBe(200);
    expect(res.body.problems).toEqual([]);
    expect(res.body.ok).toBe(true);
    const [dev, prod] = res.body.environments;
    expect(dev).toMatchObject({ name: 'dev', tls: false, backups: 'off' });
    expect(prod).toMatchObject({ name: 'prod', tls: true });
    expect(prod.backups).not.toBe('off');
    expect(prod.topology).toMatch(/^3 data pods \(1 primary\)/);
  });

  it("says in the form's words what prod's policy still requires", async () => {
    const res = await formCheck({
      form: {
        name: 'sessions',
        owner: 'group:default/team-identity',
        mode: 'replication',
        replicas: 2,
        environments: [{ name: 'prod' }],
      },
    });
    expect(res.body.ok).toBe(false);
    const messages = res.body.problems.map((p: any) => p.message).join('\n');
    expect(messages).toMatch(
      /prod needs high availability: choose Sentinel or Cluster/,
    );
    expect(messages).toMatch(/prod needs TLS: turn TLS on/);
    expect(messages).toMatch(/prod needs scheduled backups/);
    expect(messages).not.toMatch(/valkey\.gitops|overrides|enabled/);
  });

  it('refuses a taken name in the form check too', async () => {
    const res = await formCheck({
      instance: { ...specsByMode.replication, name: 'demo-cluster' },
    });
    expect(res.body.ok).toBe(false);
    expect(res.body.problems[0]).toMatchObject({
      field: 'name',
      label: 'Instance name',
      message: expect.stringMatching(/already taken/),
    });
  });

  describe('a change of an existing instance, before Create', () => {
    const stored = { ...specsByMode.replication, name: 'preview-cache' };
    beforeAll(async () => {
      // The stored folder as the render action writes it.
      const workspacePath = fs.mkdtempSync(path.join(tmp, 'ws-'));
      await createRenderGitopsAction({
        config: new ConfigReader({ valkey: { gitops } }),
        catalog: catalogServiceMock({ entities: [] }),
        auth: mockServices.auth(),
      }).handler(
        createMockActionContext({
          input: { instance: stored } as any,
          workspacePath,
        }) as any,
      );
      fs.cpSync(
        path.join(workspacePath, 'valkey', 'preview-cache'),
        path.join(tmp, 'gitops', 'valkey', 'preview-cache'),
        { recursive: true },
      );
    });

    it('lists the files it changes and deletes, and what it can lose', async () => {
      const res = await formCheck({
        intent: 'change',
        instance: {
          ...stored,
          size: 'medium',
          environments: [stored.environments[0]],
        },
      });
      expect(res.body.problems).toEqual([]);
      const change = res.body.change;
      expect(change.added).toEqual([]);
      expect(change.changed).toEqual(
        expect.arrayContaining(['values.yaml', 'instance.yaml']),
      );
      expect(change.deleted).toEqual(
        expect.arrayContaining(['values-staging.yaml', 'argocd/staging.yaml']),
      );
      expect(change.deleted.every((p: string) => /staging/.test(p))).toBe(true);
      expect(change.summary).toMatch(
        /changed \(.*values\.yaml.*\); \d+ deleted \(/,
      );
      expect(change.destructive).toEqual([
        'staging is removed: the instance there and its data are deleted',
      ]);
    });

    it('a change that keeps every environment and pod loses nothing', async () => {
      const res = await formCheck({
        intent: 'change',
        instance: { ...stored, description: 'Cache for the orders API, v2' },
      });
      expect(res.body.ok).toBe(true);
      expect(res.body.change.destructive).toEqual([]);
      expect(res.body.change.deleted).toEqual([]);
      expect(res.body.change.changed).toContain('catalog-info.yaml');
    });

    it('an instance without a stored folder is refused in the form, in words', async () => {
      const res = await formCheck({
        intent: 'change',
        instance: { ...stored, name: 'never-rendered' },
      });
      expect(res.body.ok).toBe(false);
      expect(res.body.change).toBeUndefined();
      expect(res.body.problems).toEqual([
        {
          field: 'changeOf',
          label: 'Instance being changed',
          message: expect.stringMatching(
            /^The folder of never-rendered holds no instance\.yaml, so it is not an instance rendered by this template/,
          ),
        },
      ]);
    });

    it('a new instance gets no change preview', async () => {
      const res = await formCheck({
        instance: { ...stored, name: 'fresh-cache' },
      });
      expect(res.body.ok).toBe(true);
      expect(res.body.change).toBeUndefined();
    });
  });

  it('refuses a body that is not an object of form values', async () => {
    const res = await formCheck([1, 2]);
    expect(res.status).toBe(400);
  });

  // The form has no new-repository URL to check: those cases are the action's alone.
  const formCases = hostileRenderInputs.filter(
    ([, input]) => !input.repository,
  );

  it.each(formCases)(
    'refuses %s like the render action does, naming the same fields',
    async (_label, input) => {
      const action = createRenderGitopsAction({
        config: new ConfigReader({ valkey: { gitops } }),
        catalog: catalogServiceMock({ entities: [existing] }),
        auth: mockServices.auth(),
      });
      const ctx = createMockActionContext({
        input: input as any,
        workspacePath: fs.mkdtempSync(path.join(tmp, 'ws-')),
      });
      const actionError: Error = await action.handler(ctx as any).then(
        () => {
          throw new Error('the action accepted it');
        },
        (e: Error) => e,
      );
      const res = await formCheck({ instance: input.instance ?? null });
      expect(res.status).toBe(200);
      expect(res.body.ok).toBe(false);
      for (const problem of res.body.problems) {
        expect(actionError.message).toContain(
          problem.environment
            ? `environment "${problem.environment}": ${problem.field}:`
            : `${problem.field}:`,
        );
      }
    },
  );
});
