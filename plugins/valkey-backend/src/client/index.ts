export {
  ValkeyConnection,
  withConnection,
  commandName,
} from './ValkeyConnection';
export type { ConnectionOptions, ConnectionTls } from './ValkeyConnection';
export { ValkeyClientError, asClientError } from './errors';
export { RespError, RespDecoder, encodeCommand } from './respDecoder';
export type { RespValue } from './respDecoder';
