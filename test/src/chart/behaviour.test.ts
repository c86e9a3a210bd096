/* Rendered behaviour that clients, GitOps and the status backend rely on. */
import fs from 'fs';
import path from 'path';
import {
  chartDir,
  CRD_API_VERSIONS,
  findObject,
  helmTemplate,
  K8sObject,
} from '../lib/helm';
import { expectedAlerts } from './alertCases';

jest.setTimeout(120_000);

const render = async (set: Record<string, string | number | boolean>) => {
  const r = await helmTemplate({ set, apiVersions: CRD_API_VERSIONS });
  if (r.code !== 0) throw new Error(r.stderr);
  return r.objects;
};
const podSpec = (o: K8sObject) =>
  o.spec.template?.spec ?? o.spec.jobTemplate.spec.template.spec;
const container = (o: K8sObject, name: string) =>
  podSpec(o).containers.find((c: any) => c.name === name);

describe('services', () => {
  it.each(['standalone', 'replication', 'sentinel', 'cluster'])(
    '%s: headless Service publishes not-ready addresses',
    async mode => {
      const objs = await render({ mode });
      expect(
        findObject(objs, 'Service', 'test-valkey-headless')!.spec
          .publishNotReadyAddresses,
      ).toBe(true);
    },
  );

  it('replication: client Service -> primary, read Service -> replicas only', async () => {
    const objs = await render({ mode: 'replication' });
    expect(
      findObject(objs, 'Service', 'test-valkey')!.spec.selector[
        'valkey.io/role'
      ],
    ).toBe('primary');
    expect(
      findObject(objs, 'Service', 'test-valkey-read')!.spec.selector[
        'valkey.io/role'
      ],
    ).toBe('replica');
    expect(
      findObject(objs, 'StatefulSet', 'test-valkey-primary')!.spec.template
        .metadata.labels['valkey.io/role'],
    ).toBe('primary');
    expect(
      findObject(objs, 'StatefulSet', 'test-valkey-replica')!.spec.template
        .metadata.labels['valkey.io/role'],
    ).toBe('replica');
  });

  it('sentinel: client Service follows the primary label kept by the role-labeler (RBAC limited to own pods)', async () => {
    const objs = await render({ mode: 'sentinel' });
    expect(
      findObject(objs, 'Service', 'test-valkey')!.spec.selector[
        'valkey.io/role'
      ],
    ).toBe('primary');
    const sts = findObject(objs, 'StatefulSet', 'test-valkey')!;
    expect(container(sts, 'role-labeler').command).toEqual([
      'sh',
      '/opt/valkey/scripts/role-labeler.sh',
    ]);
    expect(podSpec(sts).automountServiceAccountToken).toBe(true);
    const role = findObject(objs, 'Role')!;
    expect(role.rules[0]).toMatchObject({
      resources: ['pods'],
      verbs: ['get', 'patch'],
      resourceNames: ['test-valkey-0', 'test-valkey-1', 'test-valkey-2'],
    });
    expect(
      findObject(objs, 'Service', 'test-valkey-sentinel')!.spec.ports[0].port,
    ).toBe(26379);
  });
});

describe('announce hostnames', () => {
  it('cluster announces hostnames and prefers them as endpoints', async () => {
    const objs = await render({ mode: 'cluster' });
    const cm = findObject(objs, 'ConfigMap', 'test-valkey-config')!;
    expect(cm.data['valkey.conf']).toContain(
      'cluster-preferred-endpoint-type hostname',
    );
    const init = podSpec(
      findObject(objs, 'StatefulSet', 'test-valkey')!,
    ).initContainers.find((c: any) => c.name === 'init-config');
    expect(
      init.env.find((e: any) => e.name === 'VALKEY_ANNOUNCE_HOST').value,
    ).toBe(
      '$(POD_NAME).test-valkey-headless.$(VALKEY_NAMESPACE).svc.cluster.local',
    );
    expect(
      fs.readFileSync(path.join(chartDir, 'scripts', 'valkey-init.sh'), 'utf8'),
    ).toContain('cluster-announce-hostname $VALKEY_ANNOUNCE_HOST');
  });

  it('sentinel resolves and announces hostnames', async () => {
    const objs = await render({ mode: 'sentinel' });
    const conf = findObject(objs, 'ConfigMap', 'test-valkey-sentinel-config')!
      .data['sentinel.conf'];
    expect(conf).toContain('sentinel resolve-hostnames yes');
    expect(conf).toContain('sentinel announce-hostnames yes');
  });
});

