import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import fs from 'fs';
import http from 'http';
import { AddressInfo } from 'net';
import os from 'os';
import path from 'path';
import request from 'supertest';
import { valkeyPlugin } from '../plugin';

const spec = (name: string) =>
  `name: ${name}\nowner: group:default/team-a\nmode: replication\ntopology:\n  replicas: 1\nenvironments:\n  - name: dev\n`;

const entity = (name: string, location: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: {
    name,
    namespace: 'default',
    annotations: { 'backstage.io/managed-by-location': location },
  },
  spec: { type: 'valkey', owner: 'group:default/team-a' },
});

describe('GET /entities/:namespace/:kind/:name/stored-spec', () => {
  let tmp: string;
  let repo: string;
  let web: http.Server;
  let webHost: string;

  const folder = (name: string, content?: string) => {
    const dir = path.join(repo, 'valkey', name);
    fs.mkdirSync(dir, { recursive: true });
    if (content !== undefined)
      fs.writeFileSync(path.join(dir, 'instance.yaml'), content);
    return `file:${path.join(dir, 'catalog-info.yaml')}`;
  };

  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'valkey-stored-spec-'));
    repo = path.join(tmp, 'gitops');
    fs.mkdirSync(repo);
    // A stand-in Git host serving raw files, reachable only because
    // backend.reading.allow names it.
    web = http.createServer((req, res) => {
      if (req.url === '/gitops/valkey/web-cache/instance.yaml') {
        res.end(spec('web-cache'));
      } else {
        res.statusCode = 404;
        res.end();
      }
    });
    await new Promise<void>(r => web.listen(0, '127.0.0.1', r));
    webHost = `127.0.0.1:${(web.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise(r => web.close(r));
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  async function start(entities: Entity[], allow = true) {
    const { server } = await startTestBackend({
      features: [
        valkeyPlugin,
        catalogServiceMock.factory({ entities }),
        mockServices.rootConfig.factory({
          data: {
            backend: { reading: { allow: [{ host: webHost }] } },
            valkey: { gitops: { localRepository: { path: repo } } },
          },
        }),
        ...(allow
          ? []
          : [
              mockServices.permissions.mock({
                authorize: async () => [{ result: AuthorizeResult.DENY }],
              }).factory,
            ]),
      ],
    });
    return server;
  }
  const get = (server: any, name: string) =>
    request(server)
      .get(`/api/valkey/entities/default/resource/${name}/stored-spec`)
      .set('Authorization', mockCredentials.user.header());

  it('reads and validates instance.yaml next to the catalog-info.yaml in the local repository', async () => {
    const server = await start([
      entity('orders-cache', folder('orders-cache', spec('orders-cache'))),
    ]);
    const res = await get(server, 'orders-cache');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      entityRef: 'resource:default/orders-cache',
      spec: expect.objectContaining({
        name: 'orders-cache',
        mode: 'replication',
        topology: { replicas: 1 },
      }),
      // the change is published where the folder is
      publishedTo: { publisher: 'local' },
    });
  });

  it('reads a URL location through the UrlReader', async () => {
    const server = await start([
      entity(
        'web-cache',
        `url:http://${webHost}/gitops/valkey/web-cache/catalog-info.yaml`,
      ),
    ]);
    const res = await get(server, 'web-cache');
    expect(res.status).toBe(200);
    expect(res.body.spec.name).toBe('web-cache');
  });

  it('never reads a host the backend is not configured to read', async () => {
    const server = await start([
      entity(
        'far-cache',
        'url:http://127.0.0.2:9/valkey/far-cache/catalog-info.yaml',
      ),
    ]);
    const res = await get(server, 'far-cache');
    expect(res.status).toBe(404);
    expect(res.body.error.message).toContain('has no readable instance.yaml');
  });

  it('refuses files outside the local repository, also through a symlink', async () => {
    const outside = path.join(tmp, 'elsewhere');
    fs.mkdirSync(outside, { recursive: true });
    fs.writeFileSync(path.join(outside, 'instance.yaml'), spec('outside'));
    const linkDir = path.join(repo, 'valkey', 'linked');
    fs.mkdirSync(linkDir, { recursive: true });
    fs.symlinkSync(
      path.join(outside, 'instance.yaml'),
      path.join(linkDir, 'instance.yaml'),
    );
    const server = await start([
      entity('outside', `file:${path.join(outside, 'catalog-info.yaml')}`),
      entity('linked', `file:${path.join(linkDir, 'catalog-info.yaml')}`),
    ]);
    const direct = await get(server, 'outside');
    expect(direct.status).toBe(404);
    expect(direct.body.error.message).toContain(
      'it was read from a file outside the local GitOps repository',
    );
    expect((await get(server, 'linked')).status).toBe(404);
  });

  it('refuses a folder without instance.yaml, an invalid one and one of another instance', async () => {
    const server = await start([
      entity('hand-made', folder('hand-made')),
      entity('broken', folder('broken', 'name: broken\nmode: galaxy\n')),
      entity('renamed', folder('renamed', spec('orders-cache'))),
    ]);
    const missing = await get(server, 'hand-made');
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toContain(
      'so it was not rendered by the Valkey template',
    );
    const broken = await get(server, 'broken');
    expect(broken.status).toBe(400);
    expect(broken.body.error.message).toContain('mode');
    const renamed = await get(server, 'renamed');
    expect(renamed.status).toBe(400);
    expect(renamed.body.error.message).toContain('describes "orders-cache"');
  });

  it('needs credentials and valkey.instance.spec.read, and a valid entity name', async () => {
    const location = folder('orders-cache', spec('orders-cache'));
    const server = await start([entity('orders-cache', location)]);
    const anonymous = await request(server)
      .get('/api/valkey/entities/default/resource/orders-cache/stored-spec')
      .set('Authorization', mockCredentials.none.header());
    expect(anonymous.status).toBe(401);
    expect((await get(server, '..%2Fetc')).status).toBe(400);
    expect((await get(server, 'unknown')).status).toBe(404);
    const denied = await start([entity('orders-cache', location)], false);
    expect((await get(denied, 'orders-cache')).status).toBe(403);
  });
});
