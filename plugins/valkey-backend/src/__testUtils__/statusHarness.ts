import { LoggerService } from '@backstage/backend-plugin-api';
import { CacheManager } from '@backstage/backend-defaults/cache';
import { ConfigReader } from '@backstage/config';
import { JsonObject } from '@backstage/types';
import {
  InstanceStatus,
  ValkeyMode,
} from '@valkey-backstage/plugin-valkey-common';
import { readStatusConfig } from '../config/readStatusConfig';
import { StatusService } from '../status/StatusService';

const silentLogger: LoggerService = {
  error() {},
  warn() {},
  info() {},
  debug() {},
  child: () => silentLogger,
};

/** A StatusService over real config parsing and Backstage's in-memory cache store. */
/** Short timeouts and a 1 s refresh, so live tests see changes quickly. */
export const FAST_PROBE_TIMING = {
  refreshIntervalSeconds: 1,
  connectTimeoutMs: 500,
  commandTimeoutMs: 1000,
};

export function statusServiceFor(
  status: JsonObject,
  hostExists?: (host: string) => Promise<boolean>,
): StatusService {
  const config = new ConfigReader({ valkey: { status } });
  const cache = CacheManager.fromConfig(new ConfigReader({})).forPlugin(
    'valkey',
  );
  return new StatusService({
    config: readStatusConfig(config),
    cache,
    logger: silentLogger,
    ...(hostExists ? { hostExists } : {}),
  });
}

/** Asks for a fresh status until `accept` returns true (each ask is a real probe). */
export async function statusUntil(
  make: () => StatusService,
  ask: { instance: string; environment: string; mode?: ValkeyMode },
  accept: (status: InstanceStatus) => boolean,
  timeoutMs = 30_000,
): Promise<InstanceStatus> {
  const deadline = Date.now() + timeoutMs;
  let last: InstanceStatus | undefined;
  while (Date.now() < deadline) {
    last = await make().status(
      `resource:default/${ask.instance}`,
      ask.instance,
      ask.environment,
      ask.mode,
    );
    if (accept(last)) return last;
    await new Promise(r => setTimeout(r, 250));
  }
  throw new Error(
    `status did not reach the expected state within ${timeoutMs} ms; last: ${JSON.stringify(
      last,
      null,
      1,
    ).slice(0, 3000)}`,
  );
}

/** Every data node of a status. */
export function allNodes(status: InstanceStatus) {
  const t = status.topology;
  if (!t) return [];
  if (t.kind === 'cluster') return t.shards.flatMap(s => s.nodes);
  return [...(t.primary ? [t.primary] : []), ...t.replicas];
}
