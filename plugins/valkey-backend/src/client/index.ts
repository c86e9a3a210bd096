/**
 * The status backend's own small RESP2 client, and why it is not a general
 * Valkey/Redis client library:
 *
 * - probe timeouts: every connect and every command has its own deadline, and
 *   a node that accepts TCP but never answers (a frozen process) fails within
 *   it instead of queueing commands;
 * - no retries and no reconnect loops: a failure is the answer a probe
 *   reports (the next probe opens a new connection), never a hidden wait;
 * - one connection per node per probe, opened and always closed by the probe,
 *   with errors already classified into the status contract's problem kinds;
 * - small: a decoder, one connection class and the errors, all tested here.
 */
export {
  ValkeyConnection,
  withConnection,
  commandName,
} from './ValkeyConnection';
export type { ConnectionOptions, ConnectionTls } from './ValkeyConnection';
export { ValkeyClientError, asClientError } from './errors';
export { RespError, RespDecoder, encodeCommand } from './respDecoder';
export type { RespValue } from './respDecoder';
