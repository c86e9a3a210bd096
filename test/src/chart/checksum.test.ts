/* The config checksum annotation on pod templates follows the configuration. */
import { helmTemplate, K8sObject } from '../lib/helm';

jest.setTimeout(60_000);

const podAnnotations = (objects: K8sObject[], kind: string, name: string) =>
  objects.find(o => o.kind === kind && o.metadata.name === name)!.spec.template
    .metadata.annotations;

describe('checksum/config annotation', () => {
  it.each([
    ['standalone', 'StatefulSet', 'test-valkey'],
    ['cluster', 'StatefulSet', 'test-valkey'],
    ['replication', 'StatefulSet', 'test-valkey-replica'],
    ['sentinel', 'StatefulSet', 'test-valkey'],
  ])(
    '%s: changes when the config changes and only then',
    async (mode, kind, name) => {
      const base = { mode, 'auth.password': 'pw' };
      const [a, b, c] = await Promise.all([
        helmTemplate({ set: { ...base, 'config.maxmemory': '256mb' } }),
        helmTemplate({ set: { ...base, 'config.maxmemory': '256mb' } }),
        helmTemplate({ set: { ...base, 'config.maxmemory': '512mb' } }),
      ]);
      const ca = podAnnotations(a.objects, kind, name)['checksum/config'];
      expect(ca).toMatch(/^[0-9a-f]{64}$/);
      expect(podAnnotations(b.objects, kind, name)['checksum/config']).toBe(ca);
      expect(podAnnotations(c.objects, kind, name)['checksum/config']).not.toBe(
        ca,
      );
    },
  );

  it('sentinel pods follow the Sentinel config', async () => {
    const [a, b] = await Promise.all([
      helmTemplate({ set: { mode: 'sentinel', 'auth.password': 'pw' } }),
      helmTemplate({
        set: {
          mode: 'sentinel',
          'auth.password': 'pw',
          'sentinel.downAfterMilliseconds': 5000,
        },
      }),
    ]);
    expect(
      podAnnotations(a.objects, 'StatefulSet', 'test-valkey-sentinel')[
        'checksum/config'
      ],
    ).not.toBe(
      podAnnotations(b.objects, 'StatefulSet', 'test-valkey-sentinel')[
        'checksum/config'
      ],
    );
  });

  it('a password change restarts pods unless the rotation sidecar applies it', async () => {
    const [a, b, c, d] = await Promise.all([
      helmTemplate({ set: { 'auth.password': 'one' } }),
      helmTemplate({ set: { 'auth.password': 'two' } }),
      helmTemplate({
        set: { 'auth.password': 'one', 'auth.passwordRotation.enabled': true },
      }),
      helmTemplate({
        set: { 'auth.password': 'two', 'auth.passwordRotation.enabled': true },
      }),
    ]);
    const ann = (o: K8sObject[]) =>
      podAnnotations(o, 'StatefulSet', 'test-valkey');
    expect(ann(a.objects)['checksum/secret']).not.toBe(
      ann(b.objects)['checksum/secret'],
    );
    expect(ann(c.objects)['checksum/secret']).toBeUndefined();
    expect(ann(c.objects)['checksum/config']).toBe(
      ann(d.objects)['checksum/config'],
    );
  });
});
