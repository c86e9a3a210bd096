import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import request from 'supertest';
import { valkeyPlugin } from './plugin';

describe('valkey backend plugin', () => {
  it('answers the health route for an authenticated caller', async () => {
    const { server } = await startTestBackend({ features: [valkeyPlugin] });
    const res = await request(server)
      .get('/api/valkey/health')
      .set('Authorization', mockCredentials.user.header());
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('refuses a caller without credentials', async () => {
    const { server } = await startTestBackend({ features: [valkeyPlugin] });
    const res = await request(server)
      .get('/api/valkey/health')
      .set('Authorization', mockCredentials.none.header());
    expect(res.status).toBe(401);
  });

  it('registers the valkey.status.read and valkey.instance.operate permissions', async () => {
    const { server } = await startTestBackend({
      features: [valkeyPlugin, mockServices.rootConfig.factory({ data: {} })],
    });
    const own = await request(server)
      .get('/api/valkey/.well-known/backstage/permissions/metadata')
      .set('Authorization', mockCredentials.service.header());
    expect(own.status).toBe(200);
    expect(own.body.permissions).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          name: 'valkey.status.read',
          resourceType: 'catalog-entity',
        }),
        expect.objectContaining({
          name: 'valkey.instance.operate',
          resourceType: 'catalog-entity',
        }),
      ]),
    );
  });

  it('refuses valkey.status.accessCacheMs outside 0..10000, naming the key', async () => {
    await expect(
      startTestBackend({
        features: [
          valkeyPlugin,
          mockServices.rootConfig.factory({
            data: { valkey: { status: { accessCacheMs: 60_000 } } },
          }),
        ],
      }),
    ).rejects.toThrow(
      /valkey\.status\.accessCacheMs must be between 0 and 10000/,
    );
  });
});
