/** A decoded RESP2 reply. Error replies are decoded as {@link RespError}. */
export type RespValue = string | number | null | RespError | RespValue[];

/** An error reply from the server (`-NOPERM ...`, `-WRONGPASS ...`). */
export class RespError {
  constructor(readonly message: string) {}

  /** The first word of the message, e.g. `NOPERM`. */
  get code(): string {
    const space = this.message.indexOf(' ');
    return space === -1 ? this.message : this.message.slice(0, space);
  }
}

const INCOMPLETE = Symbol('incomplete');
type Parsed = { value: RespValue; next: number } | typeof INCOMPLETE;

/**
 * Incremental RESP2 decoder: feed it socket chunks, it returns every complete
 * reply found so far and keeps the unfinished tail for the next chunk.
 */
export class RespDecoder {
  private buffer: Buffer = Buffer.alloc(0);

  push(chunk: Buffer): RespValue[] {
    this.buffer =
      this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    const replies: RespValue[] = [];
    let offset = 0;
    for (;;) {
      const parsed = this.parse(offset);
      if (parsed === INCOMPLETE) break;
      replies.push(parsed.value);
      offset = parsed.next;
    }
    this.buffer = this.buffer.subarray(offset);
    return replies;
  }

  private parse(offset: number): Parsed {
    const buf = this.buffer;
    if (offset >= buf.length) return INCOMPLETE;
    const lineEnd = buf.indexOf('\r\n', offset);
    if (lineEnd === -1) return INCOMPLETE;
    const type = String.fromCharCode(buf[offset]);
    const line = buf.toString('utf8', offset + 1, lineEnd);
    const afterLine = lineEnd + 2;
    switch (type) {
      case '+':
        return { value: line, next: afterLine };
      case '-':
        return { value: new RespError(line), next: afterLine };
      case ':':
        return { value: Number(line), next: afterLine };
      case '$': {
        const length = Number(line);
        if (length < 0) return { value: null, next: afterLine };
        if (buf.length < afterLine + length + 2) return INCOMPLETE;
        return {
          value: buf.toString('utf8', afterLine, afterLine + length),
          next: afterLine + length + 2,
        };
      }
      case '*': {
        const count = Number(line);
        if (count < 0) return { value: null, next: afterLine };
        const items: RespValue[] = [];
        let next = afterLine;
        for (let i = 0; i < count; i++) {
          const item = this.parse(next);
          if (item === INCOMPLETE) return INCOMPLETE;
          items.push(item.value);
          next = item.next;
        }
        return { value: items, next };
      }
      default:
        throw new Error(`unexpected RESP type byte ${JSON.stringify(type)}`);
    }
  }
}

/** Encodes a command as a RESP array of bulk strings. */
export function encodeCommand(args: string[]): Buffer {
  const parts: Buffer[] = [Buffer.from(`*${args.length}\r\n`)];
  for (const arg of args) {
    const bytes = Buffer.from(arg, 'utf8');
    parts.push(Buffer.from(`$${bytes.length}\r\n`), bytes, Buffer.from('\r\n'));
  }
  return Buffer.concat(parts);
}
