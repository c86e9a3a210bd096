/**
 * Local mode ends with the instance in the catalog: the real catalog backend
 * (with its SQLite database and processing loop), the real scaffolder backend,
 * the real template and our module. The catalog reads the local GitOps
 * repository through a configured `file` glob location; the template's
 * valkey:catalog:register-local step refreshes it with the initiator's
 * credentials. Periodic processing is set to 30 minutes, so only that refresh
 * can bring the new entity in during the test.
 */
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import catalogScaffolderEntityModel from '@backstage/plugin-catalog-backend-module-scaffolder-entity-model';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import valkeyScaffolderModule, {
  localCatalogLocation,
} from '@valkey-backstage/plugin-scaffolder-backend-module-valkey';
import fs from 'fs';
import os from 'os';
import path from 'path';
import request from 'supertest';
import { parse } from 'yaml';
import { repoRoot } from '../lib/helm';

const templatePath = path.join(
  repoRoot,
  'templates',
  'valkey-instance',
  'template.yaml',
);
const appConfig = parse(
  fs.readFileSync(path.join(repoRoot, 'app-config.yaml'), 'utf8'),
);

const values = {
  name: 'payments-cache',
  owner: 'group:default/team-orders',
  mode: 'sentinel',
  size: 'small',
  replicas: 3,
  sentinels: 3,
  persistenceEnabled: true,
  persistenceSize: '8Gi',
  environments: [{ name: 'dev' }],
  authEnabled: true,
  tlsEnabled: false,
  imageVariant: 'rpm',
  backupsEnabled: false,
  backupSchedule: '0 2 * * *',
  backupRetention: 7,
  metricsEnabled: true,
  serviceMonitor: false,
  alerts: false,
  publisher: 'local',
};

const auth = mockCredentials.user.header();

async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs: number,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const result = await probe();
    if (result !== undefined) return result;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise(r => setTimeout(r, 500));
  }
}

describe('local mode registers the new instance in the real catalog', () => {
  let tmp: string;
  let gitopsPath: string;
  let server: any;
  let backend: Awaited<ReturnType<typeof startTestBackend>>;
  let task: any;

  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'valkey-register-local-'));
    gitopsPath = path.join(tmp, 'gitops');
    fs.mkdirSync(path.join(tmp, 'work'));
    const gitops = {
      ...appConfig.valkey.gitops,
      localRepository: { path: gitopsPath, branch: 'main' },
    };
    const location = localCatalogLocation({
      repositoryPath: gitopsPath,
      targetPathPattern: gitops.targetPathPattern,
    });
    backend = await startTestBackend({
      features: [
        catalogPlugin,
        catalogScaffolderEntityModel,
        scaffolderPlugin,
        valkeyScaffolderModule,
        mockServices.rootConfig.factory({
          data: {
            backend: {
              baseUrl: 'http://localhost:7007',
              workingDirectory: path.join(tmp, 'work'),
            },
            scaffolder: appConfig.scaffolder,
            catalog: {
              processingInterval: { minutes: 30 },
              rules: appConfig.catalog.rules,
              locations: [
                { type: 'file', target: templatePath },
                { type: 'file', target: location.target },
              ],
            },
            valkey: { gitops },
          },
        }),
      ],
    });
    server = backend.server;
    await waitFor(
      'the template in the catalog',
      async () => {
        const res = await request(server)
          .get('/api/catalog/entities/by-name/template/default/valkey-instance')
          .set('Authorization', auth);
        return res.status === 200 ? true : undefined;
      },
      60_000,
    );

    const created = await request(server)
      .post('/api/scaffolder/v2/tasks')
      .set('Authorization', auth)
      .send({ templateRef: 'template:default/valkey-instance', values });
    if (created.status !== 201)
      throw new Error(`task not created: ${JSON.stringify(created.body)}`);
    task = await waitFor(
      'the task to finish',
      async () => {
        const res = await request(server)
          .get(`/api/scaffolder/v2/tasks/${created.body.id}`)
          .set('Authorization', auth);
        return ['completed', 'failed', 'cancelled'].includes(res.body.status)
          ? res.body
          : undefined;
      },
      120_000,
    );
    if (task.status !== 'completed') {
      const events = await request(server)
        .get(`/api/scaffolder/v2/tasks/${created.body.id}/events`)
        .set('Authorization', auth);
      throw new Error(
        `task ${task.status}: ${JSON.stringify(events.body).slice(-3000)}`,
      );
    }
  }, 240_000);

  afterAll(async () => {
    await backend?.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('the catalog API refuses file locations in this Backstage version (why the location is configured)', async () => {
    const res = await request(server)
      .post('/api/catalog/locations')
      .set('Authorization', auth)
      .send({
        type: 'file',
        target: path.join(
          gitopsPath,
          'valkey',
          'payments-cache',
          'catalog-info.yaml',
        ),
      });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toContain(
      'Registered locations must be of an allowed type',
    );
  });

  it('the entity is in the catalog when the task completes, read from the committed file', async () => {
    const res = await request(server)
      .get('/api/catalog/entities/by-name/resource/default/payments-cache')
      .set('Authorization', auth);
    expect(res.status).toBe(200);
    expect(res.body.spec).toMatchObject({
      type: 'valkey',
      owner: 'group:default/team-orders',
    });
    expect(
      res.body.metadata.annotations['backstage.io/managed-by-location'],
    ).toBe(
      `file:${path.join(
        gitopsPath,
        'valkey',
        'payments-cache',
        'catalog-info.yaml',
      )}`,
    );
  });

  it('the action refreshed the Location entity the catalog made of the configured glob', async () => {
    const location = localCatalogLocation({
      repositoryPath: gitopsPath,
      targetPathPattern: 'valkey/{name}',
    });
    const res = await request(server)
      .get(
        `/api/catalog/entities/by-name/location/default/${
          location.entityRef.split('/')[1]
        }`,
      )
      .set('Authorization', auth);
    expect(res.status).toBe(200);
    expect(res.body.spec).toMatchObject({
      type: 'file',
      target: location.target,
    });
  });

  it('the result page offers the catalog link and says the entity is in the catalog', async () => {
    const events = await request(server)
      .get(`/api/scaffolder/v2/tasks/${task.id}/events`)
      .set('Authorization', auth);
    const output = events.body.find((e: any) => e.type === 'completion').body
      .output;
    expect(output.links).toContainEqual(
      expect.objectContaining({
        title: 'Open the instance in the catalog',
        entityRef: 'resource:default/payments-cache',
      }),
    );
    expect(output.text[0].content).toContain('and in the catalog.');
  });
});
