import { ResponseError } from '@backstage/errors';
import { clusterHealthy } from '../__fixtures__/statuses';
import { errorMessage } from '../components/shared/errorMessage';
import { ValkeyClient } from './ValkeyClient';

const entity = { kind: 'Resource', namespace: 'default', name: 'demo-cluster' };

function client(respond: (url: string) => Response) {
  const urls: string[] = [];
  const valkey = new ValkeyClient({
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

describe('ValkeyClient', () => {
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
