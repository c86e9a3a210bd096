/**
 * An agent speaking MCP (streamable HTTP, the official SDK client) to the real
 * `@backstage/plugin-mcp-actions-backend`, which serves the valkey actions
 * from the real actions service. The backend around it is the owners-only one
 * (real catalog and permission backends), the instance a live valkey-server,
 * backup now goes to the Kubernetes API stand-in.
 */
import { actionsServiceFactory } from '@backstage/backend-defaults/alpha';
import { mockCredentials } from '@backstage/backend-test-utils';
import mcpActionsPlugin from '@backstage/plugin-mcp-actions-backend';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import {
  startValkeyServer,
  ValkeyServer,
} from '@valkey-backstage/valkey-local';
import { AddressInfo } from 'node:net';
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

const orders = { entityRef: 'resource:default/orders', environment: 'prod' };

describe('the valkey actions through MCP (mcp-actions backend, streamable HTTP)', () => {
  let valkey: ValkeyServer;
  let api: FakeKubernetesApi;
  let objects: any[];
  let url: URL;
  let stop: () => Promise<void>;
  const events: RecordedEvent[] = [];
  const clients: Client[] = [];

  beforeAll(async () => {
    valkey = await startValkeyServer();
    ({ api, objects } = await startBackupKubernetesApi());
    const backend = await startOwnersBackend({
      api,
      events,
      orders: { host: valkey.host, port: valkey.port },
      features: [mcpActionsPlugin, actionsServiceFactory],
      config: { backend: { actions: { pluginSources: ['valkey'] } } },
    });
    stop = backend.stop;
    const { port } = backend.server.address() as AddressInfo;
    url = new URL(`http://127.0.0.1:${port}/api/mcp-actions/v1`);
  });
  afterAll(async () => {
    await Promise.all(clients.map(c => c.close()));
    await stop?.();
    await api?.close();
    await valkey?.destroy();
  });

  /** An MCP client whose requests carry this user's Backstage token. */
  const connectAs = async (user: string) => {
    const client = new Client({ name: 'valkey-test-agent', version: '1.0.0' });
    await client.connect(
      new StreamableHTTPClientTransport(url, {
        requestInit: {
          headers: { Authorization: mockCredentials.user.header(user) },
        },
      }),
    );
    clients.push(client);
    return client;
  };

  /** `tools/call` of one tool as this user; the raw MCP result. */
  const callAs = async (
    user: string,
    name: string,
    args: Record<string, string>,
  ): Promise<any> =>
    (await connectAs(user)).callTool({ name, arguments: args });

  it('initialize: the server introduces itself and offers tools', async () => {
    const client = await connectAs(BOB);
    expect(client.getServerVersion()).toMatchObject({ name: 'backstage' });
    expect(client.getServerCapabilities()?.tools).toBeDefined();
  });

  it('tools/list: the three valkey tools with their input schemas and read-only / destructive hints', async () => {
    const client = await connectAs(BOB);
    const { tools } = await client.listTools();
    const byName = Object.fromEntries(tools.map(t => [t.name, t]));
    expect(Object.keys(byName).sort()).toEqual([
      'valkey.backup-now',
      'valkey.failover',
      'valkey.get-instance-status',
    ]);
    expect(byName['valkey.get-instance-status'].annotations).toMatchObject({
      readOnlyHint: true,
      destructiveHint: false,
      idempotentHint: true,
    });
    expect(byName['valkey.backup-now'].annotations).toMatchObject({
      readOnlyHint: false,
      destructiveHint: false,
    });
    expect(byName['valkey.failover'].annotations).toMatchObject({
      readOnlyHint: false,
      destructiveHint: true,
    });
    expect(byName['valkey.failover'].inputSchema).toMatchObject({
      type: 'object',
      required: ['entityRef', 'environment'],
      properties: {
        entityRef: { type: 'string' },
        environment: { type: 'string' },
        replica: { type: 'string' },
      },
    });
  });

  it('tools/call get-instance-status returns the live topology of the running valkey-server and the backup state', async () => {
    const result = await callAs(BOB, 'valkey.get-instance-status', orders);
    expect(result.isError).toBeFalsy();
    const output = JSON.parse(result.content[0].text);
    // The server is up; the stand-in's last backup (January) makes it degraded.
    expect(output).toMatchObject({
      health: 'degraded',
      summary: `standalone ${valkey.address} up, backup stale`,
      mode: 'standalone',
      status: {
        entityRef: orders.entityRef,
        environment: 'prod',
        topology: {
          kind: 'standalone',
          primary: {
            address: valkey.address,
            role: 'primary',
            health: 'healthy',
          },
          replicas: [],
        },
      },
    });
  });

  it('tools/call backup-now by an owner creates the Job and is audited', async () => {
    events.length = 0;
    const posts = () => api.requests.filter(r => r.method === 'POST');
    const before = posts().length;
    const result = await callAs(ALICE, 'valkey.backup-now', orders);
    expect(result.isError).toBeFalsy();
    const output = JSON.parse(result.content[0].text);
    expect(output).toMatchObject({
      environment: 'prod',
      jobName: expect.stringMatching(/^orders-valkey-backup-manual-[a-z0-9]+$/),
    });
    expect(posts()).toHaveLength(before + 1);
    expect(posts()[before].path).toBe('/apis/batch/v1/namespaces/orders/jobs');
    expect(objects.map(o => o.metadata?.name)).toContain(output.jobName);
    expect(
      events
        .filter(e => e.pluginId === 'valkey')
        .map(e => [e.meta?.actor, e.meta?.operation, e.outcome]),
    ).toEqual([[ALICE, 'backup', 'success']]);
    completeJob(objects, output.jobName);
  });

  it('tools/call backup-now by a user who does not own the instance is refused and creates nothing', async () => {
    const before = api.requests.filter(r => r.method === 'POST').length;
    const result = await callAs(BOB, 'valkey.backup-now', orders);
    expect(result.isError).toBe(true);
    expect(result.content[0].text).toContain(
      'you are not allowed to run operations on resource:default/orders',
    );
    expect(api.requests.filter(r => r.method === 'POST')).toHaveLength(before);
  });

  it('plain JSON-RPC over HTTP (as curl sends it) gets the answer as a server-sent event', async () => {
    const res = await fetch(url, {
      method: 'POST',
      headers: {
        Authorization: mockCredentials.user.header(BOB),
        'Content-Type': 'application/json',
        Accept: 'application/json, text/event-stream',
      },
      body: JSON.stringify({
        jsonrpc: '2.0',
        id: 1,
        method: 'tools/call',
        params: { name: 'valkey.get-instance-status', arguments: orders },
      }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const text = await res.text();
    const data = text.match(/^data: (.*)$/m);
    expect(data).not.toBeNull();
    const message = JSON.parse(data![1]);
    expect(message).toMatchObject({ jsonrpc: '2.0', id: 1 });
    expect(JSON.parse(message.result.content[0].text)).toMatchObject({
      mode: 'standalone',
      status: { topology: { primary: { address: valkey.address } } },
    });
  });

  it('a caller without Backstage credentials cannot even list the tools', async () => {
    const client = new Client({ name: 'anonymous', version: '1.0.0' });
    const connecting = client.connect(new StreamableHTTPClientTransport(url));
    await expect(connecting).rejects.toThrow(/401/);
  });

  it('tools/call with an environment that is not a DNS label says what to change', async () => {
    const result = await callAs(BOB, 'valkey.get-instance-status', {
      ...orders,
      environment: 'Prod!',
    });
    expect(result.isError).toBe(true);
    expect(result.content[0].text).toContain(
      'environment "Prod!" is not a DNS label',
    );
  });
});
