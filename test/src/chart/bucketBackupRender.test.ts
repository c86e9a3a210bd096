/*
 * What backup.destination=s3 renders: the backup Job takes the set into a
 * scratch volume and a separate uploader container (not the Valkey image, so
 * the hardened image needs no shell) sends it on; the data pods download a
 * set before the restore container; the bucket's key pair is referenced by
 * Secret name and key only. The default (pvc) renders as before.
 */
import {
  CRD_API_VERSIONS,
  findObject,
  helmTemplate,
  K8sObject,
} from '../lib/helm';

jest.setTimeout(120_000);

const BUCKET = {
  'backup.destination': 's3',
  'backup.s3.endpoint': 'https://minio.storage:9000',
  'backup.s3.bucket': 'valkey-backups',
  'backup.s3.prefix': 'team-a/orders',
  'backup.s3.region': 'us-east-1',
  'backup.s3.forcePathStyle': true,
  'backup.s3.credentials.secretName': 'minio-valkey',
  'backup.s3.credentials.accessKeyIdKey': 'accesskey',
  'backup.s3.credentials.secretAccessKeyKey': 'secretkey',
};

const render = async (set: Record<string, string | number | boolean>) => {
  const r = await helmTemplate({ set, apiVersions: CRD_API_VERSIONS });
  if (r.code !== 0) throw new Error(r.stderr);
  return r.objects;
};
const jobSpec = (objs: K8sObject[]) =>
  findObject(objs, 'CronJob', 'test-valkey-backup')!.spec.jobTemplate.spec
    .template.spec;
const envOf = (c: any) =>
  Object.fromEntries(
    (c.env ?? []).map((e: any) => [e.name, e.value ?? e.valueFrom]),
  );

