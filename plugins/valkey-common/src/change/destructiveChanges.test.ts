import type { ValkeyInstanceSpec } from '../spec/instanceSpec';
import { destructiveChanges } from './destructiveChanges';

const base: ValkeyInstanceSpec = {
  name: 'orders-cache',
  owner: 'group:default/team-orders',
  mode: 'cluster',
  topology: { shards: 4, replicasPerPrimary: 1 },
  persistence: { enabled: true },
  environments: [{ name: 'dev' }, { name: 'prod' }],
};

const kinds = (before: ValkeyInstanceSpec, after: ValkeyInstanceSpec) =>
  destructiveChanges(before, after).map(c => [c.kind, c.environment]);

describe('destructiveChanges', () => {
  it('finds nothing when the instance only grows or changes harmless fields', () => {
    expect(
      destructiveChanges(base, {
        ...base,
        size: 'large',
        topology: { shards: 6, replicasPerPrimary: 2 },
        environments: [...base.environments, { name: 'staging' }],
        tls: { enabled: true },
      }),
    ).toEqual([]);
  });

  it('lists a mode change once, as replacing the instance', () => {
    const changes = destructiveChanges(base, {
      ...base,
      mode: 'replication',
      topology: { replicas: 0 },
    });
    expect(changes.map(c => [c.kind, c.environment])).toEqual([
      ['mode', undefined],
    ]);
    expect(changes[0].message).toContain('from cluster to replication');
  });

  it('lists fewer shards and fewer replicas per environment, counting overrides', () => {
    const after: ValkeyInstanceSpec = {
      ...base,
      topology: { shards: 3, replicasPerPrimary: 1 },
      environments: [
        { name: 'dev' },
        { name: 'prod', overrides: { topology: { replicasPerPrimary: 0 } } },
      ],
    };
    expect(kinds(base, after)).toEqual([
      ['shards', 'dev'],
      ['shards', 'prod'],
      ['replicas', 'prod'],
    ]);
    expect(destructiveChanges(base, after)[0].message).toBe(
      'dev: shards go down from 4 to 3; the keys of the removed shards must be moved first or they are lost',
    );
  });

  it('uses the chart defaults for fields a spec leaves out', () => {
    const replication: ValkeyInstanceSpec = {
      ...base,
      mode: 'replication',
      topology: undefined,
    };
    // Default read replicas are 2: 1 is fewer, 2 is the same, 3 more.
    expect(
      kinds(replication, { ...replication, topology: { replicas: 1 } }),
    ).toEqual([
      ['replicas', 'dev'],
      ['replicas', 'prod'],
    ]);
    expect(
      kinds(replication, { ...replication, topology: { replicas: 2 } }),
    ).toEqual([]);
    const sentinel: ValkeyInstanceSpec = {
      ...base,
      mode: 'sentinel',
      topology: undefined,
    };
    // Sentinel counts data pods in total (default 3): 2 leaves one replica.
    expect(kinds(sentinel, { ...sentinel, topology: { replicas: 2 } })).toEqual(
      [
        ['replicas', 'dev'],
        ['replicas', 'prod'],
      ],
    );
  });

  it('lists persistence turned off, in the instance or one environment', () => {
    expect(kinds(base, { ...base, persistence: { enabled: false } })).toEqual([
      ['persistence', 'dev'],
      ['persistence', 'prod'],
    ]);
    expect(
      kinds(base, {
        ...base,
        environments: [
          { name: 'dev', overrides: { persistence: { enabled: false } } },
          { name: 'prod' },
        ],
      }),
    ).toEqual([['persistence', 'dev']]);
    // Turning it on is not destructive.
    const off = { ...base, persistence: { enabled: false } };
    expect(kinds(off, base)).toEqual([]);
  });

  it('lists a removed environment and does not compare its topology', () => {
    const changes = destructiveChanges(base, {
      ...base,
      topology: { shards: 3 },
      environments: [{ name: 'dev' }],
    });
    expect(changes.map(c => [c.kind, c.environment])).toEqual([
      ['environment-removed', 'prod'],
      ['shards', 'dev'],
    ]);
    expect(changes[0].message).toBe(
      'prod is removed: the instance there and its data are deleted',
    );
  });
});