describe('probes and the hardened image', () => {
  it.each(['standalone', 'replication', 'sentinel', 'cluster'])(
    '%s hardened: valkey/sentinel containers need no shell',
    async mode => {
      const objs = await render({ mode, 'image.variant': 'hardened' });
      for (const o of objs.filter(x => x.kind === 'StatefulSet')) {
        for (const c of podSpec(o).containers.filter((x: any) =>
          ['valkey', 'sentinel'].includes(x.name),
        )) {
          expect(c.image).toMatch(/:9\.0\.3-hardened$/);
          for (const p of ['livenessProbe', 'readinessProbe', 'startupProbe']) {
            expect(c[p].exec.command[0]).toBe('valkey-cli');
          }
          expect(c.command[0]).toBe('valkey-server');
          const preStopCommand = c.lifecycle?.preStop?.exec?.command?.[0];
          expect([undefined, 'valkey-cli']).toContain(preStopCommand);
        }
      }
    },
  );

  it('hardened + password files: tcpSocket probes', async () => {
    const objs = await render({
      'image.variant': 'hardened',
      'auth.usePasswordFiles': true,
    });
    const c = container(
      findObject(objs, 'StatefulSet', 'test-valkey')!,
      'valkey',
    );
    expect(c.livenessProbe.tcpSocket.port).toBe(6379);
    expect(c.env.find((e: any) => e.name === 'REDISCLI_AUTH')).toBeUndefined();
  });

  it('TLS: probes use the TLS port and the custom key names', async () => {
    const objs = await render({
      'tls.enabled': true,
      'tls.existingSecret': 'c',
      'tls.caKey': 'root-ca.crt',
      'tls.certKey': 'server.crt',
      'tls.keyKey': 'server.key',
      'tls.disablePlaintext': true,
    });
    const c = container(
      findObject(objs, 'StatefulSet', 'test-valkey')!,
      'valkey',
    );
    expect(c.readinessProbe.exec.command).toEqual([
      'valkey-cli',
      '-e',
      '-h',
      '127.0.0.1',
      '-p',
      '6380',
      '--tls',
      '--cacert',
      '/etc/valkey/tls/root-ca.crt',
      '--cert',
      '/etc/valkey/tls/server.crt',
      '--key',
      '/etc/valkey/tls/server.key',
      'ping',
    ]);
    const conf = findObject(objs, 'ConfigMap', 'test-valkey-config')!.data[
      'valkey.conf'
    ];
    expect(conf).toMatch(/^port 0$/m);
    expect(conf).toContain('tls-ca-cert-file /etc/valkey/tls/root-ca.crt');
  });

  it('default security context matches seed 000', async () => {
    const objs = await render({});
    const sts = findObject(objs, 'StatefulSet', 'test-valkey')!;
    expect(podSpec(sts).securityContext).toEqual({
      runAsUser: 999,
      runAsGroup: 999,
      fsGroup: 999,
      runAsNonRoot: true,
      seccompProfile: { type: 'RuntimeDefault' },
    });
    expect(container(sts, 'valkey').securityContext).toMatchObject({
      readOnlyRootFilesystem: true,
      allowPrivilegeEscalation: false,
      capabilities: { drop: ['ALL'] },
    });
  });
});

