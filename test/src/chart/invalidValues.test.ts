/*
 * Invalid value sets: each must make `helm template` fail with a message that
 * names the offending key (JSON schema or the chart's own validation).
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import { stringify } from 'yaml';
import { helmTemplate, mapLimit } from '../lib/helm';

jest.setTimeout(120_000);

type Case = { name: string; values: Record<string, any>; expect: RegExp };
const cases: Case[] = [
  {
    name: 'unknown mode',
    values: { mode: 'master-slave' },
    expect: /mode: mode must be one of/,
  },
  {
    name: 'unknown variant',
    values: { image: { variant: 'alpine' } },
    expect: /image\.variant: image\.variant must be one of/,
  },
  {
    name: 'typo at top level',
    values: { persistance: { enabled: false } },
    expect: /Additional property persistance is not allowed/,
  },
  {
    name: 'typo in auth',
    values: { auth: { pasword: 'x' } },
    expect: /auth: Additional property pasword is not allowed/,
  },
  {
    name: 'cluster below 6 nodes',
    values: { mode: 'cluster', cluster: { replicas: 4 } },
    expect: /cluster\.replicas: Must be greater than or equal to 6/,
  },
  {
    name: 'cluster too small for replicasPerPrimary',
    values: {
      mode: 'cluster',
      cluster: { replicas: 6, replicasPerPrimary: 2 },
    },
    expect: /cluster\.replicas: 6 nodes cannot hold 3 primaries/,
  },
  {
    name: 'cluster bus port equals client port',
    values: { mode: 'cluster', cluster: { busPort: 6379 } },
    expect: /cluster\.busPort: must differ from service\.port/,
  },
  {
    name: 'cluster hook type',
    values: { cluster: { init: { hookType: 'flux' } } },
    expect: /cluster\.init\.hookType: cluster\.init\.hookType must be one of/,
  },
  {
    name: 'require full coverage not yes/no',
    values: { cluster: { requireFullCoverage: 'maybe' } },
    expect: /cluster\.requireFullCoverage/,
  },
  {
    name: 'even number of sentinels',
    values: { mode: 'sentinel', sentinel: { sentinelReplicas: 4 } },
    expect: /sentinel\.sentinelReplicas: must be odd/,
  },
  {
    name: 'too few sentinels',
    values: { mode: 'sentinel', sentinel: { sentinelReplicas: 1 } },
    expect: /sentinel\.sentinelReplicas: Must be greater than or equal to 3/,
  },
  {
    name: 'quorum above sentinel count',
    values: { mode: 'sentinel', sentinel: { quorum: 5 } },
    expect: /sentinel\.quorum: cannot exceed sentinel\.sentinelReplicas/,
  },
  {
    name: 'external access in sentinel mode',
    values: { mode: 'sentinel', externalAccess: { enabled: true } },
    expect:
      /externalAccess\.enabled: external access is not supported in sentinel mode/,
  },
  {
    name: 'sentinel mode disabling CONFIG',
    values: { mode: 'sentinel', disableCommandsSentinel: ['CONFIG'] },
    expect: /disableCommandsSentinel: CONFIG is needed by Sentinel/,
  },
  {
    name: 'deployment with persistence',
    values: { standalone: { useDeployment: true } },
    expect: /standalone\.useDeployment: requires persistence\.enabled=false/,
  },
  {
    name: 'deployment outside standalone',
    values: {
      mode: 'cluster',
      standalone: { useDeployment: true },
      persistence: { enabled: false },
    },
    expect: /standalone\.useDeployment: only valid with mode=standalone/,
  },
  {
    name: 'hostPath with persistence',
    values: { persistence: { hostPath: '/mnt/x' } },
    expect: /persistence\.hostPath: requires persistence\.enabled=false/,
  },
  {
    name: 'existingClaim in cluster mode',
    values: { mode: 'cluster', persistence: { existingClaim: 'x' } },
    expect: /persistence\.existingClaim: only valid in standalone mode/,
  },
  {
    name: 'keepOnUninstall with Delete retention',
    values: {
      persistence: { keepOnUninstall: true },
      persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Delete' },
    },
    expect:
      /persistentVolumeClaimRetentionPolicy\.whenDeleted: Delete contradicts persistence\.keepOnUninstall/,
  },
  {
    name: 'retention policy value',
    values: { persistentVolumeClaimRetentionPolicy: { whenScaled: 'Keep' } },
    expect: /persistentVolumeClaimRetentionPolicy\.whenScaled/,
  },
  {
    name: 'acl without auth',
    values: { auth: { enabled: false }, acl: { enabled: true } },
    expect: /acl\.enabled: requires auth\.enabled=true/,
  },
  {
    name: 'acl default user',
    values: {
      acl: {
        enabled: true,
        users: { default: { permissions: '+@all', password: 'x' } },
      },
    },
    expect:
      /acl\.users\.default: the default user is auto-managed by the chart/,
  },
  {
    name: 'acl user without permissions',
    values: { acl: { enabled: true, users: { myuser: { password: 'x' } } } },
    expect: /acl\.users\.myuser: permissions field is required/,
  },
  {
    name: 'acl existingPasswordSecret without key',
    values: {
      acl: {
        enabled: true,
        users: { myuser: { permissions: '+get', existingPasswordSecret: 's' } },
      },
    },
    expect: /acl\.users\.myuser: existingPasswordSecret requires passwordKey/,
  },
  {
    name: 'acl password and existing secret',
    values: {
      acl: {
        enabled: true,
        users: {
          myuser: {
            permissions: '+get',
            password: 'x',
            existingPasswordSecret: 's',
            passwordKey: 'k',
          },
        },
      },
    },
    expect:
      /acl\.users\.myuser: cannot set both password and existingPasswordSecret/,
  },
  {
    name: 'acl user without any password',
    values: {
      acl: { enabled: true, users: { myuser: { permissions: '+get' } } },
    },
    expect:
      /acl\.users\.myuser: password or existingPasswordSecret is required/,
  },
  {
    name: 'acl password inside permissions',
    values: {
      acl: {
        enabled: true,
        users: { myuser: { permissions: '>secret +get', password: 'x' } },
      },
    },
    expect: /acl\.users\.myuser: permissions must not contain passwords/,
  },
  {
    name: 'acl unknown user field',
    values: {
      acl: {
        enabled: true,
        users: { myuser: { permissions: '+get', password: 'x', pasword: 'y' } },
      },
    },
    expect: /acl\.users\.myuser: Additional property pasword is not allowed/,
  },
  {
    name: 'replication user not defined',
    values: { acl: { enabled: true, replicationUser: 'repl' } },
    expect:
      /acl\.replicationUser: user "repl" must be defined in acl\.users with a password/,
  },
  {
    name: 'acl existingSecret plus users',
    values: {
      acl: {
        enabled: true,
        existingSecret: 's',
        users: { a: { permissions: '+get', password: 'x' } },
      },
    },
    expect: /acl\.existingSecret: cannot be combined with acl\.users/,
  },
  {
    name: 'monitoring user name clash',
    values: {
      acl: {
        enabled: true,
        users: { 'valkey-monitor': { permissions: '+get', password: 'x' } },
      },
    },
    expect:
      /acl\.users\.valkey-monitor: this name is used by acl\.monitoringUser\.name/,
  },
  {
    name: 'operations user name clash',
    values: {
      acl: {
        enabled: true,
        users: { 'valkey-operator': { permissions: '+get', password: 'x' } },
      },
    },
    expect:
      /acl\.users\.valkey-operator: this name is used by acl\.operationsUser\.name/,
  },
  {
    name: 'operations user named like the monitoring user',
    values: { acl: { operationsUser: { name: 'valkey-monitor' } } },
    expect:
      /acl\.operationsUser\.name: must differ from acl\.monitoringUser\.name/,
  },
  {
    name: 'password with whitespace',
    values: { auth: { password: 'two words' } },
    expect: /auth\.password: must not contain whitespace/,
  },
  {
    name: 'rotation without auth',
    values: { auth: { enabled: false, passwordRotation: { enabled: true } } },
    expect: /auth\.passwordRotation\.enabled: requires auth\.enabled=true/,
  },
  {
    name: 'tls without certificates',
    values: { tls: { enabled: true } },
    expect:
      /tls\.existingSecret: TLS requires tls\.existingSecret or tls\.certManager\.enabled=true/,
  },
  {
    name: 'cert-manager without issuer',
    values: { tls: { enabled: true, certManager: { enabled: true } } },
    expect: /tls\.certManager\.issuerRef\.name: required/,
  },
  {
    name: 'disablePlaintext without tls',
    values: { tls: { disablePlaintext: true } },
    expect: /tls\.disablePlaintext: requires tls\.enabled=true/,
  },
  {
    name: 'tls authClients value',
    values: { tls: { authClients: 'sometimes' } },
    expect: /tls\.authClients: tls\.authClients must be one of/,
  },
  {
    name: 'tls port equals client port',
    values: { tls: { enabled: true, existingSecret: 'x', port: 6379 } },
    expect: /tls\.port: must differ from service\.port/,
  },
  {
    name: 'pdb min and max',
    values: { mode: 'cluster', pdb: { minAvailable: 2, maxUnavailable: 1 } },
    expect:
      /pdb\.minAvailable: set either pdb\.minAvailable or pdb\.maxUnavailable/,
  },
  {
    name: 'hpa outside standalone',
    values: { mode: 'cluster', autoscaling: { hpa: { enabled: true } } },
    expect:
      /autoscaling\.hpa\.enabled: HPA is only supported in standalone mode/,
  },
  {
    name: 'hpa min above max',
    values: {
      autoscaling: { hpa: { enabled: true, minReplicas: 4, maxReplicas: 2 } },
    },
    expect: /autoscaling\.hpa\.minReplicas: must not exceed/,
  },
  {
    name: 'servicemonitor without metrics',
    values: { metrics: { serviceMonitor: { enabled: true } } },
    expect: /metrics\.serviceMonitor\.enabled: requires metrics\.enabled=true/,
  },
  {
    name: 'podmonitor without metrics',
    values: { metrics: { podMonitor: { enabled: true } } },
    expect: /metrics\.podMonitor\.enabled: requires metrics\.enabled=true/,
  },
  {
    name: 'empty prometheus rule',
    values: {
      metrics: {
        enabled: true,
        prometheusRule: { enabled: true, defaultRules: false },
      },
    },
    expect: /metrics\.prometheusRule\.rules: the PrometheusRule would be empty/,
  },
  {
    name: 'backup retention zero',
    values: { backup: { enabled: true, retention: 0 } },
    expect: /backup\.retention: Must be greater than or equal to 1/,
  },
  {
    name: 'backup schedule malformed',
    values: { backup: { enabled: true, schedule: 'nightly' } },
    expect: /backup\.schedule: Does not match pattern/,
  },
  {
    name: 'restore without backup volume',
    values: { backup: { restore: { enabled: true } } },
    expect:
      /backup\.restore\.enabled: requires backup\.enabled=true, backup\.storage\.existingClaim or backup\.destination=s3/,
  },
  ...bucketCases(),
  {
    name: 'resource preset unknown',
    values: { resourcePreset: 'huge' },
    expect: /resourcePreset: resourcePreset must be one of/,
  },
  {
    name: 'maxmemory malformed',
    values: { config: { maxmemory: 'lots' } },
    expect: /config\.maxmemory: Does not match pattern/,
  },
  {
    name: 'appendfsync value',
    values: { config: { appendfsync: 'sometimes' } },
    expect: /config\.appendfsync: config\.appendfsync must be one of/,
  },
  {
    name: 'replication replicas negative',
    values: { mode: 'replication', replication: { replicas: -1 } },
    expect: /replication\.replicas: Must be greater than or equal to 0/,
  },
  {
    name: 'anti-affinity preset value',
    values: { podAntiAffinityPreset: { type: 'strict' } },
    expect:
      /podAntiAffinityPreset\.type: podAntiAffinityPreset\.type must be one of/,
  },
  {
    name: 'external access with deployment',
    values: {
      standalone: { useDeployment: true },
      persistence: { enabled: false },
      externalAccess: { enabled: true },
    },
    expect: /externalAccess\.enabled: per-pod Services need a StatefulSet/,
  },
];

/** backup.destination=s3: each broken value on top of an otherwise valid bucket. */
function bucketCases(): Case[] {
  const s3 = {
    bucket: 'valkey-backups',
    region: 'eu-central-1',
    credentials: { secretName: 'backup-s3' },
  };
  const bucket = (
    over: Record<string, any>,
    backup: Record<string, any> = {},
  ) => ({
    backup: {
      enabled: true,
      destination: 's3',
      s3: { ...s3, ...over },
      ...backup,
    },
  });
  return [
    {
      name: 'backup destination unknown',
      values: { backup: { destination: 'gcs' } },
      expect: /backup\.destination: backup\.destination must be one of/,
    },
    {
      name: 'bucket missing',
      values: bucket({ bucket: '' }),
      expect: /backup\.s3\.bucket: set the name of the bucket/,
    },
    {
      name: 'bucket name invalid',
      values: bucket({ bucket: 'Team_A' }),
      expect: /backup\.s3\.bucket: "Team_A" is not a bucket name/,
    },
    {
      name: 'bucket credentials Secret missing',
      values: bucket({ credentials: { secretName: '' } }),
      expect: /backup\.s3\.credentials\.secretName: name the existing Secret/,
    },
    {
      name: 'bucket credentials key invalid',
      values: bucket({
        credentials: { secretName: 'backup-s3', accessKeyIdKey: 'access key' },
      }),
      expect:
        /backup\.s3\.credentials\.accessKeyIdKey: "access key" is not a Secret key/,
    },
    {
      name: 'bucket endpoint with a path',
      values: bucket({ endpoint: 'https://s3.example.com/bucket' }),
      expect:
        /backup\.s3\.endpoint: "https:\/\/s3\.example\.com\/bucket" is not an endpoint URL/,
    },
    {
      name: 'bucket endpoint without scheme',
      values: bucket({ endpoint: 'minio:9000' }),
      expect: /backup\.s3\.endpoint: "minio:9000" is not an endpoint URL/,
    },
    {
      name: 'bucket without region or endpoint',
      values: bucket({ region: '' }),
      expect: /backup\.s3\.region: set the bucket's region/,
    },
    {
      name: 'bucket prefix escaping',
      values: bucket({ prefix: 'team/../other' }),
      expect: /backup\.s3\.prefix: "team\/\.\.\/other" is not a key prefix/,
    },
    {
      name: 'bucket prefix with leading slash',
      values: bucket({ prefix: '/team' }),
      expect: /backup\.s3\.prefix: "\/team" is not a key prefix/,
    },
    {
      name: 'bucket encryption unknown',
      values: bucket({ serverSideEncryption: 'rot13' }),
      expect:
        /backup\.s3\.serverSideEncryption: backup\.s3\.serverSideEncryption must be one of/,
    },
    {
      name: 'bucket KMS key without aws:kms',
      values: bucket({ kmsKeyId: 'alias/valkey' }),
      expect:
        /backup\.s3\.kmsKeyId: applies only with backup\.s3\.serverSideEncryption=aws:kms/,
    },
    {
      name: 'bucket CA and skip-verify together',
      values: bucket({
        insecureSkipVerify: true,
        caSecret: { name: 'minio-ca' },
      }),
      expect:
        /backup\.s3\.insecureSkipVerify: leave it false when backup\.s3\.caSecret/,
    },
    {
      name: 'bucket grace too short',
      values: bucket({ incompleteGraceMinutes: 1 }),
      expect:
        /backup\.s3\.incompleteGraceMinutes: Must be greater than or equal to 10/,
    },
    {
      name: 'uploader image empty',
      values: bucket({}, { uploader: { image: { repository: '' } } }),
      expect:
        /backup\.uploader\.image\.repository: set the image of the upload container/,
    },
    {
      name: 'restore from a bucket without one',
      values: { backup: { destination: 's3', restore: { enabled: true } } },
      expect: /backup\.s3\.bucket: set the name of the bucket/,
    },
    {
      name: 'restore from a set name that is none',
      values: {
        backup: {
          enabled: true,
          restore: { enabled: true, from: 'yesterday' },
        },
      },
      expect:
        /backup\.restore\.from: "yesterday" is neither "latest" nor a backup set name/,
    },
  ];
}

let tmp: string;
let results: { c: Case; code: number; stderr: string }[] = [];

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'valkey-invalid-'));
  results = await mapLimit(cases, 4, async (c, i) => {
    const f = path.join(tmp, `case-${i}.yaml`);
    fs.writeFileSync(f, stringify(c.values));
    const r = await helmTemplate({ valuesFiles: [f] });
    return { c, code: r.code, stderr: r.stderr };
  });
});

afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('invalid values are rejected with a message naming the key', () => {
  it('covers at least 30 invalid value sets', () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
  });

  it.each(cases.map(c => [c.name, c] as const))('%s', (_name, c) => {
    const r = results.find(x => x.c === c)!;
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(c.expect);
  });
});
