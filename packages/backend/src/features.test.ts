import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import request from 'supertest';
import { productFeatures } from './features';

describe('backend features', () => {
  it('loads the scaffolder with the GitHub, GitLab and Valkey actions, and the valkey plugin', async () => {
    const { server } = await startTestBackend({
      features: [
        ...productFeatures,
        mockServices.rootConfig.factory({
          data: {
            backend: { baseUrl: 'http://localhost:7007' },
            integrations: {},
            catalog: { locations: [] },
          },
        }),
      ],
    });

    const actions = await request(server)
      .get('/api/scaffolder/v2/actions')
      .set('Authorization', mockCredentials.user.header());
    expect(actions.status).toBe(200);
    const ids = actions.body.map((a: { id: string }) => a.id);
    expect(ids).toEqual(
      expect.arrayContaining([
        'valkey:gitops:render',
        'publish:github:pull-request',
        'publish:gitlab:merge-request',
        'catalog:register',
      ]),
    );

    const health = await request(server)
      .get('/api/valkey/health')
      .set('Authorization', mockCredentials.user.header());
    expect(health.status).toBe(200);
  });
});
