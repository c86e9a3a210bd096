/*
 * Scenario 7: password rotation by the rendered password-watcher.sh on three
 * data pods and three Sentinels (each watcher on its own timer), with a new
 * password holding spaces, quotes, a backslash and a dollar sign. Then the
 * Sentinel sidecars that read the rotated Secret: role-labeler.sh and
 * sentinel-state-saver.sh.
 */
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { valkeyCli, waitUntil } from '@valkey-backstage/valkey-local';
import { ChartSentinel } from './lib/chartSentinel';
import { startCmdlineScan } from './lib/cmdlineScan';
import { countKeys, writeKeys } from './lib/keys';
import { report, seconds } from './lib/report';
import { runScript, runScriptOk } from './lib/scripts';

jest.setTimeout(300_000);

const HOST = '127.0.0.1';
const GRACE_S = 6;

async function accepts(port: number, password: string): Promise<boolean> {
  const out = await valkeyCli({ host: HOST, port }, ['PING'], {
    password,
  }).catch(e => String(e));
  return out.trim() === 'PONG';
}

describe('password rotation and Sentinel sidecars with the chart scripts', () => {
  let h: ChartSentinel;

  beforeAll(async () => {
    h = await ChartSentinel.create({
      'auth.passwordRotation.enabled': true,
      'sentinel.persistence.enabled': true,
    });
    await h.startAll();
  });

  afterAll(async () => {
    await h?.destroy();
  });

  it('7. a new Secret value is applied by every watcher; clients with it connect, the old one stops working, replication stays up, no password on any command line', async () => {
    const primary = await h.waitForOnePrimary();
    await writeKeys({ host: HOST, port: primary.port }, 'r', 1000, h.password);
    const oldPw = h.password;
    const newPw = `new pw "quoted" 'single' back\\slash $HOME ${Math.random()
      .toString(36)
      .slice(2, 8)}`;
    const scan = startCmdlineScan([oldPw, newPw]);

    // Each pod on its own timer: intervals of 1, 2 and 3 s.
    const all = [
      ...h.data.map(p => ({ p, kind: 'data' as const })),
      ...h.sentinels.map(p => ({ p, kind: 'sentinel' as const })),
    ];
    const watchers = all.map(({ p, kind }, i) =>
      h.startSidecar(p, kind, 'password-watcher', {
        VALKEY_WATCH_INTERVAL: 1 + (i % 3),
        VALKEY_ROTATION_GRACE: GRACE_S,
      }),
    );
    await waitUntil(
      'every watcher started',
      async () => watchers.every(w => w.log.includes('watching')),
      20_000,
      100,
    );
    await new Promise(r => setTimeout(r, 3500)); // one full round each: the current password is recorded

    const rotated = Date.now();
    h.writeSecret('valkey-password', newPw);
    const withLogs = (e: unknown) => {
      throw new Error(
        `${e}\n${watchers
          .map((w, i) => `--- watcher of ${all[i].p.name}:\n${w.log}`)
          .join('\n')}`,
      );
    };
    await waitUntil(
      'the new password accepted by every data pod and Sentinel',
      async () =>
        (
          await Promise.all(all.map(({ p }) => accepts(p.port, newPw)))
        ).every(Boolean),
      30_000,
      100,
    ).catch(withLogs);
    const newAcceptedS = (Date.now() - rotated) / 1000;
    // during the grace period the old password still works, so no link breaks
    expect(await accepts(primary.port, oldPw)).toBe(true);
    await waitUntil(
      'the old password rejected everywhere',
      async () =>
        (
          await Promise.all(all.map(({ p }) => accepts(p.port, oldPw)))
        ).every(ok => !ok),
      (GRACE_S + 20) * 1000,
      200,
    ).catch(withLogs);
    const oldRejectedS = (Date.now() - rotated) / 1000;
    h.password = newPw;
    for (const w of watchers) expect(w.log).not.toContain('ERROR');

    // Replication stays up, and a reconnect authenticates with the new masterauth.
    const replicas = h.data.filter(p => p !== primary);
    for (const r of replicas)
      expect((await h.role(r)).master_link_status).toBe('up');
    await h.cli(primary.port, ['CLIENT', 'KILL', 'TYPE', 'replica']);
    await waitUntil(
      'replicas reconnected to the primary',
      async () =>
        (
          await Promise.all(replicas.map(r => h.role(r)))
        ).every(i => i.master_link_status === 'up'),
      30_000,
      200,
    );
    await writeKeys({ host: HOST, port: primary.port }, 'r2', 1000, newPw);
    for (const r of replicas) {
      await waitUntil(
        `writes reach replica ${r.ordinal}`,
        async () =>
          (await countKeys({ host: HOST, port: r.port }, 'r2', 1000, newPw)) ===
          1000,
        30_000,
        200,
      );
    }
    expect(
      await countKeys({ host: HOST, port: primary.port }, 'r', 1000, newPw),
    ).toBe(1000);

    // Outgoing credentials followed: masterauth on the replicas, auth-pass and sentinel-pass on the Sentinels.
    for (const r of replicas)
      expect(watchers[r.ordinal].log).toContain(
        'masterauth switched to the new password of default',
      );
    for (const s of h.sentinels) {
      const log = watchers[h.data.length + s.ordinal].log;
      expect(log).toContain(
        'auth-pass of mymaster switched to the new password',
      );
      expect(log).toContain('sentinel-pass switched to the new password');
    }

    // The Sentinels reconnect to the primary with the new auth-pass: no s_down, no failover.
    await h.cli(primary.port, ['CLIENT', 'KILL', 'TYPE', 'normal']);
    await new Promise(r => setTimeout(r, h.downAfterMs + 2000));
    expect((await h.waitForOnePrimary()).ordinal).toBe(primary.ordinal);
    for (const s of h.sentinels) {
      const fields = (await h.cli(s.port, ['SENTINEL', 'MASTER', 'mymaster']))
        .trim()
        .split('\n');
      const flags = fields[fields.indexOf('flags') + 1];
      expect(flags).toBe('master');
    }

    const { scans, commandLines, hits } = scan.stop();
    const setuser = commandLines.filter(c => c.includes('ACL SETUSER')).length;
    expect(hits).toEqual([]);
    report(
      `rotation: 3 data pods + 3 Sentinels, new password accepted everywhere ${seconds(
        newAcceptedS * 1000,
      )} s after the Secret changed, old one rejected after ${seconds(
        oldRejectedS * 1000,
      )} s (grace ${GRACE_S} s), replication up, 2000 keys checked, ${scans} scans of /proc/*/cmdline (${
        commandLines.length
      } distinct command lines, ${setuser} of them the watchers' ACL SETUSER calls), 0 with a password`,
    );
  });

  it('7b. role-labeler labels the primary and the replicas (reading the rotated Secret)', async () => {
    const primary = await h.waitForOnePrimary();
    const labelDir = join(h.root, 'labels');
    const hook = join(h.root, 'label-hook.sh');
    writeFileSync(
      hook,
      `#!/bin/sh\nprintf '%s' "$1" > "${labelDir}-$POD_NAME"\n`,
    );
    chmodSync(hook, 0o755);
    for (const p of h.data) {
      const r = await runScriptOk(
        h.rendered.scriptsDir,
        'role-labeler.sh',
        h.dataEnv(p, 'role-labeler', {
          VALKEY_LABEL_ONCE: 'true',
          VALKEY_LABEL_COMMAND: hook,
        }),
      );
      expect(r.stderr).toContain('labelled');
      expect(readFileSync(`${labelDir}-${p.name}`, 'utf8')).toBe(
        p === primary ? 'primary' : 'replica',
      );
    }
    report(
      `role-labeler: ordinal ${primary.ordinal} labelled primary, the other 2 replica`,
    );
  });

  it('7c. sentinel-state-saver copies the live sentinel.conf without any secret', async () => {
    const s = h.sentinels[0];
    const r = await runScript(
      h.rendered.scriptsDir,
      'sentinel-state-saver.sh',
      h.sentinelEnv(s, 'sentinel-state', { VALKEY_STATE_ONCE: 'true' }),
    );
    expect(r.code).toBe(0);
    const live = readFileSync(
      join(s.dir, 'run', 'conf', 'sentinel.conf'),
      'utf8',
    );
    const saved = readFileSync(join(s.dir, 'data', 'sentinel.conf'), 'utf8');
    expect(live).toMatch(/^sentinel auth-pass /m);
    expect(saved).toMatch(/^sentinel monitor mymaster /m);
    expect(saved).toMatch(/^sentinel known-replica mymaster /m);
    expect(saved).not.toMatch(
      /^(user |requirepass|masterauth|sentinel (auth-pass|sentinel-pass) )/m,
    );
    expect(saved).not.toContain(h.password);
    report(
      `sentinel-state-saver: ${
        saved.split('\n').length
      } lines saved, no secret`,
    );
  });
});
