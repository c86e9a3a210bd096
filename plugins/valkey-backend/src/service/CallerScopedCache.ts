import { BackstageCredentials } from '@backstage/backend-plugin-api';

/**
 * Who is asking, as a cache key: the user entity ref for a user, the subject
 * for a service, plus the actor when one acts on behalf of another. Undefined
 * for anything else (no caching then).
 */
export function callerKey(
  credentials: BackstageCredentials,
): string | undefined {
  const principal = credentials.principal as {
    type?: string;
    userEntityRef?: string;
    subject?: string;
    actor?: { subject?: string };
  };
  const actor = principal.actor?.subject
    ? ` actor=${principal.actor.subject}`
    : '';
  if (principal.type === 'user' && principal.userEntityRef) {
    return `user=${principal.userEntityRef}${actor}`;
  }
  if (principal.type === 'service' && principal.subject) {
    return `service=${principal.subject}${actor}`;
  }
  return undefined;
}

export interface CallerScopedCacheOptions {
  /** How long an answer is reused for the same caller and key; 0 turns caching off. */
  ttlMs: number;
  /** At most this many entries; the oldest goes first. */
  maxEntries: number;
  /** Clock, for tests. */
  now?: () => number;
}

interface Entry<T> {
  expiresAt: number;
  value: Promise<T>;
}

/**
 * A short-lived, bounded, in-memory cache of answers that depend on who asks
 * (a permission decision, an entity as the caller may see it). Entries are
 * keyed by the caller (see `callerKey`) and a key, so one caller's answer is
 * never served to another; callers without a key are never cached. Concurrent
 * requests of one caller for one key share one load; a load that fails is not
 * kept.
 */
export class CallerScopedCache<T> {
  private readonly entries = new Map<string, Entry<T>>();
  private readonly now: () => number;

  constructor(private readonly options: CallerScopedCacheOptions) {
    this.now = options.now ?? Date.now;
  }

  get size(): number {
    return this.entries.size;
  }

  async get(
    credentials: BackstageCredentials,
    key: string,
    load: () => Promise<T>,
  ): Promise<T> {
    const caller = callerKey(credentials);
    if (caller === undefined || this.options.ttlMs <= 0) return load();
    const id = `${caller}\n${key}`;
    const now = this.now();
    const hit = this.entries.get(id);
    if (hit && hit.expiresAt > now) return hit.value;
    if (hit) this.entries.delete(id);

    const value = load();
    const entry: Entry<T> = { expiresAt: now + this.options.ttlMs, value };
    while (this.entries.size >= this.options.maxEntries) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
    this.entries.set(id, entry);
    value.catch(() => {
      if (this.entries.get(id) === entry) this.entries.delete(id);
    });
    return value;
  }
}
