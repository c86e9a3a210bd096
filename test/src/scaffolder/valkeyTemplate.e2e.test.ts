/**
 * The "New Valkey instance" template end to end through the real scaffolder
 * backend: the real templates/valkey-instance/template.yaml, our module, the
 * real app-config.yaml valkey.gitops section (with the local repository moved
 * to a temp dir). Dry run and a full run in local mode; the committed folder
 * is checked with real Helm, the Kubernetes/CRD schemas and Backstage's own
 * entity validation.
 */
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import {
  DefaultNamespaceEntityPolicy,
  EntityPolicies,
  FieldFormatEntityPolicy,
  NoForeignRootFieldsEntityPolicy,
  SchemaValidEntityPolicy,
  resourceEntityV1alpha1Validator,
} from '@backstage/catalog-model';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import valkeyScaffolderModule from '@valkey-backstage/plugin-scaffolder-backend-module-valkey';
import { parseStoredInstanceSpec } from '@valkey-backstage/plugin-valkey-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  VALKEY_ENVIRONMENTS_ANNOTATION,
  VALKEY_INSTANCE_ANNOTATION,
} from '@valkey-backstage/plugin-valkey-common';
import { execFileSync } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import request from 'supertest';
import { parse } from 'yaml';
import { parseManifests, repoRoot, runHelm } from '../lib/helm';
import { validateObjects } from '../lib/k8sValidate';
import { templateEntity, templatePath } from '../lib/scaffolderBackend';

const template = parse(fs.readFileSync(templatePath, 'utf8'));
const appConfig = parse(
  fs.readFileSync(path.join(repoRoot, 'app-config.yaml'), 'utf8'),
);

const values = {
  name: 'orders-cache',
  owner: 'group:default/team-orders',
  system: 'system:default/orders',
  description: 'Cache for the orders API',
  mode: 'replication',
  size: 'small',
  replicas: 2,
  shards: 9, // left over from picking cluster first: the template must drop it
  persistenceEnabled: true,
  persistenceSize: '8Gi',
  environments: [
    { name: 'dev' },
    { name: 'staging', overrides: { tls: { enabled: true } } },
  ],
  authEnabled: true,
  aclUsers: [{ name: 'orders-api', permissions: 'read-write' }],
  tlsEnabled: false,
  imageVariant: 'rpm',
  backupsEnabled: true,
  backupSchedule: '0 3 * * *',
  backupRetention: 7,
  metricsEnabled: true,
  serviceMonitor: true,
  alerts: true,
  publisher: 'local',
};