describe('ACL: the monitoring and operations users', () => {
  const monitoringLine =
    'valkey-monitor monitoring-password on -@all +ping +info +role +lastsave +cluster|info +cluster|nodes +cluster|shards +cluster|slots +cluster|myid +cluster|myshardid';

  it('data nodes: monitoring and operations users with exactly the documented permissions', async () => {
    const objs = await render({});
    const acl = findObject(objs, 'ConfigMap', 'test-valkey-config')!.data[
      'acl-users.conf'
    ];
    expect(acl.trim().split('\n')).toEqual([
      monitoringLine,
      'valkey-operator operations-password on -@all +ping +info +role',
    ]);
  });

  it('cluster data nodes: the operations user may also run CLUSTER FAILOVER', async () => {
    const objs = await render({
      mode: 'cluster',
      'cluster.init.hookType': 'argocd',
    });
    const acl = findObject(objs, 'ConfigMap', 'test-valkey-config')!.data[
      'acl-users.conf'
    ];
    expect(acl.trim().split('\n')).toEqual([
      monitoringLine,
      'valkey-operator operations-password on -@all +ping +info +role +cluster|myid +cluster|failover',
    ]);
  });

  it('Sentinels: monitoring user without sentinel|config, operations user with SENTINEL FAILOVER only', async () => {
    const objs = await render({ mode: 'sentinel' });
    const acl = findObject(objs, 'ConfigMap', 'test-valkey-sentinel-config')!
      .data['acl-users.conf'];
    expect(acl.trim().split('\n')).toEqual([
      'valkey-monitor monitoring-password on -@all +ping +info +role +sentinel|primary +sentinel|primaries +sentinel|master +sentinel|masters +sentinel|replicas +sentinel|slaves +sentinel|sentinels +sentinel|ckquorum +sentinel|get-primary-addr-by-name +sentinel|get-master-addr-by-name +sentinel|myid',
      'valkey-operator operations-password on -@all +ping +sentinel|primary +sentinel|master +sentinel|replicas +sentinel|slaves +sentinel|failover',
    ]);
    expect(acl).not.toContain('sentinel|config');
  });

  it('auth.existingSecret: no Secret is generated; monitoring password read from it (optional)', async () => {
    const objs = await render({
      'auth.existingSecret': 'mine',
      mode: 'cluster',
      'cluster.init.hookType': 'argocd',
    });
    expect(objs.filter(o => o.kind === 'Secret')).toEqual([]);
    const vol = podSpec(
      findObject(objs, 'StatefulSet', 'test-valkey')!,
    ).volumes.find((v: any) => v.name === 'secrets');
    expect(vol.projected.sources[0].secret).toMatchObject({
      name: 'mine',
      items: [{ key: 'valkey-password', path: 'valkey-password' }],
    });
    expect(vol.projected.sources[1].secret).toMatchObject({
      name: 'mine',
      optional: true,
      items: [{ key: 'monitoring-password', path: 'monitoring-password' }],
    });
  });

  it('ACL users: passwords in the chart Secret, existingPasswordSecret mounted by key', async () => {
    const objs = await render({
      'acl.enabled': true,
      'acl.users.app.permissions': '+get',
      'acl.users.app.password': 'p',
      'acl.users.ro.permissions': '+get',
      'acl.users.ro.existingPasswordSecret': 'ro-secret',
      'acl.users.ro.passwordKey': 'pw',
    });
    expect(findObject(objs, 'Secret')!.data['acl-user-app']).toBe(
      Buffer.from('p').toString('base64'),
    );
    const vol = podSpec(
      findObject(objs, 'StatefulSet', 'test-valkey')!,
    ).volumes.find((v: any) => v.name === 'secrets');
    // optional: a missing one is named by the init script (secretsBeforePods.test.ts)
    expect(vol.projected.sources).toContainEqual({
      secret: {
        name: 'ro-secret',
        optional: true,
        items: [{ key: 'pw', path: 'acl/ro' }],
      },
    });
  });
});

