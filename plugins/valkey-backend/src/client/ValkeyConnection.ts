import net from 'node:net';
import tls from 'node:tls';
import {
  encodeCommand,
  RespDecoder,
  RespError,
  RespValue,
} from './respDecoder';
import {
  kindOfReplyError,
  kindOfSocketError,
  ValkeyClientError,
} from './errors';

/** TLS settings for a connection; the PEM material itself, never file paths. */
export interface ConnectionTls {
  ca?: string;
  cert?: string;
  key?: string;
  serverName?: string;
  rejectUnauthorized: boolean;
}

export interface ConnectionOptions {
  host: string;
  port: number;
  tls?: ConnectionTls;
  username?: string;
  password?: string;
  connectTimeoutMs: number;
  commandTimeoutMs: number;
}

interface Pending {
  command: string;
  resolve: (value: RespValue) => void;
  reject: (error: ValkeyClientError) => void;
  timer: NodeJS.Timeout;
}

/**
 * One connection to one Valkey node speaking RESP2. Commands may be pipelined;
 * each has its own timeout. Any timeout or socket error destroys the socket and
 * fails every pending command: there is no reconnect, a probe opens a new
 * connection next time. Always call {@link close} (or use {@link withConnection}).
 */
export class ValkeyConnection {
  private readonly pending: Pending[] = [];
  private readonly decoder = new RespDecoder();
  private failure: ValkeyClientError | undefined;

  private constructor(
    private readonly socket: net.Socket,
    readonly address: string,
    private readonly commandTimeoutMs: number,
  ) {
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('error', error =>
      this.fail(
        new ValkeyClientError(
          kindOfSocketError(error),
          `connection to ${address} failed: ${error.message}`,
          address,
        ),
      ),
    );
    socket.on('close', () =>
      this.fail(
        new ValkeyClientError(
          'unreachable',
          `connection to ${address} closed`,
          address,
        ),
      ),
    );
  }

  /** Connects (TCP or TLS) within the connect timeout and authenticates when credentials are given. */
  static async open(options: ConnectionOptions): Promise<ValkeyConnection> {
    const address = `${options.host}:${options.port}`;
    const socket = await connectSocket(options, address);
    const connection = new ValkeyConnection(
      socket,
      address,
      options.commandTimeoutMs,
    );
    if (options.password !== undefined && options.password !== '') {
      const args = options.username
        ? ['AUTH', options.username, options.password]
        : ['AUTH', options.password];
      try {
        await connection.send(args, 'AUTH');
      } catch (error) {
        connection.close();
        throw error;
      }
    }
    return connection;
  }

  /** Sends one command and resolves with its reply; an error reply rejects. */
  command(args: string[]): Promise<RespValue> {
    return this.send(args, commandName(args));
  }

  /** Destroys the socket; pending commands fail. Safe to call more than once. */
  close(): void {
    this.fail(
      new ValkeyClientError(
        'unreachable',
        `connection to ${this.address} closed`,
        this.address,
      ),
    );
  }

  private send(args: string[], name: string): Promise<RespValue> {
    if (this.failure) {
      return Promise.reject(
        new ValkeyClientError(
          this.failure.kind,
          this.failure.message,
          this.address,
          name,
        ),
      );
    }
    return new Promise<RespValue>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.fail(
          new ValkeyClientError(
            'timeout',
            `${name} on ${this.address} timed out after ${this.commandTimeoutMs} ms`,
            this.address,
            name,
          ),
        );
      }, this.commandTimeoutMs);
      this.pending.push({ command: name, resolve, reject, timer });
      this.socket.write(encodeCommand(args));
    });
  }

  private onData(chunk: Buffer) {
    let replies: RespValue[];
    try {
      replies = this.decoder.push(chunk);
    } catch (error) {
      this.fail(
        new ValkeyClientError(
          'protocol',
          `unreadable reply from ${this.address}: ${(error as Error).message}`,
          this.address,
        ),
      );
      return;
    }
    for (const reply of replies) {
      const next = this.pending.shift();
      if (!next) continue;
      clearTimeout(next.timer);
      if (reply instanceof RespError) {
        next.reject(
          new ValkeyClientError(
            kindOfReplyError(reply.code, reply.message),
            `${next.command} on ${this.address}: ${reply.message}`,
            this.address,
            next.command,
          ),
        );
      } else {
        next.resolve(reply);
      }
    }
  }

  private fail(error: ValkeyClientError) {
    if (!this.failure) this.failure = error;
    this.socket.destroy();
    for (const p of this.pending.splice(0)) {
      clearTimeout(p.timer);
      p.reject(
        new ValkeyClientError(
          error.kind,
          error.command && error.command !== p.command
            ? `${p.command} on ${this.address} not answered: ${error.message}`
            : error.message,
          this.address,
          p.command,
        ),
      );
    }
  }
}

/** The command name for messages: `CLUSTER SHARDS`, `INFO`, `SENTINEL CKQUORUM`. */
export function commandName(args: string[]): string {
  const first = (args[0] ?? '').toUpperCase();
  if (['CLUSTER', 'SENTINEL', 'CONFIG', 'CLIENT', 'ACL'].includes(first)) {
    return `${first} ${(args[1] ?? '').toUpperCase()}`.trim();
  }
  return first;
}

function connectSocket(
  options: ConnectionOptions,
  address: string,
): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = options.tls
      ? tls.connect({
          host: options.host,
          port: options.port,
          ca: options.tls.ca,
          cert: options.tls.cert,
          key: options.tls.key,
          servername: options.tls.serverName ?? safeServerName(options.host),
          rejectUnauthorized: options.tls.rejectUnauthorized,
        })
      : net.connect({ host: options.host, port: options.port });
    socket.setNoDelay(true);
    const readyEvent = options.tls ? 'secureConnect' : 'connect';
    const timer = setTimeout(() => {
      socket.destroy();
      reject(
        new ValkeyClientError(
          'timeout',
          `connecting to ${address} timed out after ${options.connectTimeoutMs} ms`,
          address,
        ),
      );
    }, options.connectTimeoutMs);
    const onError = (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      socket.destroy();
      reject(
        new ValkeyClientError(
          kindOfSocketError(error),
          `connecting to ${address} failed: ${error.message}`,
          address,
        ),
      );
    };
    socket.once('error', onError);
    socket.once(readyEvent, () => {
      clearTimeout(timer);
      socket.off('error', onError);
      resolve(socket);
    });
  });
}

/** SNI must not be an IP address. */
function safeServerName(host: string): string | undefined {
  return net.isIP(host) ? undefined : host;
}

/** Opens a connection, runs `fn` and always closes the connection. */
export async function withConnection<T>(
  options: ConnectionOptions,
  fn: (connection: ValkeyConnection) => Promise<T>,
): Promise<T> {
  const connection = await ValkeyConnection.open(options);
  try {
    return await fn(connection);
  } finally {
    connection.close();
  }
}
