import { CacheService, LoggerService } from '@backstage/backend-plugin-api';
import { JsonValue } from '@backstage/types';
import { ConcurrencyLimiter } from './ConcurrencyLimiter';

interface Entry<T> {
  /** Epoch ms after which the value must be loaded again. */
  expiresAt: number;
  value: T;
}

/**
 * Results (JSON documents) shared by every viewer. Lookup order: this
 * process's copy of the last entry, Backstage's cache service (shared by
 * backend replicas when the store is Redis/Valkey), the load already in
 * flight for the key, and only then a new load, with at most `maxConcurrent`
 * loads at once. Entries carry their expiry, so a copy read from the shared
 * store is never kept longer than the TTL its writer gave it. A failing cache
 * store never fails a request: it only costs a load.
 */
export class SharedResultCache<T extends object> {
  private readonly local = new Map<string, Entry<T>>();
  private readonly inFlight = new Map<string, Promise<T>>();
  private readonly limiter: ConcurrencyLimiter;

  constructor(
    private readonly cache: CacheService,
    private readonly ttlMs: number,
    maxConcurrent: number,
    private readonly logger?: LoggerService,
    private readonly now: () => number = Date.now,
  ) {
    this.limiter = new ConcurrencyLimiter(maxConcurrent);
  }

  async get(key: string, load: () => Promise<T>): Promise<T> {
    const copy = this.fresh(this.local.get(key));
    if (copy) return copy.value;
    const pending = this.inFlight.get(key);
    if (pending) return pending;
    const stored = this.fresh(await this.read(key));
    if (stored) {
      this.local.set(key, stored);
      return stored.value;
    }
    // Another request may have started the load while we read the cache.
    const started = this.inFlight.get(key);
    if (started) return started;
    const loading = this.limiter
      .run(load)
      .then(async value => {
        const entry = { expiresAt: this.now() + this.ttlMs, value };
        this.local.set(key, entry);
        await this.write(key, entry);
        return value;
      })
      .finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, loading);
    return loading;
  }

  /**
   * Drops the entry here and in the shared store, so the next `get` loads
   * (after an operation changed what the entry describes). A load already in
   * flight still answers the callers waiting for it.
   */
  async invalidate(key: string): Promise<void> {
    this.local.delete(key);
    try {
      await this.cache.delete(key);
    } catch (error) {
      this.logger?.warn(`valkey status cache delete failed: ${error}`);
    }
  }

  private fresh(entry: Entry<T> | undefined): Entry<T> | undefined {
    return entry && entry.expiresAt > this.now() ? entry : undefined;
  }

  private async read(key: string): Promise<Entry<T> | undefined> {
    try {
      const entry = (await this.cache.get<JsonValue>(key)) as unknown as
        | Entry<T>
        | undefined;
      return entry && typeof entry.expiresAt === 'number' ? entry : undefined;
    } catch (error) {
      this.logger?.warn(`valkey status cache read failed: ${error}`);
      return undefined;
    }
  }

  private async write(key: string, entry: Entry<T>) {
    try {
      await this.cache.set(key, entry as unknown as JsonValue, {
        ttl: this.ttlMs,
      });
    } catch (error) {
      this.logger?.warn(`valkey status cache write failed: ${error}`);
    }
  }
}
