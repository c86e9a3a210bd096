import { ConflictError } from '@backstage/errors';
import {
  ConnectionOptions,
  ValkeyClientError,
  withConnection,
} from '../client';
import {
  infoNumber,
  isStaleSentinelEntry,
  parseSentinelEntry,
  parseSentinelList,
  SentinelEntry,
} from '../parsers';
import { splitAddress } from '../probes/nodeQuery';

/**
 * Why Sentinel must not be asked to fail over now, or undefined when it may:
 * a failover already running, or no replica in sync (link up and its
 * replication offset known).
 */
export function sentinelFailoverRefusal(
  primaryName: string,
  primary: SentinelEntry,
  replicas: SentinelEntry[],
): string | undefined {
  if (failoverRunning(primary)) {
    return `a failover of ${primaryName} is already running`;
  }
  if (replicas.length === 0) {
    return `${primaryName} has no replica to take over`;
  }
  const why = replicas.map(r => ({ address: r.address, reason: notInSync(r) }));
  if (why.every(w => w.reason)) {
    return `no replica of ${primaryName} is in sync: ${why
      .map(w => `${w.address} ${w.reason}`)
      .join('; ')}`;
  }
  return undefined;
}

/** Sentinel's own view of the primary says a failover runs. */
function failoverRunning(primary: SentinelEntry): boolean {
  const state = primary.fields['failover-state'];
  return (
    primary.flags.includes('failover_in_progress') ||
    (state !== undefined && state !== '' && state !== 'none')
  );
}

function notInSync(replica: SentinelEntry): string | undefined {
  if (isStaleSentinelEntry(replica)) return 'is down or disconnected';
  if (replica.fields['master-link-status'] !== 'ok') {
    return 'has its replication link down';
  }
  if (infoNumber(replica.fields, 'slave-repl-offset') === undefined) {
    return 'has no known replication offset';
  }
  if (replica.fields['slave-priority'] === '0') {
    return 'has replica-priority 0 (never promoted)';
  }
  return undefined;
}

/**
 * Asks the first Sentinel that answers to fail over `primaryName`, after
 * checking (on that Sentinel) that a replica is in sync and no failover is
 * running. Answers the primary before the failover.
 */
export async function sentinelFailover(
  sentinels: string[],
  primaryName: string,
  connection: (host: string, port: number) => ConnectionOptions,
): Promise<{ previousPrimary: string; sentinel: string }> {
  const unreachable: string[] = [];
  for (const address of sentinels) {
    const { host, port } = splitAddress(address);
    try {
      return await withConnection(connection(host, port), async c => {
        const primary = parseSentinelEntry(
          await c.command(['SENTINEL', 'PRIMARY', primaryName]),
        );
        const replicas = parseSentinelList(
          await c.command(['SENTINEL', 'REPLICAS', primaryName]),
        );
        const refusal = sentinelFailoverRefusal(primaryName, primary, replicas);
        if (refusal) throw new ConflictError(refusal);
        try {
          await c.command(['SENTINEL', 'FAILOVER', primaryName]);
        } catch (error) {
          const message = (error as Error).message;
          if (/INPROG/i.test(message)) {
            throw new ConflictError(
              `a failover of ${primaryName} is already running`,
            );
          }
          if (/NOGOODSLAVE|NOGOODREPLICA|no suitable/i.test(message)) {
            throw new ConflictError(
              `Sentinel found no replica of ${primaryName} fit to take over`,
            );
          }
          throw error;
        }
        return { previousPrimary: primary.address, sentinel: address };
      });
    } catch (error) {
      if (
        error instanceof ValkeyClientError &&
        ['unreachable', 'timeout'].includes(error.kind)
      ) {
        unreachable.push(address);
        continue;
      }
      throw explain(error);
    }
  }
  throw new Error(
    `no Sentinel answered (${unreachable.join(', ') || 'none configured'})`,
  );
}

/** Permission and login failures say which user to fix. */
export function explain(error: unknown): Error {
  if (error instanceof ValkeyClientError) {
    if (error.kind === 'no-permission') {
      return new Error(
        `the operations user may not run ${error.command}: give it the chart's acl.operationsUser permissions (${error.message})`,
      );
    }
    if (error.kind === 'auth-failed') {
      return new Error(
        `the operations user could not log in to ${error.address}: check the operations credentials of this environment (${error.message})`,
      );
    }
  }
  return error as Error;
}

/** True once `sentinel` names a primary other than `previous` and no failover runs. */
export async function sentinelPrimaryMoved(
  sentinel: string,
  primaryName: string,
  previous: string,
  connection: (host: string, port: number) => ConnectionOptions,
): Promise<boolean> {
  const { host, port } = splitAddress(sentinel);
  return withConnection(connection(host, port), async c => {
    const primary = parseSentinelEntry(
      await c.command(['SENTINEL', 'PRIMARY', primaryName]),
    );
    return primary.address !== previous && !failoverRunning(primary);
  });
}
