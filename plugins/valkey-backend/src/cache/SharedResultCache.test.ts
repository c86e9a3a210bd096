import { CacheManager } from '@backstage/backend-defaults/cache';
import { ConfigReader } from '@backstage/config';
import { CacheService } from '@backstage/backend-plugin-api';
import { SharedResultCache } from './SharedResultCache';
import { ConcurrencyLimiter } from './ConcurrencyLimiter';

const memoryCache = () =>
  CacheManager.fromConfig(new ConfigReader({})).forPlugin('valkey');

describe('SharedResultCache', () => {
  it('runs one load for any number of concurrent callers and serves the rest from the cache', async () => {
    const cache = new SharedResultCache<{ n: number }>(
      memoryCache(),
      60_000,
      4,
    );
    let loads = 0;
    const load = async () => {
      loads++;
      await new Promise(r => setTimeout(r, 20));
      return { n: loads };
    };
    const results = await Promise.all(
      Array.from({ length: 100 }, () => cache.get('k', load)),
    );
    expect(results.every(r => r.n === 1)).toBe(true);
    expect(await cache.get('k', load)).toEqual({ n: 1 });
    expect(loads).toBe(1);
  });

  it('loads again once the TTL has passed', async () => {
    const cache = new SharedResultCache<{ n: number }>(memoryCache(), 30, 4);
    let loads = 0;
    const load = async () => ({ n: ++loads });
    await cache.get('k', load);
    await new Promise(r => setTimeout(r, 80));
    expect(await cache.get('k', load)).toEqual({ n: 2 });
  });

  it('still answers when the cache store fails', async () => {
    const broken: CacheService = {
      get: async () => {
        throw new Error('store down');
      },
      set: async () => {
        throw new Error('store down');
      },
      delete: async () => {},
      withOptions: () => broken,
    };
    const cache = new SharedResultCache<{ ok: boolean }>(broken, 1000, 1);
    expect(await cache.get('k', async () => ({ ok: true }))).toEqual({
      ok: true,
    });
  });

  it('does not keep a failed load', async () => {
    const cache = new SharedResultCache<{ n: number }>(
      memoryCache(),
      60_000,
      1,
    );
    await expect(
      cache.get('k', async () => Promise.reject(new Error('boom'))),
    ).rejects.toThrow('boom');
    expect(await cache.get('k', async () => ({ n: 1 }))).toEqual({ n: 1 });
  });
});

describe('ConcurrencyLimiter', () => {
  it('never runs more than the limit at once', async () => {
    const limiter = new ConcurrencyLimiter(3);
    let running = 0;
    let peak = 0;
    await Promise.all(
      Array.from({ length: 20 }, () =>
        limiter.run(async () => {
          running++;
          peak = Math.max(peak, running);
          await new Promise(r => setTimeout(r, 5));
          running--;
        }),
      ),
    );
    expect(peak).toBe(3);
    expect(limiter.running).toBe(0);
  });
});

describe('SharedResultCache across processes', () => {
  it("serves what another instance stored in the shared store, until the writer's expiry", async () => {
    const store = memoryCache();
    let clock = 1_000;
    const writer = new SharedResultCache<{ by: string }>(
      store,
      10_000,
      1,
      undefined,
      () => clock,
    );
    const reader = new SharedResultCache<{ by: string }>(
      store,
      10_000,
      1,
      undefined,
      () => clock,
    );
    await writer.get('k', async () => ({ by: 'writer' }));
    clock += 9_000;
    expect(await reader.get('k', async () => ({ by: 'reader' }))).toEqual({
      by: 'writer',
    });
    clock += 2_000; // past the writer's expiry: the reader's copy must not outlive it
    expect(await reader.get('k', async () => ({ by: 'reader' }))).toEqual({
      by: 'reader',
    });
  });
});
