/*
 * Secret hygiene: with auth.password (and ACL user passwords) set, the known
 * passwords appear only inside Secret objects (base64), never in plaintext,
 * never in ConfigMaps, env values or commands; no `-a`/`--pass` on command lines.
 */
import {
  CRD_API_VERSIONS,
  helmTemplate,
  K8sObject,
  mapLimit,
} from '../lib/helm';

jest.setTimeout(120_000);

const PASSWORD = 'Kn0wnPassw0rdXYZ';
const APP_PASSWORD = 'AppUserS3cretQRS';
const b64 = (s: string) => Buffer.from(s).toString('base64');

const scenarios: {
  name: string;
  set: Record<string, string | number | boolean>;
}[] = [];
for (const mode of ['standalone', 'replication', 'sentinel', 'cluster']) {
  for (const variant of ['rpm', 'hardened']) {
    scenarios.push({
      name: `${mode}/${variant} with ACL, TLS, metrics, backup, rotation`,
      set: {
        mode,
        'image.variant': variant,
        'auth.password': PASSWORD,
        'acl.enabled': true,
        'acl.users.app.permissions': '~app:* +get +set',
        'acl.users.app.password': APP_PASSWORD,
        'tls.enabled': true,
        'tls.existingSecret': 'certs',
        'metrics.enabled': true,
        'metrics.prometheusRule.enabled': true,
        'backup.enabled': true,
        'auth.passwordRotation.enabled': true,
      },
    });
    scenarios.push({
      name: `${mode}/${variant} with backups to and restore from a bucket`,
      set: {
        mode,
        'image.variant': variant,
        'auth.password': PASSWORD,
        'backup.enabled': true,
        'backup.destination': 's3',
        'backup.s3.endpoint': 'https://minio.storage:9000',
        'backup.s3.region': 'us-east-1',
        'backup.s3.bucket': 'valkey-backups',
        'backup.s3.credentials.secretName': 'minio-valkey',
        'backup.restore.enabled': true,
      },
    });
    scenarios.push({
      name: `${mode}/${variant} password files`,
      set: {
        mode,
        'image.variant': variant,
        'auth.password': PASSWORD,
        'auth.usePasswordFiles': true,
      },
    });
  }
}

function commandsOf(o: K8sObject): string[][] {
  const spec =
    o.spec?.template?.spec ??
    o.spec?.jobTemplate?.spec?.template?.spec ??
    (o.kind === 'Pod' ? o.spec : undefined);
  if (!spec) return [];
  const out: string[][] = [];
  for (const c of [
    ...(spec.containers ?? []),
    ...(spec.initContainers ?? []),
  ]) {
    out.push([...(c.command ?? []), ...(c.args ?? [])]);
    for (const p of ['livenessProbe', 'readinessProbe', 'startupProbe'])
      if (c[p]?.exec) out.push(c[p].exec.command);
    if (c.lifecycle?.preStop?.exec) out.push(c.lifecycle.preStop.exec.command);
  }
  return out;
}

let rendered: {
  name: string;
  objects: K8sObject[];
  stdout: string;
  code: number;
  stderr: string;
}[] = [];
beforeAll(async () => {
  rendered = await mapLimit(scenarios, 4, async s => {
    const r = await helmTemplate({ set: s.set, apiVersions: CRD_API_VERSIONS });
    return {
      name: s.name,
      objects: r.objects,
      stdout: r.stdout,
      code: r.code,
      stderr: r.stderr,
    };
  });
});

describe('secret hygiene', () => {
  it.each(scenarios.map(s => [s.name]))(
    '%s: passwords only in Secrets',
    name => {
      const r = rendered.find(x => x.name === name)!;
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      // never in plaintext anywhere in the output
      expect(r.stdout).not.toContain(PASSWORD);
      expect(r.stdout).not.toContain(APP_PASSWORD);
      const holders = r.objects.filter(o =>
        JSON.stringify(o).includes(b64(PASSWORD)),
      );
      expect(holders.map(o => o.kind)).toEqual(['Secret']);
      for (const o of r.objects.filter(x => x.kind !== 'Secret')) {
        const text = JSON.stringify(o);
        expect(text).not.toContain(b64(PASSWORD));
        expect(text).not.toContain(b64(APP_PASSWORD));
      }
      const secret = holders[0];
      expect(secret.data['valkey-password']).toBe(b64(PASSWORD));
    },
  );

  it.each(scenarios.map(s => [s.name]))(
    '%s: no password flags on any command line',
    name => {
      const r = rendered.find(x => x.name === name)!;
      for (const o of r.objects) {
        for (const cmd of commandsOf(o)) {
          const joined = cmd.join(' ');
          expect(cmd).not.toContain('-a');
          expect(cmd).not.toContain('--pass');
          expect(joined).not.toMatch(/--requirepass|--masterauth|\s-a\s/);
        }
      }
    },
  );

  it('ConfigMaps hold no auth directives (requirepass/masterauth/user passwords)', () => {
    for (const r of rendered) {
      for (const cm of r.objects.filter(
        o =>
          o.kind === 'ConfigMap' &&
          !o.metadata.name.endsWith('scripts') &&
          !o.metadata.name.endsWith('precheck'),
      )) {
        const text = Object.values<string>(cm.data ?? {}).join('\n');
        expect(text).not.toMatch(/^\s*(requirepass|masterauth)\s/m);
        expect(text).not.toMatch(/(^|\s)>[^\s]/);
      }
    }
  });

  it('passwords reach containers only through secretKeyRef or mounted Secret volumes', () => {
    const notFromSecrets: string[] = [];
    let passwordVariables = 0;
    for (const r of rendered) {
      for (const o of r.objects) {
        const spec =
          o.spec?.template?.spec ?? o.spec?.jobTemplate?.spec?.template?.spec;
        if (!spec) continue;
        for (const c of [
          ...(spec.containers ?? []),
          ...(spec.initContainers ?? []),
        ]) {
          for (const e of c.env ?? []) {
            const isPassword =
              /PASSWORD$|AUTH$/.test(e.name) &&
              e.name !== 'VALKEY_AUTH_ENABLED';
            if (isPassword) passwordVariables += 1;
            if (
              isPassword &&
              (e.value !== undefined || !e.valueFrom?.secretKeyRef)
            ) {
              notFromSecrets.push(
                `${o.kind}/${o.metadata.name} ${c.name} ${e.name}`,
              );
            }
          }
        }
      }
    }
    expect(passwordVariables).toBeGreaterThan(0);
    expect(notFromSecrets).toEqual([]);
  });
});
