import { CacheService, LoggerService } from '@backstage/backend-plugin-api';
import { JsonValue } from '@backstage/types';
import { KnownNodes } from '../probes/types';

/** How long the addresses of the last good probe are kept: a week. */
const KEEP_MS = 7 * 24 * 3600 * 1000;

/**
 * The node addresses the last good probe of a configured target learnt from
 * Valkey itself, shared by backend replicas through Backstage's cache service
 * (with a copy in this process when the store fails). The next probe asks
 * them when the configured endpoint fails or hangs. Keys are the target's
 * own key, so one target's addresses never serve another target.
 */
export class KnownNodesStore {
  private readonly local = new Map<string, KnownNodes>();

  constructor(
    private readonly cache: CacheService,
    private readonly logger?: LoggerService,
  ) {}

  async get(targetKey: string): Promise<KnownNodes | undefined> {
    const key = this.keyOf(targetKey);
    try {
      const stored = (await this.cache.get<JsonValue>(key)) as unknown;
      if (isKnownNodes(stored)) return stored;
    } catch (error) {
      this.logger?.warn(`valkey known nodes read failed: ${error}`);
    }
    return this.local.get(key);
  }

  async set(targetKey: string, known: KnownNodes): Promise<void> {
    const key = this.keyOf(targetKey);
    this.local.set(key, known);
    try {
      await this.cache.set(key, known as unknown as JsonValue, {
        ttl: KEEP_MS,
      });
    } catch (error) {
      this.logger?.warn(`valkey known nodes write failed: ${error}`);
    }
  }

  private keyOf(targetKey: string) {
    return `known-nodes:v1:${targetKey}`;
  }
}

function isKnownNodes(value: unknown): value is KnownNodes {
  const v = value as KnownNodes | undefined;
  const strings = (a: unknown) =>
    Array.isArray(a) && a.every(x => typeof x === 'string');
  return (
    !!v &&
    typeof v.mode === 'string' &&
    strings(v.dataNodes) &&
    strings(v.sentinels) &&
    (v.replicationId === undefined || typeof v.replicationId === 'string')
  );
}