describe('backup.destination=s3', () => {
  it.each(['standalone', 'replication', 'sentinel', 'cluster'])(
    '%s: backup.sh runs first into a scratch volume, then the uploader image uploads; no backup PVC',
    async mode => {
      const objs = await render({
        mode,
        'image.variant': 'hardened',
        'backup.enabled': true,
        'backup.uploader.image.repository': 'registry.example/rclone',
        'backup.uploader.image.tag': '1.68.2',
        'backup.uploader.resources.limits.memory': '128Mi',
        ...BUCKET,
      });
      const spec = jobSpec(objs);
      expect(spec.initContainers.map((c: any) => c.name)).toEqual(['backup']);
      expect(spec.containers.map((c: any) => c.name)).toEqual(['upload']);
      const [upload] = spec.containers;
      expect(upload.image).toBe('registry.example/rclone:1.68.2');
      expect(upload.command).toEqual([
        'sh',
        '/opt/valkey/scripts/backup-upload.sh',
      ]);
      expect(upload.resources).toEqual({ limits: { memory: '128Mi' } });
      expect(upload.securityContext.readOnlyRootFilesystem).toBe(true);
      expect(spec.volumes.find((v: any) => v.name === 'backup')).toEqual({
        name: 'backup',
        emptyDir: {},
      });
      expect(
        objs.some(
          o =>
            o.kind === 'PersistentVolumeClaim' &&
            o.metadata.name.endsWith('-backup'),
        ),
      ).toBe(false);
      const env = envOf(upload);
      expect(env.VALKEY_BACKUP_REMOTE).toBe(
        'valkeybackup:valkey-backups/team-a/orders',
      );
      expect(env.RCLONE_CONFIG_VALKEYBACKUP_ENDPOINT).toBe(
        'https://minio.storage:9000',
      );
      expect(env.RCLONE_CONFIG_VALKEYBACKUP_FORCE_PATH_STYLE).toBe('true');
      expect(env.RCLONE_CONFIG_VALKEYBACKUP_ACCESS_KEY_ID).toEqual({
        secretKeyRef: { name: 'minio-valkey', key: 'accesskey' },
      });
      expect(env.RCLONE_CONFIG_VALKEYBACKUP_SECRET_ACCESS_KEY).toEqual({
        secretKeyRef: { name: 'minio-valkey', key: 'secretkey' },
      });
      expect(envOf(spec.initContainers[0]).VALKEY_BACKUP_LOCATION).toBe(
        's3://valkey-backups/team-a/orders',
      );
      // the data pods run no uploader: the Valkey image keeps its own containers
      for (const sts of objs.filter(o => o.kind === 'StatefulSet'))
        for (const c of sts.spec.template.spec.containers)
          expect(c.image).not.toContain('rclone');
    },
  );

  it.each(['standalone', 'sentinel', 'cluster'])(
    '%s: a restore downloads the set before the restore container, into a per-pod scratch volume',
    async mode => {
      const objs = await render({
        mode,
        'backup.restore.enabled': true,
        'backup.restore.from': '20260131T020000Z',
        ...BUCKET,
      });
      const sts = objs.find(
        o => o.kind === 'StatefulSet' && o.metadata.name === 'test-valkey',
      )!;
      const init = sts.spec.template.spec.initContainers;
      const names = init.map((c: any) => c.name);
      expect(names.indexOf('restore-download')).toBe(
        names.indexOf('restore') - 1,
      );
      const download = init[names.indexOf('restore-download')];
      expect(download.image).toBe('rclone/rclone:1.68.2');
      expect(envOf(download).VALKEY_RESTORE_FROM).toBe('20260131T020000Z');
      expect(download.volumeMounts).toEqual(
        expect.arrayContaining([
          { name: 'data', mountPath: '/data', readOnly: true },
          { name: 'backup', mountPath: '/backup' },
        ]),
      );
      expect(
        sts.spec.template.spec.volumes.find((v: any) => v.name === 'backup'),
      ).toEqual({
        name: 'backup',
        emptyDir: {},
      });
    },
  );

  it('server-side encryption, a CA bundle from a Secret and skip-verify reach rclone as env', async () => {
    const kms = envOf(
      jobSpec(
        await render({
          'backup.enabled': true,
          ...BUCKET,
          'backup.s3.serverSideEncryption': 'aws:kms',
          'backup.s3.kmsKeyId': 'alias/valkey',
        }),
      ).containers[0],
    );
    expect(kms.RCLONE_CONFIG_VALKEYBACKUP_SERVER_SIDE_ENCRYPTION).toBe(
      'aws:kms',
    );
    expect(kms.RCLONE_CONFIG_VALKEYBACKUP_SSE_KMS_KEY_ID).toBe('alias/valkey');
    const spec = jobSpec(
      await render({
        'backup.enabled': true,
        ...BUCKET,
        'backup.s3.caSecret.name': 'minio-ca',
      }),
    );
    expect(envOf(spec.containers[0]).RCLONE_CA_CERT).toBe(
      '/etc/valkey/backup-ca/ca.crt',
    );
    expect(spec.containers[0].volumeMounts).toContainEqual({
      name: 'backup-ca',
      mountPath: '/etc/valkey/backup-ca',
      readOnly: true,
    });
    expect(spec.volumes).toContainEqual({
      name: 'backup-ca',
      secret: { secretName: 'minio-ca' },
    });
    const insecure = envOf(
      jobSpec(
        await render({
          'backup.enabled': true,
          ...BUCKET,
          'backup.s3.insecureSkipVerify': true,
        }),
      ).containers[0],
    );
    expect(insecure.RCLONE_NO_CHECK_CERTIFICATE).toBe('true');
    const aws = envOf(
      jobSpec(
        await render({
          'backup.enabled': true,
          ...BUCKET,
          'backup.s3.endpoint': '',
        }),
      ).containers[0],
    );
    expect(aws.RCLONE_CONFIG_VALKEYBACKUP_PROVIDER).toBe('AWS');
    expect(aws.RCLONE_CONFIG_VALKEYBACKUP_ENDPOINT).toBeUndefined();
  });

  it('the default destination (pvc) keeps the backup PVC and a single backup container', async () => {
    const objs = await render({ 'backup.enabled': true });
    const spec = jobSpec(objs);
    expect(spec.initContainers).toBeUndefined();
    expect(spec.containers.map((c: any) => c.name)).toEqual(['backup']);
    expect(envOf(spec.containers[0]).VALKEY_BACKUP_LOCATION).toBe(
      'pvc/test-valkey-backup',
    );
    expect(
      findObject(objs, 'PersistentVolumeClaim', 'test-valkey-backup'),
    ).toBeDefined();
  });
});
