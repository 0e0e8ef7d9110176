// How a version and an entry's body travel (docs/wire.md, "Shared parts" and "Entry"), and how
// many bytes each takes: message.ts writes and reads them, full-size.ts counts them.
//
//   Version := <wallOffset (Varint)> <refAndTie (Varint)> <logical − 1 (Varint)>?
//   body    := <0 (Varint)>                        a tombstone
//            | <n + 1 (Varint)> <utf8 (Byte){n}>   a value of n bytes
//
// Almost every version has logical 0 (it breaks ties within one microsecond), and a message
// names few nodes: the node reference and "a logical follows" share one byte below 64 nodes, and
// a value's length says as well that it is not a tombstone. Both were a byte of their own.
import { CodecError, varintBytes, type Reader, type Writer } from './codec.js';
import type { Version } from '../../../api/version.js';

/**
 * refAndTie is the node reference times this, plus 1 when the version's logical is not 0 (it
 * then follows, less 1): two cases per reference, so no logical can make it overflow.
 */
const TIE_CASES = 2;

/** Writes a version, its wall as an offset from the message's base, its node as a reference. */
export function writeVersion(w: Writer, v: Version, base: number, ref: number): Writer {
  w.varint(v.wall - base).varint(ref * TIE_CASES + (v.logical > 0 ? 1 : 0));
  return v.logical > 0 ? w.varint(v.logical - 1) : w;
}

/** Reads a version back: its wall and logical within 2^53 − 1, its node one of `nodes`. */
export function readVersion(r: Reader, base: number, nodes: readonly string[]): Version {
  const wall = base + r.varint();
  if (!Number.isSafeInteger(wall)) throw new CodecError('a wall clock in the message is too large');
  const refAndTie = r.varint();
  const node = nodes[Math.floor(refAndTie / TIE_CASES)];
  if (node === undefined) throw new CodecError('a node reference is out of range');
  const logical = refAndTie % TIE_CASES === 0 ? 0 : r.varint() + 1;
  if (!Number.isSafeInteger(logical))
    throw new CodecError('a logical clock in the message is too large');
  return { wall, logical, node };
}

/** Bytes a version takes after its wall offset: node reference and tie, and the logical. */
export function versionTailBytes(logical: number, ref: number): number {
  const tie = logical > 0 ? 1 : 0;
  return varintBytes(ref * TIE_CASES + tie) + (tie ? varintBytes(logical - 1) : 0);
}

/** Writes an entry's value (its length + 1, then its bytes) or a tombstone (0). */
export function writeBody(w: Writer, value: string | null): void {
  if (value === null) {
    w.varint(0);
    return;
  }
  const bytes = Buffer.byteLength(value, 'utf8');
  w.varint(bytes + 1).utf8(value, bytes);
}

/** Reads an entry's value (null: a tombstone), refusing one longer than maxValueBytes. */
export function readBody(r: Reader, maxValueBytes: number): string | null {
  const body = r.varint();
  if (body === 0) return null;
  if (body - 1 > maxValueBytes)
    throw new CodecError(`a value in the message is longer than ${maxValueBytes} bytes`);
  return r.utf8(body - 1);
}

/** Bytes writeBody takes for value. */
export function bodyBytes(value: string | null): number {
  if (value === null) return 1;
  const bytes = Buffer.byteLength(value, 'utf8');
  return varintBytes(bytes + 1) + bytes;
}
