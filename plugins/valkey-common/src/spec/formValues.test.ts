import { formFromInstanceSpec, instanceSpecFromForm } from './formValues';
import { parseValkeyInstanceSpec } from './parseSpec';

const base = {
  name: 'sessions',
  owner: 'group:default/team-identity',
  environments: [{ name: 'dev' }],
};

describe('instanceSpecFromForm', () => {
  it('counts Sentinel data pods in total: 3 = 1 primary + 2 replicas', () => {
    expect(
      instanceSpecFromForm({
        ...base,
        mode: 'sentinel',
        dataPods: 3,
        sentinels: 3,
        replicas: 2, // left over from Replication: not Sentinel's number
      }),
    ).toMatchObject({ topology: { replicas: 3, sentinels: 3 } });
  });

  it('keeps only the topology fields of the chosen mode', () => {
    expect(
      instanceSpecFromForm({
        ...base,
        mode: 'replication',
        replicas: 2,
        shards: 9,
        dataPods: 5,
      }),
    ).toMatchObject({ topology: { replicas: 2 } });
    expect(
      (instanceSpecFromForm({ ...base, mode: 'standalone', shards: 9 }) as any)
        .topology,
    ).toBeUndefined();
  });

  it('drops the backup schedule while backups are off and the volume size while storage is off', () => {
    const spec = instanceSpecFromForm({
      ...base,
      mode: 'standalone',
      backupsEnabled: false,
      backupSchedule: 'every night',
      backupRetention: 7,
      persistenceEnabled: false,
      persistenceSize: '8Gi',
    }) as any;
    expect(spec.backups).toEqual({ enabled: false });
    expect(spec.persistence).toEqual({ enabled: false });
    expect(parseValkeyInstanceSpec(spec).success).toBe(true);
  });

  it.each([
    ['standalone', {}],
    ['replication', { replicas: 2 }],
    ['sentinel', { replicas: 3, sentinels: 5 }],
    ['cluster', { shards: 3, replicasPerPrimary: 1 }],
  ])('reads back a stored %s spec into the same spec', (mode, topology) => {
    const spec = {
      ...base,
      mode,
      ...(Object.keys(topology).length ? { topology } : {}),
      size: 'small',
      persistence: { enabled: true, size: '8Gi' },
      auth: {
        enabled: true,
        aclUsers: [{ name: 'app', permissions: 'read-write' }],
      },
      tls: { enabled: true },
      backups: { enabled: true, schedule: '0 2 * * *', retention: 7 },
      metrics: { enabled: true, serviceMonitor: true, alerts: true },
      image: { variant: 'hardened' },
      environments: [
        { name: 'dev' },
        { name: 'prod', overrides: { size: 'large' } },
      ],
    };
    const parsed = parseValkeyInstanceSpec(spec);
    if (!parsed.success) throw new Error(JSON.stringify(parsed.issues));
    expect(
      parseValkeyInstanceSpec(
        instanceSpecFromForm(formFromInstanceSpec(parsed.spec)),
      ),
    ).toEqual({ success: true, spec: parsed.spec });
  });
});
