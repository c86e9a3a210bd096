import { mockCredentials } from '@backstage/backend-test-utils';
import { CallerScopedCache, callerKey } from './CallerScopedCache';

function clock(start = 1_000_000) {
  let t = start;
  return {
    now: () => t,
    advance: (ms: number) => {
      t += ms;
    },
  };
}

describe('CallerScopedCache', () => {
  const alice = mockCredentials.user('user:default/alice');
  const bob = mockCredentials.user('user:default/bob');
  const ref = 'resource:default/orders-cache';

  it("never serves caller A's answer to caller B", async () => {
    const cache = new CallerScopedCache<string>({
      ttlMs: 60_000,
      maxEntries: 10,
    });
    const load = jest.fn(async (who: string) => `decision for ${who}`);
    expect(await cache.get(alice, ref, () => load('alice'))).toBe(
      'decision for alice',
    );
    expect(await cache.get(bob, ref, () => load('bob'))).toBe(
      'decision for bob',
    );
    // each caller gets their own answer back from the cache
    expect(await cache.get(alice, ref, () => load('alice again'))).toBe(
      'decision for alice',
    );
    expect(await cache.get(bob, ref, () => load('bob again'))).toBe(
      'decision for bob',
    );
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('keeps a user apart from a service, and an actor apart from the caller alone', async () => {
    const cache = new CallerScopedCache<string>({
      ttlMs: 60_000,
      maxEntries: 10,
    });
    const service = mockCredentials.service('plugin:catalog');
    const onBehalf = {
      $$type: '@backstage/BackstageCredentials',
      principal: {
        type: 'user',
        userEntityRef: 'user:default/alice',
        actor: { type: 'service', subject: 'plugin:scaffolder' },
      },
    } as any;
    const keys = new Set(
      [alice, bob, service, onBehalf].map(c => callerKey(c)),
    );
    expect(keys.size).toBe(4);
    expect(await cache.get(service, ref, async () => 'service')).toBe(
      'service',
    );
    expect(await cache.get(alice, ref, async () => 'alice')).toBe('alice');
  });

  it('keeps entities apart for one caller', async () => {
    const cache = new CallerScopedCache<string>({
      ttlMs: 60_000,
      maxEntries: 10,
    });
    await cache.get(alice, 'resource:default/a', async () => 'a');
    expect(await cache.get(alice, 'resource:default/b', async () => 'b')).toBe(
      'b',
    );
  });

  it('expires an answer after ttlMs', async () => {
    const c = clock();
    const cache = new CallerScopedCache<string>({
      ttlMs: 2000,
      maxEntries: 10,
      now: c.now,
    });
    await cache.get(alice, ref, async () => 'ALLOW');
    c.advance(1999);
    expect(await cache.get(alice, ref, async () => 'DENY')).toBe('ALLOW');
    c.advance(1);
    expect(await cache.get(alice, ref, async () => 'DENY')).toBe('DENY');
  });

  it('never caches callers without credentials, or with ttlMs 0', async () => {
    const none = new CallerScopedCache<number>({
      ttlMs: 60_000,
      maxEntries: 10,
    });
    let n = 0;
    await none.get(mockCredentials.none(), ref, async () => ++n);
    await none.get(mockCredentials.none(), ref, async () => ++n);
    expect(n).toBe(2);
    expect(none.size).toBe(0);
    const off = new CallerScopedCache<number>({ ttlMs: 0, maxEntries: 10 });
    await off.get(alice, ref, async () => ++n);
    await off.get(alice, ref, async () => ++n);
    expect(n).toBe(4);
  });

  it('shares one load between concurrent requests of one caller, and forgets a failed load', async () => {
    const cache = new CallerScopedCache<string>({
      ttlMs: 60_000,
      maxEntries: 10,
    });
    let calls = 0;
    const slow = () =>
      new Promise<string>(r => {
        calls++;
        setTimeout(() => r('ALLOW'), 10);
      });
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => cache.get(alice, ref, slow)),
    );
    expect(new Set(answers)).toEqual(new Set(['ALLOW']));
    expect(calls).toBe(1);

    await expect(
      cache.get(bob, ref, async () => {
        throw new Error('permission backend down');
      }),
    ).rejects.toThrow('permission backend down');
    expect(await cache.get(bob, ref, async () => 'ALLOW')).toBe('ALLOW');
  });

  it('holds at most maxEntries, dropping the oldest', async () => {
    const cache = new CallerScopedCache<number>({
      ttlMs: 60_000,
      maxEntries: 3,
    });
    for (let i = 0; i < 10; i++) {
      await cache.get(
        mockCredentials.user(`user:default/u${i}`),
        ref,
        async () => i,
      );
    }
    expect(cache.size).toBe(3);
    // u9 is still there, u0 was dropped
    expect(
      await cache.get(
        mockCredentials.user('user:default/u9'),
        ref,
        async () => -1,
      ),
    ).toBe(9);
    expect(
      await cache.get(
        mockCredentials.user('user:default/u0'),
        ref,
        async () => -1,
      ),
    ).toBe(-1);
  });
});
