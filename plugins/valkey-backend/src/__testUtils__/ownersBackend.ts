/**
 * A backend as a deployment runs the operations: the real catalog backend (with
 * its database and processing loop) holding the entities below, the real
 * permission backend with the owners-only policy of the README, the real
 * permissions service and actions registry, and a recording auditor. Backup
 * now goes to the Kubernetes API stand-in.
 */
import {
  AuditorService,
  BackendFeature,
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceFactory } from '@backstage/backend-defaults/alpha';
import { httpAuthServiceFactory } from '@backstage/backend-defaults/httpAuth';
import { permissionsServiceFactory } from '@backstage/backend-defaults/permissions';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import permissionPlugin from '@backstage/plugin-permission-backend';
import { JsonObject } from '@backstage/types';
import { freePort } from '@valkey-backstage/valkey-local';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import {
  FakeKubernetesApi,
  startFakeKubernetesApi,
} from '../backup/__testUtils__/fakeKubernetesApi';
import {
  chartBackupCronJob,
  jobOf,
} from '../backup/__testUtils__/kubernetesObjects';
import { ownersOnlyPolicyModule } from './ownersOnlyPolicy';
import { valkeyPlugin } from '../plugin';

export const ALICE = 'user:default/alice'; // member of team-orders, which owns the instance
export const BOB = 'user:default/bob'; // member of team-payments

export const ownersEntitiesYaml = `
apiVersion: backstage.io/v1alpha1
kind: Group
metadata: { name: team-orders }
spec: { type: team, children: [] }
---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata: { name: team-payments }
spec: { type: team, children: [] }
---
apiVersion: backstage.io/v1alpha1
kind: User
metadata: { name: alice }
spec: { memberOf: [team-orders] }
---
apiVersion: backstage.io/v1alpha1
kind: User
metadata: { name: bob }
spec: { memberOf: [team-payments] }
---
apiVersion: backstage.io/v1alpha1
kind: Resource
metadata:
  name: orders
  annotations:
    valkey.backstage.io/instance: orders
    valkey.backstage.io/environments: prod
    valkey.backstage.io/mode: standalone
spec: { type: valkey, owner: group:default/team-orders }
`;

export interface RecordedEvent {
  pluginId: string;
  eventId: string;
  severityLevel?: string;
  meta?: JsonObject;
  outcome?: 'success' | 'fail';
  error?: string;
  resultMeta?: JsonObject;
}

/** An auditor service that records every event, for assertions. */
export function recordingAuditor(events: RecordedEvent[]) {
  return createServiceFactory({
    service: coreServices.auditor,
    deps: { plugin: coreServices.pluginMetadata },
    factory({ plugin }): AuditorService {
      return {
        async createEvent(options) {
          const event: RecordedEvent = {
            pluginId: plugin.getId(),
            eventId: options.eventId,
            severityLevel: options.severityLevel,
            meta: options.meta,
          };
          events.push(event);
          return {
            async success(o) {
              event.outcome = 'success';
              event.resultMeta = o?.meta;
            },
            async fail(o) {
              event.outcome = 'fail';
              event.error = o.error.message;
            },
          };
        },
      };
    },
  });
}

/**
 * Mock auth, except that a plugin's request on behalf of a user carries the
 * plugin as actor, as Backstage's real auth service does (the permission
 * backend refuses conditional queries from users without one).
 */
export const authWithActors = createServiceFactory({
  service: coreServices.auth,
  deps: { plugin: coreServices.pluginMetadata },
  factory({ plugin }) {
    const inner = mockServices.auth({ pluginId: plugin.getId() });
    const prefix = 'mock-service-token:';
    return {
      getNoneCredentials: () => inner.getNoneCredentials(),
      getOwnServiceCredentials: () => inner.getOwnServiceCredentials(),
      isPrincipal: inner.isPrincipal.bind(inner) as typeof inner.isPrincipal,
      getPluginRequestToken: o => inner.getPluginRequestToken(o),
      getLimitedUserToken: c => inner.getLimitedUserToken(c),
      listPublicServiceKeys: () => inner.listPublicServiceKeys(),
      async authenticate(token, options) {
        const credentials = await inner.authenticate(token, options);
        if (token.startsWith(prefix)) {
          const { sub, obo } = JSON.parse(token.slice(prefix.length));
          if (obo) {
            return mockCredentials.user(obo, {
              actor: { subject: sub ?? 'external:test-service' },
            }) as any;
          }
        }
        return credentials;
      },
    };
  },
});

