import { encodeCommand, RespDecoder, RespError } from './respDecoder';

describe('RespDecoder', () => {
  it('decodes every RESP2 type, split across chunks at any byte', () => {
    const wire = Buffer.from(
      '+OK\r\n-NOPERM User has no permissions\r\n:42\r\n$5\r\nhello\r\n$-1\r\n*2\r\n$1\r\na\r\n*1\r\n:7\r\n*-1\r\n',
    );
    for (let split = 1; split < wire.length; split++) {
      const decoder = new RespDecoder();
      const replies = [
        ...decoder.push(wire.subarray(0, split)),
        ...decoder.push(wire.subarray(split)),
      ];
      expect(replies).toEqual([
        'OK',
        new RespError('NOPERM User has no permissions'),
        42,
        'hello',
        null,
        ['a', [7]],
        null,
      ]);
    }
  });

  it('keeps multi-byte UTF-8 bulk strings whole', () => {
    const decoder = new RespDecoder();
    const text = 'zone-é';
    const bytes = Buffer.byteLength(text);
    expect(decoder.push(Buffer.from(`$${bytes}\r\n${text}\r\n`))).toEqual([
      text,
    ]);
  });

  it('encodes commands as arrays of bulk strings', () => {
    expect(encodeCommand(['INFO', 'server']).toString()).toBe(
      '*2\r\n$4\r\nINFO\r\n$6\r\nserver\r\n',
    );
  });

  it('names the error code', () => {
    expect(new RespError('WRONGPASS invalid username-password pair').code).toBe(
      'WRONGPASS',
    );
  });
});
