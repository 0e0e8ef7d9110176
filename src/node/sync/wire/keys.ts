// The keys of the Lists' items and of the Wants, each written against the key before it in its
// section (front coding; docs/wire.md, "Key"): keys that travel together often share a prefix
// (a namespace, a common stem), and a key that shares none costs what a String would.
//
//   Key := <head (Varint)> <shared − 1 (Varint)>? <suffix (Byte){head ÷ 2}>
//
// Entries keep whole keys: a full exchange's first message is mostly entries, and its size is
// kept entry by entry as the store changes (full-size.ts), which a size that depends on the key
// written before could not be.
import { CodecError, utf8Text, type Reader, type Writer } from './codec.js';
import { MAX_KEY_BYTES } from '../../../api/limits.js';

/**
 * head is the suffix's length times this, plus 1 when the key shares a prefix with the one
 * before it (the number of bytes shared, less 1, then follows): a key that shares nothing takes
 * one byte of head below 64 bytes, as its length alone did.
 */
const SHARE_CASES = 2;

const NO_KEY = Buffer.alloc(0);

/** Writes one section's keys, in order. */
export class KeyWriter {
  #last = NO_KEY;

  write(w: Writer, key: string): Writer {
    const bytes = Buffer.from(key, 'utf8');
    const last = this.#last;
    const most = Math.min(last.length, bytes.length);
    let shared = 0;
    while (shared < most && last[shared] === bytes[shared]) shared += 1;
    this.#last = bytes;
    w.varint((bytes.length - shared) * SHARE_CASES + (shared > 0 ? 1 : 0));
    if (shared > 0) w.varint(shared - 1);
    return w.bytes(bytes.subarray(shared));
  }
}

/** Reads one section's keys, in order: at most MAX_KEY_BYTES each, valid UTF-8 as a whole. */
export class KeyReader {
  #last = NO_KEY;

  read(r: Reader): string {
    const head = r.varint();
    const shared = head % SHARE_CASES === 0 ? 0 : r.varint() + 1;
    if (shared > this.#last.length)
      throw new CodecError('a key shares more bytes than the key before it has');
    const suffix = Math.floor(head / SHARE_CASES);
    if (shared + suffix > MAX_KEY_BYTES)
      throw new CodecError(`a string in the message is longer than ${MAX_KEY_BYTES} bytes`);
    const bytes = Buffer.concat([this.#last.subarray(0, shared), r.bytes(suffix)]);
    this.#last = bytes;
    return utf8Text(bytes);
  }
}