const PASSWORDISH =
  /(password|passwd|requirepass|masterauth)\s*[:=]\s*["']?[^\s"'$]{4,}/i;

describe('New Valkey instance template through the real scaffolder backend', () => {
  let tmp: string;
  let server: any;
  let backend: Awaited<ReturnType<typeof startTestBackend>>;

  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'valkey-scaffolder-'));
    fs.mkdirSync(path.join(tmp, 'work'), { recursive: true });
    backend = await startTestBackend({
      features: [
        scaffolderPlugin,
        valkeyScaffolderModule,
        catalogServiceMock.factory({ entities: [templateEntity()] }),
        mockServices.rootConfig.factory({
          data: {
            backend: {
              baseUrl: 'http://localhost:7007',
              workingDirectory: path.join(tmp, 'work'),
            },
            scaffolder: appConfig.scaffolder,
            valkey: {
              gitops: {
                ...appConfig.valkey.gitops,
                localRepository: {
                  path: path.join(tmp, 'gitops'),
                  branch: 'main',
                },
              },
            },
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

  it('dry run: renders the folder and reports the local commit it would make', async () => {
    const res = await request(server)
      .post('/api/scaffolder/v2/dry-run')
      .set('Authorization', mockCredentials.user.header())
      .send({ template, values, directoryContents: [] });
    expect([
      res.status,
      res.status === 200 ? '' : JSON.stringify(res.body).slice(0, 2000),
    ]).toEqual([200, '']);
    const paths = res.body.directoryContents.map((f: any) => f.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'valkey/orders-cache/Chart.yaml',
        'valkey/orders-cache/values.yaml',
        'valkey/orders-cache/values-dev.yaml',
        'valkey/orders-cache/values-staging.yaml',
        'valkey/orders-cache/argocd/dev.yaml',
        'valkey/orders-cache/argocd/staging.yaml',
        'valkey/orders-cache/secrets/dev-README.md',
        'valkey/orders-cache/catalog-info.yaml',
        'valkey/orders-cache/README.md',
        'valkey/orders-cache/instance.yaml',
        'valkey/orders-cache/charts/valkey/Chart.yaml',
      ]),
    );
    const fileText = (file: string) =>
      Buffer.from(
        res.body.directoryContents.find(
          (f: any) => f.path === `valkey/orders-cache/${file}`,
        ).base64Content,
        'base64',
      ).toString();
    const stored = parseStoredInstanceSpec(fileText('instance.yaml'));
    expect(stored).toMatchObject({
      success: true,
      spec: { name: 'orders-cache', mode: 'replication' },
    });
    const shared = parse(fileText('values.yaml'));
    expect(shared.valkey.replication).toEqual({ replicas: 2 });
    expect(shared.valkey.cluster).toBeUndefined();
    expect(res.body.output.text[0].content).toContain('dry-run');
    expect(fs.existsSync(path.join(tmp, 'gitops'))).toBe(false);
  });

  it('dry run: a value the action refuses fails the step with the field name', async () => {
    const res = await request(server)
      .post('/api/scaffolder/v2/dry-run')
      .set('Authorization', mockCredentials.user.header())
      .send({
        template,
        values: { ...values, environments: [{ name: 'qa' }] },
        directoryContents: [],
      });
    const log = JSON.stringify(res.body);
    expect(log).toContain('environments[0].name');
    expect(log).toContain('not a configured environment');
  });

  describe('full run in local mode', () => {
    let repo: string;
    let folder: string;
    let taskId: string;

    beforeAll(async () => {
      const created = await request(server)
        .post('/api/scaffolder/v2/tasks')
        .set('Authorization', mockCredentials.user.header())
        .send({ templateRef: 'template:default/valkey-instance', values });
      if (created.status !== 201)
        throw new Error(`task not created: ${JSON.stringify(created.body)}`);
      const deadline = Date.now() + 60_000;
      let task: any;
      do {
        await new Promise(r => setTimeout(r, 250));
        task = (
          await request(server)
            .get(`/api/scaffolder/v2/tasks/${created.body.id}`)
            .set('Authorization', mockCredentials.user.header())
        ).body;
      } while (
        !['completed', 'failed', 'cancelled'].includes(task.status) &&
        Date.now() < deadline
      );
      if (task.status !== 'completed') {
        const events = await request(server)
          .get(`/api/scaffolder/v2/tasks/${created.body.id}/events`)
          .set('Authorization', mockCredentials.user.header());
        throw new Error(
          `task ${task.status}: ${JSON.stringify(events.body).slice(-3000)}`,
        );
      }
      repo = path.join(tmp, 'gitops');
      folder = path.join(repo, 'valkey', 'orders-cache');
      taskId = created.body.id;
    }, 90_000);

    it('the task runs two steps and lists no skipped one', async () => {
      const events = await request(server)
        .get(`/api/scaffolder/v2/tasks/${taskId}/events`)
        .set('Authorization', mockCredentials.user.header());
      const status: Record<string, string> = {};
      for (const e of events.body) {
        if (e.body?.stepId && e.body?.status)
          status[e.body.stepId] = e.body.status;
      }
      expect(status).toEqual({ render: 'completed', publish: 'completed' });
      // A new instance's result says nothing about a change.
      const completion = events.body.find((e: any) => e.type === 'completion');
      expect(completion.body.output.text.map((t: any) => t.title)).toEqual([
        'Local commit',
        'Pull request description',
      ]);
    });

    it('commits the folder into the configured local repository', () => {
      const log = execFileSync('git', [
        '-C',
        repo,
        'log',
        '--format=%s',
        '-n',
        '1',
      ]).toString();
      expect(log).toContain('Valkey instance orders-cache');
      const tracked = execFileSync('git', [
        '-C',
        repo,
        'ls-files',
        'valkey/orders-cache',
      ])
        .toString()
        .split('\n');
      expect(tracked).toEqual(
        expect.arrayContaining([
          'valkey/orders-cache/values-staging.yaml',
          'valkey/orders-cache/argocd/dev.yaml',
        ]),
      );
      expect(
        execFileSync('git', ['-C', repo, 'status', '--porcelain']).toString(),
      ).toBe('');
    });

    it.each(['dev', 'staging'])(
      'values for %s pass helm template with the chart and the Kubernetes schema check',
      async env => {
        const result = await runHelm([
          'template',
          'orders-cache',
          folder,
          '--namespace',
          `valkey-${env}`,
          '-f',
          path.join(folder, 'values.yaml'),
          '-f',
          path.join(folder, `values-${env}.yaml`),
          '--api-versions',
          'monitoring.coreos.com/v1',
          '--api-versions',
          'cert-manager.io/v1',
        ]);
        expect(result.stderr).toBe('');
        expect(result.code).toBe(0);
        const objects = parseManifests(result.stdout);
        expect(objects.find(o => o.kind === 'CronJob')).toBeDefined();
        expect(objects.find(o => o.kind === 'ServiceMonitor')).toBeDefined();
        expect(objects.some(o => o.kind === 'Certificate')).toBe(
          env === 'staging',
        );
        const checked = await validateObjects(
          objects.map((object, i) => ({
            id: `${object.kind}/${object.metadata.name}#${i}`,
            object,
          })),
        );
        expect(checked.filter(c => !c.ok)).toEqual([]);
        const sts = objects.find(o => o.kind === 'StatefulSet')!;
        expect(JSON.stringify(sts)).toContain('orders-cache-auth');
      },
      60_000,
    );

    it('every Argo CD Application validates against its CRD schema', async () => {
      const apps = ['dev', 'staging'].map(env =>
        parse(
          fs.readFileSync(path.join(folder, 'argocd', `${env}.yaml`), 'utf8'),
        ),
      );
      const checked = await validateObjects(
        apps.map((object, i) => ({ id: `app${i}`, object })),
      );
      expect(checked).toEqual([
        expect.objectContaining({ ok: true, kind: 'Application' }),
        expect.objectContaining({ ok: true, kind: 'Application' }),
      ]);
      expect(apps[0].spec.sources[0]).toMatchObject({
        path: 'valkey/orders-cache',
        helm: { valueFiles: ['values.yaml', 'values-dev.yaml'] },
      });
    });

    it('the entity passes Backstage entity validation and carries the annotations', async () => {
      const entity = parse(
        fs.readFileSync(path.join(folder, 'catalog-info.yaml'), 'utf8'),
      );
      const policy = EntityPolicies.allOf([
        new DefaultNamespaceEntityPolicy(),
        new NoForeignRootFieldsEntityPolicy(),
        new FieldFormatEntityPolicy(),
        new SchemaValidEntityPolicy(),
      ]);
      const enforced = await policy.enforce(entity);
      expect(enforced).toBeDefined();
      expect(await resourceEntityV1alpha1Validator.check(enforced!)).toBe(true);
      expect(entity.metadata.annotations[VALKEY_INSTANCE_ANNOTATION]).toBe(
        'orders-cache',
      );
      expect(entity.metadata.annotations[VALKEY_ENVIRONMENTS_ANNOTATION]).toBe(
        'dev,staging',
      );
      expect(entity.spec).toEqual({
        type: 'valkey',
        owner: 'group:default/team-orders',
        system: 'system:default/orders',
      });
    });

    it('no file in the folder contains a password', () => {
      const walk = (dir: string): string[] =>
        fs
          .readdirSync(dir, { withFileTypes: true })
          .flatMap(e =>
            e.isDirectory()
              ? walk(path.join(dir, e.name))
              : [path.join(dir, e.name)],
          );
      for (const file of walk(folder).filter(
        f => !f.includes(`${path.sep}charts${path.sep}valkey${path.sep}`),
      )) {
        expect([file, PASSWORDISH.test(fs.readFileSync(file, 'utf8'))]).toEqual(
          [file, false],
        );
      }
    });

    it('day 2: running again with a new size commits only values.yaml, README.md and the stored spec', async () => {
      const created = await request(server)
        .post('/api/scaffolder/v2/tasks')
        .set('Authorization', mockCredentials.user.header())
        .send({
          templateRef: 'template:default/valkey-instance',
          // The change flow names the instance it changes: its own name is no clash.
          values: { ...values, size: 'medium', changeOf: values.name },
        });
      const deadline = Date.now() + 60_000;
      let task: any;
      do {
        await new Promise(r => setTimeout(r, 250));
        task = (
          await request(server)
            .get(`/api/scaffolder/v2/tasks/${created.body.id}`)
            .set('Authorization', mockCredentials.user.header())
        ).body;
      } while (
        !['completed', 'failed'].includes(task.status) &&
        Date.now() < deadline
      );
      expect(task.status).toBe('completed');
      const changed = execFileSync('git', [
        '-C',
        repo,
        'show',
        '--name-only',
        '--format=',
        'HEAD',
      ])
        .toString()
        .split('\n')
        .filter(Boolean);
      expect(changed.sort()).toEqual([
        'valkey/orders-cache/README.md',
        'valkey/orders-cache/instance.yaml',
        'valkey/orders-cache/values.yaml',
      ]);
    }, 90_000);
  });
});
