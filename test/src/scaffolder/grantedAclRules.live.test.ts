/**
 * The ACL rules a granted user gets (aclRulesFor with a key prefix), loaded
 * into a real valkey-server: the user reaches its own keys and channels with
 * its preset's commands, and nothing outside its prefix.
 */
import {
  ACL_PERMISSION_PRESET_NAMES,
  aclRulesFor,
} from '@valkey-backstage/plugin-valkey-common';
import {
  startValkeyServer,
  ValkeyServer,
} from '@valkey-backstage/valkey-local';

const password = `pw-${Math.random().toString(36).slice(2)}`;

describe('granted ACL rules in a real Valkey', () => {
  let server: ValkeyServer;

  beforeAll(async () => {
    server = await startValkeyServer({
      config: ACL_PERMISSION_PRESET_NAMES.map(
        preset =>
          `user ${preset} on >${password} ${aclRulesFor(preset, 'checkout')}`,
      ),
    });
  });

  afterAll(async () => {
    await server?.destroy();
  });

  const as = (user: string, ...args: string[]) =>
    server.cli(args, { user, password }).then(out => out.trim());

  it.each(ACL_PERMISSION_PRESET_NAMES)(
    '%s: no key or channel outside the prefix',
    async user => {
      expect(await as(user, 'GET', 'payments:1')).toMatch(/^NOPERM/);
      expect(await as(user, 'GET', 'checkout')).toMatch(/^NOPERM/);
      expect(await as(user, 'PUBLISH', 'payments:news', 'x')).toMatch(
        /^NOPERM/,
      );
      expect(await as(user, 'GET', 'checkout:1')).not.toMatch(/NOPERM/);
    },
  );

  it('read-write writes its keys, read-only does not, only admin runs admin commands', async () => {
    expect(await as('read-write', 'SET', 'checkout:1', 'a')).toBe('OK');
    expect(await as('read-write', 'SET', 'payments:1', 'a')).toMatch(/^NOPERM/);
    expect(await as('read-only', 'GET', 'checkout:1')).toBe('a');
    expect(await as('read-only', 'SET', 'checkout:1', 'b')).toMatch(/^NOPERM/);
    expect(await as('read-write', 'CONFIG', 'GET', 'maxmemory')).toMatch(
      /^NOPERM/,
    );
    expect(await as('admin', 'CONFIG', 'GET', 'maxmemory')).toContain(
      'maxmemory',
    );
    expect(await as('admin', 'SET', 'payments:1', 'a')).toMatch(/^NOPERM/);
  });
});
