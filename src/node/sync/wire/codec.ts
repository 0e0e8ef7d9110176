// A small binary reader and writer for the anti-entropy messages: unsigned LEB128 varints up to
// 2^53, length-prefixed UTF-8 strings and raw 64-bit digests. The reader checks every bound,
// so a truncated or hostile body fails with a CodecError instead of reading garbage.

/** A message that is malformed, or of a version this build does not speak (another build's). */
export type CodecErrorCode = 'bad_request' | 'unsupported_version';

export class CodecError extends Error {
  readonly code: CodecErrorCode;
  constructor(message: string, code: CodecErrorCode = 'bad_request') {
    super(message);
    this.name = 'CodecError';
    this.code = code;
  }
}

const INITIAL_CAPACITY = 1024;

/** Bytes Writer.varint takes for n: 7 bits a byte. */
export function varintBytes(n: number): number {
  let bytes = 1;
  for (let rest = n; rest >= 0x80; rest = Math.floor(rest / 0x80)) bytes += 1;
  return bytes;
}

/** Bytes Writer.string takes for s: its UTF-8 length as a varint, then the UTF-8 bytes. */
export function stringBytes(s: string): number {
  const bytes = Buffer.byteLength(s, 'utf8');
  return varintBytes(bytes) + bytes;
}

export class Writer {
  #buf = Buffer.allocUnsafe(INITIAL_CAPACITY);
  #at = 0;

  u8(n: number): this {
    this.#reserve(1);
    this.#buf[this.#at++] = n;
    return this;
  }

  u16(n: number): this {
    this.#reserve(2);
    this.#buf.writeUInt16BE(n, this.#at);
    this.#at += 2;
    return this;
  }

  u32(n: number): this {
    this.#reserve(4);
    this.#buf.writeUInt32BE(n >>> 0, this.#at);
    this.#at += 4;
    return this;
  }

  /** Bytes as they are, with no length before them. */
  bytes(b: Uint8Array): this {
    this.#reserve(b.length);
    this.#buf.set(b, this.#at);
    this.#at += b.length;
    return this;
  }

  u64(n: bigint): this {
    this.#reserve(8);
    this.#buf.writeBigUInt64BE(n, this.#at);
    this.#at += 8;
    return this;
  }

  /** Unsigned varint; arithmetic rather than bit operations so values up to 2^53 survive. */
  varint(n: number): this {
    this.#reserve(8);
    let rest = n;
    while (rest >= 0x80) {
      this.#buf[this.#at++] = (rest % 0x80) | 0x80;
      rest = Math.floor(rest / 0x80);
    }
    this.#buf[this.#at++] = rest;
    return this;
  }

  string(s: string): this {
    const bytes = Buffer.byteLength(s, 'utf8');
    return this.varint(bytes).utf8(s, bytes);
  }

  /** The UTF-8 bytes of s (`bytes` of them) with no length: the caller wrote it its own way. */
  utf8(s: string, bytes = Buffer.byteLength(s, 'utf8')): this {
    this.#reserve(bytes);
    this.#buf.write(s, this.#at, 'utf8');
    this.#at += bytes;
    return this;
  }

  get length(): number {
    return this.#at;
  }

  finish(): Buffer {
    return this.#buf.subarray(0, this.#at);
  }

  #reserve(n: number): void {
    if (this.#at + n <= this.#buf.length) return;
    const next = Buffer.allocUnsafe(Math.max(this.#buf.length * 2, this.#at + n));
    this.#buf.copy(next, 0, 0, this.#at);
    this.#buf = next;
  }
}

const MAX_VARINT_BYTES = 8;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Bytes as UTF-8 text; a malformed sequence is refused. */
export function utf8Text(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes);
  } catch {
    throw new CodecError('a string in the message is not valid UTF-8');
  }
}

export class Reader {
  readonly #buf: Buffer;
  #at = 0;

  constructor(buf: Buffer) {
    this.#buf = buf;
  }

  get done(): boolean {
    return this.#at >= this.#buf.length;
  }

  u8(): number {
    this.#need(1);
    return this.#buf[this.#at++]!;
  }

  u16(): number {
    this.#need(2);
    const n = this.#buf.readUInt16BE(this.#at);
    this.#at += 2;
    return n;
  }

  u32(): number {
    this.#need(4);
    const n = this.#buf.readUInt32BE(this.#at);
    this.#at += 4;
    return n;
  }

  u64(): bigint {
    this.#need(8);
    const n = this.#buf.readBigUInt64BE(this.#at);
    this.#at += 8;
    return n;
  }

  varint(): number {
    let n = 0;
    let scale = 1;
    for (let i = 0; i < MAX_VARINT_BYTES; i++) {
      const byte = this.u8();
      n += (byte & 0x7f) * scale;
      if (byte < 0x80) {
        if (!Number.isSafeInteger(n)) break;
        return n;
      }
      scale *= 0x80;
    }
    throw new CodecError('a number in the message is too large');
  }

  string(maxBytes: number): string {
    const bytes = this.varint();
    if (bytes > maxBytes)
      throw new CodecError(`a string in the message is longer than ${maxBytes} bytes`);
    return this.utf8(bytes);
  }

  /** The next `bytes` bytes, a view of the message's. */
  bytes(bytes: number): Buffer {
    this.#need(bytes);
    const start = this.#at;
    this.#at += bytes;
    return this.#buf.subarray(start, this.#at);
  }

  /** The next `bytes` bytes as UTF-8 text (the caller has read and bounded their length). */
  utf8(bytes: number): string {
    return utf8Text(this.bytes(bytes));
  }

  #need(n: number): void {
    if (this.#at + n > this.#buf.length) throw new CodecError('the message ends too early');
  }
}
