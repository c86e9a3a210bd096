/*
 * A minimal RESP2 client for bulk key checks: sends many commands in one pipeline
 * over a single socket and returns one reply per command. Errors come back as
 * Error values (not thrown) so callers can count them.
 */
import { readFileSync } from 'node:fs';
import { Socket, connect } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import type { CliTls } from '@valkey-backstage/valkey-local';

export type Reply = string | number | null | Error | Reply[];

function encode(args: string[]): string {
  let out = `*${args.length}\r\n`;
  for (const a of args) out += `$${Buffer.byteLength(a)}\r\n${a}\r\n`;
  return out;
}

/** Parses one reply at `pos`; returns undefined when the buffer is incomplete. */
function parse(
  buf: Buffer,
  pos: number,
): { value: Reply; next: number } | undefined {
  const eol = buf.indexOf('\r\n', pos);
  if (eol < 0) return undefined;
  const type = String.fromCharCode(buf[pos]);
  const line = buf.toString('utf8', pos + 1, eol);
  switch (type) {
    case '+':
      return { value: line, next: eol + 2 };
    case '-':
      return { value: new Error(line), next: eol + 2 };
    case ':':
      return { value: Number(line), next: eol + 2 };
    case '$': {
      const len = Number(line);
      if (len < 0) return { value: null, next: eol + 2 };
      if (buf.length < eol + 2 + len + 2) return undefined;
      return {
        value: buf.toString('utf8', eol + 2, eol + 2 + len),
        next: eol + 2 + len + 2,
      };
    }
    case '*': {
      const n = Number(line);
      if (n < 0) return { value: null, next: eol + 2 };
      const items: Reply[] = [];
      let next = eol + 2;
      for (let i = 0; i < n; i++) {
        const item = parse(buf, next);
        if (!item) return undefined;
        items.push(item.value);
        next = item.next;
      }
      return { value: items, next };
    }
    default:
      throw new Error(`unexpected RESP type ${JSON.stringify(type)}`);
  }
}

/** Sends `commands` (after AUTH when a password is given) and resolves with their replies. */
export function pipeline(
  address: { host: string; port: number; tls?: CliTls },
  commands: string[][],
  password?: string,
  timeoutMs = 30_000,
): Promise<Reply[]> {
  const all = password ? [['AUTH', password], ...commands] : commands;
  return new Promise((resolve, reject) => {
    const t = address.tls;
    const socket: Socket = t
      ? tlsConnect({
          host: address.host,
          port: address.port,
          ca: readFileSync(t.caFile),
          cert: readFileSync(t.certFile),
          key: readFileSync(t.keyFile),
        })
      : connect(address.port, address.host);
    const replies: Reply[] = [];
    let buf = Buffer.alloc(0);
    let pos = 0;
    const timer = setTimeout(() => {
      socket.destroy();
      reject(
        new Error(
          `pipeline to ${address.host}:${address.port} timed out after ${replies.length}/${all.length} replies`,
        ),
      );
    }, timeoutMs);
    socket.on(t ? 'secureConnect' : 'connect', () =>
      socket.write(all.map(encode).join('')),
    );
    socket.on('data', (chunk: Buffer) => {
      buf = Buffer.concat([buf.subarray(pos), chunk]);
      pos = 0;
      for (;;) {
        const r = parse(buf, pos);
        if (!r) break;
        replies.push(r.value);
        pos = r.next;
      }
      if (replies.length === all.length) {
        clearTimeout(timer);
        socket.end();
        const out = password ? replies.slice(1) : replies;
        if (password && replies[0] instanceof Error) reject(replies[0]);
        else resolve(out);
      }
    });
    socket.on('error', e => {
      clearTimeout(timer);
      reject(e);
    });
  });
}