describe('GitOps hooks', () => {
  it('helm hook type (default)', async () => {
    const objs = await render({ mode: 'cluster' });
    expect(
      findObject(objs, 'Job', 'test-valkey-cluster-init')!.metadata
        .annotations!['helm.sh/hook'],
    ).toBe('post-install');
    expect(
      findObject(objs, 'Job', 'test-valkey-cluster-scale')!.metadata
        .annotations!['helm.sh/hook'],
    ).toBe('post-upgrade');
    expect(
      findObject(objs, 'Job', 'test-valkey-cluster-precheck')!.metadata
        .annotations!['helm.sh/hook'],
    ).toBe('pre-upgrade');
  });

  it('argocd hook type', async () => {
    const objs = await render({
      mode: 'cluster',
      'cluster.init.hookType': 'argocd',
    });
    const init = findObject(objs, 'Job', 'test-valkey-cluster-init')!;
    expect(init.metadata.annotations!['argocd.argoproj.io/hook']).toBe(
      'PostSync',
    );
    expect(init.metadata.annotations!['helm.sh/hook']).toBeUndefined();
    expect(
      findObject(objs, 'Job', 'test-valkey-cluster-precheck')!.metadata
        .annotations!['argocd.argoproj.io/hook'],
    ).toBe('PreSync');
    expect(
      findObject(objs, 'ConfigMap', 'test-valkey-cluster-precheck')!.metadata
        .annotations!['argocd.argoproj.io/hook'],
    ).toBe('PreSync');
  });

  it('precheck ships its own scripts and tolerates a missing Secret (first Argo CD sync)', async () => {
    const objs = await render({ mode: 'cluster' });
    const job = findObject(objs, 'Job', 'test-valkey-cluster-precheck')!;
    expect(
      podSpec(job).volumes.find((v: any) => v.name === 'scripts').configMap
        .name,
    ).toBe('test-valkey-cluster-precheck');
    expect(
      container(job, 'cluster-precheck').env.find(
        (e: any) => e.name === 'REDISCLI_AUTH',
      ).valueFrom.secretKeyRef.optional,
    ).toBe(true);
    const cm = findObject(objs, 'ConfigMap', 'test-valkey-cluster-precheck')!;
    expect(cm.data['cluster-precheck.sh']).toBe(
      fs.readFileSync(
        path.join(chartDir, 'scripts', 'cluster-precheck.sh'),
        'utf8',
      ),
    );
  });
});

describe('labels for the status backend', () => {
  it('backup CronJob, its Jobs and pods carry component=backup', async () => {
    const objs = await render({ 'backup.enabled': true });
    const cj = findObject(objs, 'CronJob', 'test-valkey-backup')!;
    for (const labels of [
      cj.metadata.labels,
      cj.spec.jobTemplate.metadata.labels,
      cj.spec.jobTemplate.spec.template.metadata.labels,
    ]) {
      expect(labels).toMatchObject({
        'app.kubernetes.io/name': 'valkey',
        'app.kubernetes.io/instance': 'test',
        'app.kubernetes.io/component': 'backup',
        'valkey.io/mode': 'standalone',
      });
    }
  });

  it('data and Sentinel pods carry component valkey / sentinel', async () => {
    const objs = await render({ mode: 'sentinel' });
    expect(
      findObject(objs, 'StatefulSet', 'test-valkey')!.spec.template.metadata
        .labels['app.kubernetes.io/component'],
    ).toBe('valkey');
    expect(
      findObject(objs, 'StatefulSet', 'test-valkey-sentinel')!.spec.template
        .metadata.labels['app.kubernetes.io/component'],
    ).toBe('sentinel');
  });
});