/** Group memberships as the sign-in resolver would put them into the token. */
export const userInfo = createServiceFactory({
  service: coreServices.userInfo,
  deps: {},
  factory: () => ({
    async getUserInfo(credentials: any) {
      const ref = credentials.principal.userEntityRef as string;
      const groups: Record<string, string[]> = {
        [ALICE]: ['group:default/team-orders'],
        [BOB]: ['group:default/team-payments'],
      };
      return {
        userEntityRef: ref,
        ownershipEntityRefs: [ref, ...(groups[ref] ?? [])],
      };
    },
  }),
});

/**
 * The Kubernetes API stand-in holding the chart's backup CronJob of `orders`
 * and one succeeded run; `objects` is its live object list.
 */
export async function startBackupKubernetesApi() {
  const cronJob = chartBackupCronJob({
    lastSuccessfulTime: '2026-01-10T02:00:42Z',
  });
  const objects: any[] = [
    { kind: 'CronJob', ...cronJob },
    { kind: 'Job', ...jobOf(cronJob, '2026-01-10T02:00:00Z', 'succeeded') },
  ];
  const api = await startFakeKubernetesApi({ token: 'ops-token', objects });
  return { api, objects };
}

/** Marks a Job as finished, as the Job controller would, so later backups may start. */
export function completeJob(objects: any[], jobName: string) {
  objects.find(o => o.metadata?.name === jobName).status = {
    succeeded: 1,
    conditions: [{ type: 'Complete', status: 'True' }],
  };
}

/**
 * Starts the backend with the entities above, instance `orders` (standalone,
 * environment prod) at `orders`, operations on and the given Kubernetes API;
 * resolves once the catalog holds the instance entity.
 */
export async function startOwnersBackend(options: {
  api: FakeKubernetesApi;
  events: RecordedEvent[];
  orders?: { host: string; port: number };
  features?: BackendFeature[];
  config?: JsonObject;
}) {
  const dir = mkdtempSync(join(tmpdir(), 'valkey-owners-'));
  writeFileSync(join(dir, 'entities.yaml'), ownersEntitiesYaml);
  const { api } = options;
  const backend = await startTestBackend({
    features: [
      valkeyPlugin,
      catalogPlugin,
      permissionPlugin,
      ownersOnlyPolicyModule,
      permissionsServiceFactory,
      actionsRegistryServiceFactory,
      userInfo,
      authWithActors,
      httpAuthServiceFactory,
      recordingAuditor(options.events),
      ...(options.features ?? []),
      mockServices.rootConfig.factory({
        data: {
          ...options.config,
          permission: { enabled: true },
          catalog: {
            rules: [{ allow: ['User', 'Group', 'Resource'] }],
            locations: [{ type: 'file', target: join(dir, 'entities.yaml') }],
          },
          valkey: {
            status: {
              refreshIntervalSeconds: 60,
              connectTimeoutMs: 300,
              commandTimeoutMs: 300,
              environments: [
                {
                  name: 'prod',
                  instances: {
                    orders: options.orders ?? {
                      host: '127.0.0.1',
                      port: await freePort(),
                    },
                  },
                  kubernetes: {
                    url: api.url,
                    caData: api.caData,
                    token: 'ops-token',
                  },
                  operations: {},
                },
              ],
            },
          },
        },
      }),
    ],
  });
  // The catalog's processing loop brings the entities in.
  const deadline = Date.now() + 60_000;
  for (;;) {
    const res = await request(backend.server)
      .get('/api/catalog/entities/by-name/resource/default/orders')
      .set('Authorization', mockCredentials.user.header(ALICE));
    if (res.status === 200) break;
    if (Date.now() > deadline) {
      await backend.stop();
      throw new Error('the catalog never had the entity');
    }
    await new Promise(r => setTimeout(r, 300));
  }
  return {
    server: backend.server,
    async stop() {
      await backend.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
