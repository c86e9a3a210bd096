import {
  StatusProblem,
  StatusSection,
} from '@valkey-backstage/plugin-valkey-common';
import {
  asClientError,
  commandName,
  ConnectionOptions,
  RespValue,
  ValkeyClientError,
  ValkeyConnection,
} from '../client';
import { ProbeTarget } from './types';

/** How many nodes of one instance a probe asks at the same time. */
export const MAX_PARALLEL_NODES = 16;

/**
 * A failure as plain data (kind, message, address, command), so answers can be
 * recorded as JSON and interpreted later exactly as they were collected.
 */
export type NodeError = Pick<
  ValkeyClientError,
  'kind' | 'message' | 'address' | 'command'
>;

export type CommandOutcome =
  | { ok: true; value: RespValue }
  | { ok: false; error: NodeError };

/** What one node answered to a pipeline of commands: plain JSON data. */
export interface NodeAnswer {
  address: string;
  /** Set when the connection (or AUTH) failed; then no command ran. */
  connectError?: NodeError;
  results: CommandOutcome[];
}

function plainError(error: ValkeyClientError): NodeError {
  return {
    kind: error.kind,
    message: error.message,
    address: error.address,
    ...(error.command ? { command: error.command } : {}),
  };
}

/** Splits `host:port` (IPv6 in brackets or not) on the last colon. */
export function splitAddress(address: string): { host: string; port: number } {
  const colon = address.lastIndexOf(':');
  const host = address.slice(0, colon).replace(/^\[(.*)\]$/, '$1');
  return { host, port: Number(address.slice(colon + 1)) };
}

export function connectionOptions(
  target: ProbeTarget,
  host: string,
  port: number,
): ConnectionOptions {
  return {
    host,
    port,
    tls: target.tls,
    username: target.username,
    password: target.password,
    connectTimeoutMs: target.connectTimeoutMs,
    commandTimeoutMs: target.commandTimeoutMs,
  };
}

/**
 * Opens one connection to `address`, pipelines `commands`, collects each
 * outcome separately (a NOPERM on one command leaves the others usable) and
 * always closes the connection.
 */
export async function queryNode(
  target: ProbeTarget,
  address: string,
  commands: string[][],
): Promise<NodeAnswer> {
  const { host, port } = splitAddress(address);
  let connection: ValkeyConnection;
  try {
    connection = await ValkeyConnection.open(
      connectionOptions(target, host, port),
    );
  } catch (error) {
    return {
      address,
      connectError: plainError(asClientError(error, address)),
      results: [],
    };
  }
  try {
    const results = await Promise.all(
      commands.map(args =>
        connection.command(args).then(
          (value): CommandOutcome => ({ ok: true, value }),
          (error): CommandOutcome => ({
            ok: false,
            error: plainError(asClientError(error, address, commandName(args))),
          }),
        ),
      ),
    );
    return { address, results };
  } finally {
    connection.close();
  }
}

/**
 * The failure of command `index` in a node's answer: the connection's error
 * when it never ran, else the command's own error; undefined when it succeeded.
 */
export function failureOf(
  answer: NodeAnswer,
  index: number,
): NodeError | undefined {
  if (answer.connectError) return answer.connectError;
  const outcome = answer.results[index];
  if (!outcome) {
    return {
      kind: 'protocol',
      message: `${answer.address} gave no answer to command ${index + 1}`,
      address: answer.address,
    };
  }
  return outcome.ok ? undefined : outcome.error;
}

/**
 * The problem for command `index` of a node's answer, undefined when it
 * succeeded: a failed connection (or AUTH, or TLS handshake) concerns the
 * connection section, an error reply `section`.
 */
export function answerProblem(
  answer: NodeAnswer,
  index: number,
  section: StatusSection,
): StatusProblem | undefined {
  const error = failureOf(answer, index);
  if (!error) return undefined;
  return problemFrom(error, answer.connectError ? 'connection' : section);
}

/** True when the node itself could not be reached or did not answer in time. */
export function isUnreachable(error: NodeError | undefined): boolean {
  return !!error && (error.kind === 'unreachable' || error.kind === 'timeout');
}

/**
 * The one way every probe mode turns a failure into a problem of the status
 * document. A lost or silent connection (timeout, reset, refused, bad
 * credentials) concerns the node's connection whatever command was running;
 * an error reply concerns `section`.
 */
export function problemFrom(
  error: NodeError,
  section: StatusSection,
): StatusProblem {
  const connectionLevel = ['timeout', 'unreachable', 'auth-failed'].includes(
    error.kind,
  );
  let message = error.message;
  if (error.kind === 'no-permission') {
    message = `no permission for ${error.command ?? 'a command'} on ${
      error.address
    }: grant it to the monitoring user`;
  } else if (error.kind === 'auth-failed') {
    message = `authentication failed on ${error.address}: check the monitoring user's name and password`;
  } else if (error.kind === 'timeout') {
    message = `${error.address} does not answer; it may be stopped, frozen or overloaded (${error.message})`;
  } else if (error.kind === 'unreachable') {
    message = `${error.address} cannot be reached (${error.message})`;
  }
  return {
    section: connectionLevel ? 'connection' : section,
    kind: error.kind,
    message,
    node: error.address,
    ...(error.command ? { command: error.command } : {}),
  };
}

/**
 * One connection problem per node: pipelined commands on a connection that
 * broke all fail the same way, and one line says it.
 */
export function withoutRepeatedConnectionProblems(
  problems: StatusProblem[],
): StatusProblem[] {
  const seen = new Set<string>();
  return problems.filter(p => {
    if (p.section !== 'connection' || !p.node) return true;
    const key = `${p.kind}|${p.node}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The text of a successful outcome, undefined otherwise. */
export function textOf(
  outcome: CommandOutcome | undefined,
): string | undefined {
  return outcome?.ok && typeof outcome.value === 'string'
    ? outcome.value
    : undefined;
}

/** Runs `fn` over `items` with at most `limit` at a time. */
export async function mapLimited<T, R>(
  items: T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const workers = Array.from(
    { length: Math.min(limit, items.length) },
    async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await fn(items[i]);
      }
    },
  );
  await Promise.all(workers);
  return results;
}

/**
 * INFO of a data node: role and offsets, persistence, and the runtime figures
 * (memory, stats, clients). The chart's monitoring user has +info.
 */
export const NODE_INFO_COMMAND = [
  'INFO',
  'server',
  'clients',
  'memory',
  'persistence',
  'stats',
  'replication',
];

/** Addresses in order, each once. */
export function uniqueAddresses(addresses: string[]): string[] {
  return [...new Set(addresses.filter(a => a && !a.startsWith('?')))];
}

/**
 * Asks nodes one round at a time, never the same address twice: `ask` sends
 * `commands` to every address not asked yet (at most MAX_PARALLEL_NODES at
 * once) and appends their answers, in order, to `answers`.
 */
export function nodeAsker(target: ProbeTarget, commands: string[][]) {
  const asked = new Set<string>();
  const answers: NodeAnswer[] = [];
  const ask = async (addresses: string[]) => {
    const fresh = uniqueAddresses(addresses).filter(a => !asked.has(a));
    fresh.forEach(a => asked.add(a));
    answers.push(
      ...(await mapLimited(fresh, MAX_PARALLEL_NODES, address =>
        queryNode(target, address, commands),
      )),
    );
  };
  return { ask, asked, answers };
}