describe('other features', () => {
  it('cache-only Deployment uses Recreate and no PVC', async () => {
    const objs = await render({
      'standalone.useDeployment': true,
      'persistence.enabled': false,
    });
    const d = findObject(objs, 'Deployment', 'test-valkey')!;
    expect(d.spec.strategy.type).toBe('Recreate');
    expect(podSpec(d).volumes.find((v: any) => v.name === 'data')).toEqual({
      name: 'data',
      emptyDir: {},
    });
    expect(findObject(objs, 'StatefulSet')).toBeUndefined();
  });

  it('PrometheusRule default rule set is useful per mode', async () => {
    const names = async (set: Record<string, any>) =>
      findObject(
        await render({
          'metrics.enabled': true,
          'metrics.prometheusRule.enabled': true,
          'backup.enabled': true,
          ...set,
        }),
        'PrometheusRule',
      )!.spec.groups[0].rules.map((r: any) => r.alert);
    // what each rule does, per mode: alerts.test.ts
    expect(await names({ mode: 'cluster' })).toEqual([
      ...expectedAlerts.cluster,
      'ValkeyBackupStale',
    ]);
    expect(await names({ mode: 'sentinel' })).toContain(
      'ValkeySentinelQuorumLost',
    );
  });

  it('NetworkPolicy restricts ingress and egress when enabled', async () => {
    const np = findObject(
      await render({
        'networkPolicy.enabled': true,
        'networkPolicy.allowExternal': false,
      }),
      'NetworkPolicy',
    )!;
    expect(np.spec.policyTypes).toEqual(['Ingress', 'Egress']);
    for (const rule of np.spec.ingress) expect(rule.from).toBeDefined();
    expect(np.spec.egress.some((e: any) => Object.keys(e).length === 0)).toBe(
      false,
    );
  });

  it('cluster backup takes every primary (backup.sh fetches one RDB per slot-owning primary)', async () => {
    const objs = await render({ mode: 'cluster', 'backup.enabled': true });
    const c = container(findObject(objs, 'CronJob')!, 'backup');
    expect(c.command).toEqual(['sh', '/opt/valkey/scripts/backup.sh']);
    expect(c.env.find((e: any) => e.name === 'VALKEY_MODE').value).toBe(
      'cluster',
    );
    const script = fs.readFileSync(
      path.join(chartDir, 'scripts', 'backup.sh'),
      'utf8',
    );
    expect(script).toContain('CLUSTER NODES');
    expect(script).toMatch(/fetch_rdb "\$1" "\$2" "\$work\/\$id\.rdb"/);
  });

  it('scripts ConfigMap carries every script unchanged', async () => {
    const objs = await render({});
    const cm = findObject(objs, 'ConfigMap', 'test-valkey-scripts')!;
    const files = fs
      .readdirSync(path.join(chartDir, 'scripts'))
      .filter(f => f.endsWith('.sh'));
    expect(Object.keys(cm.data).sort()).toEqual(files.sort());
    for (const f of files)
      expect(cm.data[f]).toBe(
        fs.readFileSync(path.join(chartDir, 'scripts', f), 'utf8'),
      );
  });

  it('persistence retention policy and per-mode size overrides', async () => {
    const objs = await render({
      mode: 'cluster',
      'cluster.persistence.size': '50Gi',
      'persistentVolumeClaimRetentionPolicy.whenScaled': 'Delete',
    });
    const sts = findObject(objs, 'StatefulSet', 'test-valkey')!;
    expect(
      sts.spec.volumeClaimTemplates[0].spec.resources.requests.storage,
    ).toBe('50Gi');
    expect(sts.spec.persistentVolumeClaimRetentionPolicy).toEqual({
      whenDeleted: 'Retain',
      whenScaled: 'Delete',
    });
    expect(sts.spec.podManagementPolicy).toBe('Parallel');
  });
});

describe('password rotation', () => {
  it('passes the interval and the grace period to the watcher sidecar', async () => {
    const objs = await render({
      mode: 'standalone',
      'auth.password': 'rotation-test-pw',
      'auth.passwordRotation.enabled': true,
      'auth.passwordRotation.interval': 7,
      'auth.passwordRotation.gracePeriod': 45,
    });
    const sts = objs.find(o => o.kind === 'StatefulSet')!;
    const watcher = container(sts, 'password-watcher');
    const env = Object.fromEntries(
      watcher.env.map((e: any) => [e.name, e.value]),
    );
    expect(env.VALKEY_WATCH_INTERVAL).toBe('7');
    expect(env.VALKEY_ROTATION_GRACE).toBe('45');
  });
});
