/**
 * The demo's MCP wiring as app-config.yaml sets it up: the real auth service
 * with the configured static token for MCP clients, and the mcp-actions
 * plugin offering the valkey actions (backend.actions.pluginSources).
 */
import { authServiceFactory } from '@backstage/backend-defaults/auth';
import { httpAuthServiceFactory } from '@backstage/backend-defaults/httpAuth';
import { actionsServiceFactory } from '@backstage/backend-defaults/alpha';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { loadConfig } from '@backstage/config-loader';
import { join } from 'node:path';
import request from 'supertest';
import { productFeatures } from './features';

jest.setTimeout(120_000);

const repoRoot = join(__dirname, '../../..');

/** The `backend` section of the demo's app-config.yaml, as the backend reads it. */
async function demoBackendConfig() {
  const { appConfigs } = await loadConfig({
    configRoot: repoRoot,
    configTargets: [{ path: join(repoRoot, 'app-config.yaml') }],
  });
  return ConfigReader.fromConfigs(appConfigs).getConfig('backend').get();
}

const toolsList = { jsonrpc: '2.0', id: 1, method: 'tools/list' };

describe('the demo MCP server (app-config.yaml)', () => {
  let server: any;
  let stop: () => Promise<void>;

  beforeAll(async () => {
    delete process.env.VALKEY_DEMO_MCP_TOKEN;
    const backend = await startTestBackend({
      features: [
        ...productFeatures,
        authServiceFactory,
        httpAuthServiceFactory,
        actionsServiceFactory,
        mockServices.rootConfig.factory({
          data: {
            backend: {
              ...((await demoBackendConfig()) as object),
              baseUrl: 'http://localhost:7007',
            },
            integrations: {},
            catalog: { locations: [] },
          },
        }),
      ],
    });
    server = backend.server;
    stop = () => backend.stop();
  });
  afterAll(() => stop?.());

  const mcp = (token?: string) => {
    const req = request(server)
      .post('/api/mcp-actions/v1')
      .set('Accept', 'application/json, text/event-stream');
    return token ? req.set('Authorization', `Bearer ${token}`) : req;
  };

  it('a client with the local demo token lists the three valkey tools', async () => {
    const res = await mcp('local-demo-mcp-token').send(toolsList);
    expect(res.status).toBe(200);
    const data = res.text.match(/^data: (.*)$/m);
    expect(data).not.toBeNull();
    const names = JSON.parse(data![1]).result.tools.map((t: any) => t.name);
    expect(names.sort()).toEqual([
      'valkey.backup-now',
      'valkey.failover',
      'valkey.get-instance-status',
    ]);
  });

  it('refuses a client with another token or none', async () => {
    expect((await mcp('not-the-demo-token').send(toolsList)).status).toBe(401);
    expect((await mcp().send(toolsList)).status).toBe(401);
  });

  it('a tool call with the demo token reaches the valkey plugin and the catalog', async () => {
    const res = await mcp('local-demo-mcp-token').send({
      jsonrpc: '2.0',
      id: 2,
      method: 'tools/call',
      params: {
        name: 'valkey.get-instance-status',
        arguments: {
          entityRef: 'resource:default/nowhere',
          environment: 'local',
        },
      },
    });
    expect(res.status).toBe(200);
    const { result } = JSON.parse(res.text.match(/^data: (.*)$/m)![1]);
    expect(result.isError).toBe(true);
    expect(result.content[0].text).toBe(
      'NotFoundError: entity resource:default/nowhere not found',
    );
  });

  it('the token opens only what MCP calls need, not the other plugins', async () => {
    const res = await request(server)
      .get('/api/scaffolder/v2/actions')
      .set('Authorization', 'Bearer local-demo-mcp-token');
    expect(res.status).toBe(403);
  });
});
