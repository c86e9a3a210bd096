/*
 * Secrets before pods, on the chart side: the rendered pods mount every Secret
 * as optional (Kubernetes would otherwise hold them in ContainerCreating or
 * CreateContainerConfigError without naming the Secret), and the rendered
 * init scripts fail fast, naming each missing Secret and key, before writing
 * any configuration. Run with the rendered env against real files.
 */
import { existsSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ChartSentinel, FULLNAME } from './lib/chartSentinel';
import { runScript } from './lib/scripts';

jest.setTimeout(120_000);

const values = {
  'acl.enabled': true,
  'acl.users.app.permissions': '~app:* +@read +@write',
  'acl.users.app.existingPasswordSecret': 'app-creds',
  'acl.users.app.passwordKey': 'password',
  'tls.enabled': true,
  'tls.existingSecret': 'ops-tls',
};

describe('pods fail fast on a missing Secret', () => {
  let h: ChartSentinel;

  beforeAll(async () => {
    h = await ChartSentinel.create({ mode: 'sentinel', ...values }, 2, 3);
  });
  afterAll(async () => {
    await h?.destroy();
  });

  const clearSecrets = () => {
    for (const d of [h.secretsDir, h.tlsDir])
      for (const f of readdirSync(d))
        rmSync(join(d, f), { recursive: true, force: true });
  };
  const writeAll = () => {
    h.writeSecret('valkey-password', h.password);
    h.writeSecret('monitoring-password', 'monitor-pw');
    h.writeSecret('operations-password', 'operations-pw');
    h.writeSecret('acl/app', 'app-pw');
    for (const f of ['tls.crt', 'tls.key', 'ca.crt'])
      writeFileSync(join(h.tlsDir, f), `not a real ${f}\n`);
  };
  const confDir = () => join(h.data[0].dir, 'run', 'conf');

  it('renders every Secret volume as optional, so the init container gets to run', () => {
    for (const name of [FULLNAME, `${FULLNAME}-sentinel`]) {
      const sts = h.rendered.objects.find(
        o => o.kind === 'StatefulSet' && o.metadata.name === name,
      )!;
      const volumes = sts.spec.template.spec.volumes;
      const secrets = volumes.find((v: any) => v.name === 'secrets');
      expect(secrets.projected.sources.length).toBeGreaterThanOrEqual(3);
      for (const src of secrets.projected.sources)
        expect([src.secret.name, src.secret.optional]).toEqual([
          src.secret.name,
          true,
        ]);
      expect(volumes.find((v: any) => v.name === 'tls').secret).toMatchObject({
        secretName: 'ops-tls',
        optional: true,
      });
    }
  });

  it('valkey-init.sh names every missing Secret and key and writes no configuration', async () => {
    clearSecrets();
    rmSync(confDir(), { recursive: true, force: true });
    const r = await runScript(
      h.rendered.scriptsDir,
      'valkey-init.sh',
      h.dataEnv(h.data[0], 'init-config'),
    );
    expect(r.code).toBe(1);
    for (const line of [
      `Secret ${FULLNAME} key valkey-password not found`,
      `Secret ${FULLNAME} key monitoring-password not found`,
      'Secret app-creds key password not found',
      'Secret ops-tls key tls.crt not found',
      'Secret ops-tls key tls.key not found',
      'Secret ops-tls key ca.crt not found',
    ])
      expect(r.stderr).toContain(line);
    expect(r.seconds).toBeLessThan(5);
    expect(existsSync(join(confDir(), 'valkey.conf'))).toBe(false);
  });

  it('names only what is missing, and an empty key as empty', async () => {
    clearSecrets();
    writeAll();
    rmSync(join(h.secretsDir, 'acl'), { recursive: true, force: true });
    h.writeSecret('monitoring-password', '');
    const r = await runScript(
      h.rendered.scriptsDir,
      'valkey-init.sh',
      h.dataEnv(h.data[0], 'init-config'),
    );
    expect(r.code).toBe(1);
    const errors = r.stderr.split('\n').filter(l => l.includes('ERROR'));
    expect(errors).toEqual([
      expect.stringContaining(
        `Secret ${FULLNAME} key monitoring-password is empty`,
      ),
      expect.stringContaining('Secret app-creds key password not found'),
    ]);
  });

  it('sentinel-init.sh fails the same way', async () => {
    clearSecrets();
    writeAll();
    rmSync(join(h.tlsDir, 'tls.key'));
    const r = await runScript(
      h.rendered.scriptsDir,
      'sentinel-init.sh',
      h.sentinelEnv(h.sentinels[0], 'init-sentinel'),
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Secret ops-tls key tls.key not found');
    expect(r.stderr).not.toContain('valkey-password not found');
  });

  it('passes the check once every Secret is there and writes the configuration', async () => {
    clearSecrets();
    writeAll();
    const r = await runScript(
      h.rendered.scriptsDir,
      'valkey-init.sh',
      h.dataEnv(h.data[0], 'init-config', { VALKEY_PRIMARY_LOOKUP_TIMEOUT: 0 }),
    );
    expect(r.stderr).not.toContain('not found');
    expect(r.code).toBe(0);
    expect(existsSync(join(confDir(), 'valkey.conf'))).toBe(true);
  });
});
