import { ConfigReader } from '@backstage/config';
import { Entity } from '@backstage/catalog-model';
import { readStatusConfig } from '../config/readStatusConfig';
import { readInstanceAnnotations } from './instanceAnnotations';
import { resolveTarget } from './resolveTarget';

const config = readStatusConfig(
  new ConfigReader({
    valkey: {
      status: {
        environments: [
          { name: 'prod' },
          {
            name: 'dev',
            namespace: 'valkey-{environment}',
            host: '{instance}.{namespace}.svc',
            port: 7000,
            instances: {
              demo: {
                host: '127.0.0.1',
                port: 7100,
                sentinelHost: '127.0.0.1',
                sentinelPort: 27100,
              },
            },
          },
        ],
      },
    },
  }),
);

const entity = (annotations: Record<string, string>): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: { name: 'orders-cache', annotations },
  spec: { type: 'valkey' },
});

describe('resolveTarget', () => {
  it('builds the endpoint from the config pattern and the checked names', () => {
    expect(resolveTarget(config, 'orders', 'prod', 'cluster')).toMatchObject({
      namespace: 'orders',
      host: 'orders-valkey.orders.svc.cluster.local',
      port: 6379,
      key: 'prod/orders/cluster',
    });
    expect(resolveTarget(config, 'orders', 'dev', undefined)).toMatchObject({
      namespace: 'valkey-dev',
      host: 'orders.valkey-dev.svc',
      port: 7000,
    });
  });

  it('uses explicit instance endpoints and the Sentinel endpoint only in sentinel mode', () => {
    expect(resolveTarget(config, 'demo', 'dev', 'sentinel')).toMatchObject({
      host: '127.0.0.1',
      port: 7100,
      sentinel: { host: '127.0.0.1', port: 27100, primaryName: 'mymaster' },
    });
    expect(
      resolveTarget(config, 'demo', 'dev', 'cluster').sentinel,
    ).toBeUndefined();
  });

  it('rejects names that are not DNS labels and unconfigured environments', () => {
    expect(() =>
      resolveTarget(config, 'evil.example.com', 'prod', undefined),
    ).toThrow(/DNS label/);
    expect(() => resolveTarget(config, 'orders', 'staging', undefined)).toThrow(
      /"staging" is not configured .*configured: prod, dev/,
    );
  });
});

describe('readInstanceAnnotations', () => {
  it('reads instance, environments and mode', () => {
    expect(
      readInstanceAnnotations(
        entity({
          'valkey.backstage.io/instance': 'orders',
          'valkey.backstage.io/environments': 'dev, prod',
          'valkey.backstage.io/mode': 'cluster',
        }),
      ),
    ).toEqual({
      instance: 'orders',
      environments: ['dev', 'prod'],
      mode: 'cluster',
    });
  });

  it.each([
    [
      { 'valkey.backstage.io/instance': '10.0.0.5:6379' },
      /not a valid release name/,
    ],
    [{ 'valkey.backstage.io/instance': 'a'.repeat(54) }, /at most 53/],
    [
      {
        'valkey.backstage.io/instance': 'orders',
        'valkey.backstage.io/environments': 'prod,evil.example.com',
      },
      /"evil.example.com" is not a DNS label/,
    ],
    [
      {
        'valkey.backstage.io/instance': 'orders',
        'valkey.backstage.io/mode': 'proxy',
      },
      /use one of standalone, replication, sentinel, cluster/,
    ],
    [{}, /has no valkey.backstage.io\/instance annotation/],
  ])(
    'rejects hostile or wrong annotations %o with a message saying what to change',
    (annotations, message) => {
      expect(() => readInstanceAnnotations(entity(annotations))).toThrow(
        message,
      );
    },
  );

  it('never takes a host from the entity: unknown annotations do not reach the target', () => {
    const annotations = readInstanceAnnotations(
      entity({
        'valkey.backstage.io/instance': 'orders',
        'valkey.backstage.io/environments': 'prod',
        'valkey.backstage.io/host': '169.254.169.254',
        'valkey.backstage.io/port': '80',
      }),
    );
    const target = resolveTarget(
      config,
      annotations.instance,
      'prod',
      annotations.mode,
    );
    expect(target.host).toBe('orders-valkey.orders.svc.cluster.local');
    expect(JSON.stringify(target)).not.toContain('169.254.169.254');
  });
});

