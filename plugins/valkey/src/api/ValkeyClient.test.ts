import { ResponseError } from '@backstage/errors';
import type { InstanceStatus } from '@valkey-backstage/plugin-valkey-common';
import { clusterHealthy } from '../__fixtures__/statuses';
import { errorMessage } from '../components/shared/errorMessage';
import { ValkeyClient } from './ValkeyClient';

const entity = { kind: 'Resource', namespace: 'default', name: 'demo-cluster' };

function client(respond: (url: string) => Response, now?: () => number) {
  const urls: string[] = [];
  const valkey = new ValkeyClient({
    now,
    discoveryApi: { getBaseUrl: async id => `http://backend.test/api/${id}` },
    fetchApi: {
      fetch: async input => {
        urls.push(String(input));
        return respond(String(input));
      },
    },
  });
  return { valkey, urls };
}

const json = (body: unknown) =>
  new Response(JSON.stringify(body), {
    headers: { 'content-type': 'application/json' },
  });

describe('ValkeyClient', () => {
  it('serves one status document to every card asking within the shared window', async () => {
    let clock = 10_000;
    let served = 0;
    const { valkey, urls } = client(
      () => json({ ...clusterHealthy, probedAt: `probe ${++served}` }),
      () => clock,
    );
    const [topologyCard, backupCard] = await Promise.all([
      valkey.getStatus(entity, 'prod'),
      valkey.getStatus(entity, 'prod'),
    ]);
    clock += 999;
    const lateCard = await valkey.getStatus(entity, 'prod');
    expect(urls).toHaveLength(1);
    expect(backupCard).toBe(topologyCard);
    expect(lateCard).toBe(topologyCard);

    clock += 1;
    const nextRefresh = await valkey.getStatus(entity, 'prod');
    expect(urls).toHaveLength(2);
    expect((nextRefresh as InstanceStatus).probedAt).toBe('probe 2');
    const otherEnvironment = await valkey.getStatus(entity, 'dev');
    expect(urls).toHaveLength(3);
    expect((otherEnvironment as InstanceStatus).probedAt).toBe('probe 3');
  });

  it('does not share a failed request', async () => {
    let fail = true;
    const { valkey, urls } = client(
      () =>
        fail ? new Response('boom', { status: 503 }) : json(clusterHealthy),
      () => 5_000,
    );
    await expect(valkey.getStatus(entity, 'prod')).rejects.toThrow();
    fail = false;
    await expect(valkey.getStatus(entity, 'prod')).resolves.toEqual(
      clusterHealthy,
    );
    expect(urls).toHaveLength(2);
  });

  it('asks the valkey backend for the status of one environment through the fetch API', async () => {
    const { valkey, urls } = client(
      () =>
        new Response(JSON.stringify(clusterHealthy), {
          headers: { 'content-type': 'application/json' },
        }),
    );
    await expect(valkey.getStatus(entity, 'prod eu')).resolves.toEqual(
      clusterHealthy,
    );
    expect(urls).toEqual([
      'http://backend.test/api/valkey/entities/default/Resource/demo-cluster/status?environment=prod+eu',
    ]);
  });

  it('asks for the environments', async () => {
    const body = {
      entityRef: 'resource:default/demo-cluster',
      environments: [{ name: 'local', configured: true }],
    };
    const { valkey, urls } = client(() => new Response(JSON.stringify(body)));
    await expect(valkey.getEnvironments(entity)).resolves.toEqual(body);
    expect(urls).toEqual([
      'http://backend.test/api/valkey/entities/default/Resource/demo-cluster/environments',
    ]);
  });

  it('asks for the fleet, optionally of one environment', async () => {
    const body = {
      rows: [],
      generatedAt: '2026-01-01T00:00:00.000Z',
      refreshIntervalSeconds: 5,
    };
    const { valkey, urls } = client(() => new Response(JSON.stringify(body)));
    await expect(valkey.getFleet()).resolves.toEqual(body);
    await valkey.getFleet({ environment: 'prod' });
    expect(urls).toEqual([
      'http://backend.test/api/valkey/fleet',
      'http://backend.test/api/valkey/fleet?environment=prod',
    ]);
  });

  it('turns a Backstage error response into a ResponseError with the server message', async () => {
    const { valkey } = client(
      () =>
        new Response(
          JSON.stringify({
            error: {
              name: 'NotAllowedError',
              message: 'valkey.status.read is not allowed',
            },
            request: {
              method: 'GET',
              url: '/entities/default/resource/demo-cluster/status',
            },
            response: { statusCode: 403 },
          }),
          {
            status: 403,
            statusText: 'Forbidden',
            headers: { 'content-type': 'application/json' },
          },
        ),
    );
    const error = await valkey.getStatus(entity, 'local').catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(403);
    expect(error.body.error.message).toBe('valkey.status.read is not allowed');
    expect(errorMessage(error)).toBe(
      'valkey.status.read is not allowed (HTTP 403)',
    );
  });
});
