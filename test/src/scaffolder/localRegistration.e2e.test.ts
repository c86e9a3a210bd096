/**
 * Local mode ends with the instance in the catalog: the real catalog backend
 * (with its SQLite database and processing loop), the real scaffolder backend,
 * the real template and our module. The catalog reads the local GitOps
 * repository through a configured `file` glob location; the template's
 * valkey:catalog:register-local step refreshes it with the initiator's
 * credentials. Periodic processing is set to 30 minutes, so only that refresh
 * can bring the new entity in during the test.
 */
import { localCatalogLocation } from '@valkey-backstage/plugin-scaffolder-backend-module-valkey';
import fs from 'fs';
import os from 'os';
import path from 'path';
import request from 'supertest';
import {
  LocalScaffolder,
  runTemplate,
  startLocalScaffolder,
  userAuth as auth,
} from '../lib/localScaffolder';

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

describe('local mode registers the new instance in the real catalog', () => {
  let tmp: string;
  let gitopsPath: string;
  let server: any;
  let backend: LocalScaffolder;
  let task: { id: string };

  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'valkey-register-local-'));
    backend = await startLocalScaffolder({
      tmp,
      templates: ['valkey-instance'],
    });
    server = backend.server;
    gitopsPath = backend.gitopsPath;
    const run = await runTemplate(server, 'valkey-instance', values);
    if (run.status !== 'completed') {
      throw new Error(`task ${run.status}: ${run.log.slice(-3000)}`);
    }
    task = run;
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