describe('readStatusConfig', () => {
  const read = (status: object) =>
    readStatusConfig(new ConfigReader({ valkey: { status } }));

  it('applies the documented defaults', () => {
    const c = read({});
    expect(c).toMatchObject({
      refreshIntervalSeconds: 10,
      connectTimeoutMs: 1000,
      commandTimeoutMs: 2000,
      maxConcurrentProbes: 8,
    });
  });

  it.each([
    [{ environments: [{ name: 'Prod' }] }, /name: "Prod" is not a DNS label/],
    [
      { environments: [{ name: 'prod', host: '{release}.svc' }] },
      /unknown placeholder \{release\}/,
    ],
    [{ environments: [{ name: 'prod', port: 70000 }] }, /not a TCP port/],
    [
      {
        environments: [
          { name: 'prod', instances: { x: { host: 'bad host', port: 1 } } },
        ],
      },
      /not a hostname/,
    ],
    [
      {
        environments: [
          {
            name: 'prod',
            credentials: { password: 'p', secretRef: { name: 'n', key: 'k' } },
          },
        ],
      },
      /either password or secretRef/,
    ],
    [{ commandTimeoutMs: 0 }, /commandTimeoutMs must be a positive number/],
    [
      {
        environments: [
          { name: 'prod', nodes: { host: '{instance}-valkey-0', count: 3 } },
        ],
      },
      /nodes\.host: .* has no \{index\}/,
    ],
    [
      {
        environments: [
          { name: 'prod', nodes: { host: '{release}-{index}', count: 3 } },
        ],
      },
      /nodes\.host: unknown placeholder \{release\}/,
    ],
    [
      {
        environments: [
          { name: 'prod', nodes: { host: 'v-{index}', count: 0 } },
        ],
      },
      /nodes\.count: 0 is not a whole number of pods from 1 to 100/,
    ],
    [
      {
        environments: [
          {
            name: 'prod',
            sentinels: { host: 's-{index}', count: 3, port: 0 },
          },
        ],
      },
      /sentinels\.port: 0 is not a TCP port/,
    ],
  ])('rejects %o', (status, message) => {
    expect(() => read(status)).toThrow(message);
  });
});

describe('per-pod address patterns', () => {
  const withPods = readStatusConfig(
    new ConfigReader({
      valkey: {
        status: {
          environments: [
            {
              name: 'prod',
              port: 6380,
              nodes: {
                host: '{instance}-valkey-{index}.{instance}-valkey-headless.{namespace}.svc.cluster.local',
                count: 3,
              },
              sentinels: {
                host: '{instance}-valkey-sentinel-{index}.{instance}-valkey-sentinel-headless.{namespace}.svc.cluster.local',
                count: 2,
              },
              instances: { demo: { host: '127.0.0.1', port: 7100 } },
            },
          ],
        },
      },
    }),
  );

  it('names each pod, on the environment ports by default; Sentinel pods only in sentinel mode', () => {
    expect(resolveTarget(withPods, 'orders', 'prod', 'sentinel')).toMatchObject(
      {
        podNodes: [0, 1, 2].map(
          i =>
            `orders-valkey-${i}.orders-valkey-headless.orders.svc.cluster.local:6380`,
        ),
        podSentinels: [0, 1].map(
          i =>
            `orders-valkey-sentinel-${i}.orders-valkey-sentinel-headless.orders.svc.cluster.local:26379`,
        ),
      },
    );
    expect(
      resolveTarget(withPods, 'orders', 'prod', 'cluster').podSentinels,
    ).toEqual([]);
  });

  it('does not apply to an explicit instance endpoint', () => {
    expect(resolveTarget(withPods, 'demo', 'prod', 'cluster')).toMatchObject({
      host: '127.0.0.1',
      podNodes: [],
      podSentinels: [],
    });
  });
});
