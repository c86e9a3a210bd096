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

async function acceptsAs(
  port: number,
  user: string,
  password: string,
): Promise<boolean> {
  const out = await valkeyCli({ host: HOST, port }, ['PING'], {
    user,
    password,
  }).catch(e => String(e));
  return out.trim() === 'PONG';
}

describe('two-phase rotation of an ACL user and of the replication user', () => {
  let h: ChartSentinel;
  const appOld = `app-old-${Math.random().toString(36).slice(2, 8)}`;
  const replOld = `repl-old-${Math.random().toString(36).slice(2, 8)}`;

  beforeAll(async () => {
    h = await ChartSentinel.create(
      {
        'auth.passwordRotation.enabled': true,
        'acl.enabled': true,
        'acl.replicationUser': 'repl',
        'acl.users.repl.permissions': '+psync +replconf +ping',
        'acl.users.repl.password': 'chart-secret-unused-here',
        'acl.users.app.permissions': '~app:* +@all',
        'acl.users.app.password': 'chart-secret-unused-here',
      },
      2,
      3,
    );
    // the chart Secret as mounted: one file per ACL user
    h.writeSecret('acl/app', appOld);
    h.writeSecret('acl/repl', replOld);
    await h.startAll();
  });

  afterAll(async () => {
    await h?.destroy();
  });

  it('7d. new passwords of "app" and "repl" work on every data pod, the old ones stop after the grace period, the replica re-authenticates as repl', async () => {
    const primary = await h.waitForOnePrimary();
    const replica = h.data.find(p => p !== primary)!;
    expect(
      (await h.cli(replica.port, ['CONFIG', 'GET', 'masteruser'])).split(
        '\n',
      )[1],
    ).toBe('repl');
    expect((await h.role(replica)).master_link_status).toBe('up');
    expect(await acceptsAs(primary.port, 'app', appOld)).toBe(true);

    const appNew = `app new "pw" $HOME ${Math.random()
      .toString(36)
      .slice(2, 8)}`;
    const replNew = `repl new 'pw' \\ ${Math.random()
      .toString(36)
      .slice(2, 8)}`;
    const scan = startCmdlineScan([appOld, appNew, replOld, replNew]);
    const watchers = h.data.map((p, i) =>
      h.startSidecar(p, 'data', 'password-watcher', {
        VALKEY_WATCH_INTERVAL: 1 + i,
        VALKEY_ROTATION_GRACE: GRACE_S,
      }),
    );
    const withLogs = (e: unknown) => {
      throw new Error(
        `${e}\n${watchers
          .map((w, i) => `--- watcher of ${h.data[i].name}:\n${w.log}`)
          .join('\n')}`,
      );
    };
    await waitUntil(
      'both watchers started',
      async () => watchers.every(w => w.log.includes('watching')),
      20_000,
      100,
    );
    await new Promise(r => setTimeout(r, 3500)); // each recorded the current passwords

    const rotated = Date.now();
    h.writeSecret('acl/app', appNew);
    h.writeSecret('acl/repl', replNew);
    const everywhere = (user: string, pw: string) => async () =>
      (await Promise.all(h.data.map(p => acceptsAs(p.port, user, pw)))).every(
        Boolean,
      );
    await waitUntil(
      'the new app and repl passwords accepted by both data pods',
      async () =>
        (await everywhere('app', appNew)()) &&
        (await everywhere('repl', replNew)()),
      30_000,
      100,
    ).catch(withLogs);
    const newAcceptedS = (Date.now() - rotated) / 1000;
    // phase 1: the old passwords still work next to the new ones
    expect(await acceptsAs(primary.port, 'app', appOld)).toBe(true);
    expect(await acceptsAs(primary.port, 'repl', replOld)).toBe(true);

    const nowhere = (user: string, pw: string) => async () =>
      (await Promise.all(h.data.map(p => acceptsAs(p.port, user, pw)))).every(
        ok => !ok,
      );
    await waitUntil(
      'the old app and repl passwords rejected everywhere',
      async () =>
        (await nowhere('app', appOld)()) && (await nowhere('repl', replOld)()),
      (GRACE_S + 20) * 1000,
      200,
    ).catch(withLogs);
    const oldRejectedS = (Date.now() - rotated) / 1000;
    expect(watchers[replica.ordinal].log).toContain(
      'masterauth switched to the new password of repl',
    );
    // each watcher logs the end of phase 2 after persisting (ACL SAVE, CONFIG REWRITE)
    await waitUntil(
      'both watchers logged both rotations',
      async () =>
        watchers.every(
          w =>
            w.log.includes(
              'app: password rotated, the old one no longer works',
            ) &&
            w.log.includes(
              'repl: password rotated, the old one no longer works',
            ),
        ),
      10_000,
      100,
    ).catch(withLogs);
    for (const w of watchers) expect(w.log).not.toContain('ERROR');

    // The replica reconnects as repl with the new password (the old one is gone).
    await h.cli(primary.port, ['CLIENT', 'KILL', 'TYPE', 'replica']);
    await waitUntil(
      'the replica reconnected to the primary',
      async () => (await h.role(replica)).master_link_status === 'up',
      30_000,
      200,
    );
    await writeKeys({ host: HOST, port: primary.port }, 'acl', 500, h.password);
    await waitUntil(
      'writes reach the replica',
      async () =>
        (await countKeys(
          { host: HOST, port: replica.port },
          'acl',
          500,
          h.password,
        )) === 500,
      30_000,
      200,
    );
    // and the app user works with its new password for its own keys
    expect(
      (
        await valkeyCli(
          { host: HOST, port: primary.port },
          ['SET', 'app:k', 'v'],
          {
            user: 'app',
            password: appNew,
          },
        )
      ).trim(),
    ).toBe('OK');

    const { hits } = scan.stop();
    expect(hits).toEqual([]);
    report(
      `ACL rotation: users app and repl on 2 data pods, new passwords accepted ${seconds(
        newAcceptedS * 1000,
      )} s after the Secret changed, old ones rejected after ${seconds(
        oldRejectedS * 1000,
      )} s (grace ${GRACE_S} s), replica re-authenticated as repl, 500 keys replicated, no password on any command line`,
    );
  });
});
