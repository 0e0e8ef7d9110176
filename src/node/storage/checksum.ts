// The checksum kept with every stored row: 32 bits over the entry's key, version and value and
// over the placement and digest stored beside them, so that one flipped byte anywhere in the
// row (a value, a version, a stored hash) is found when the row is read, at start-up or by the
// scrub. It guards against accidents, not an adversary (who could rewrite the file anyway), so
// its key is fixed and public, and a new cluster key does not make every row look damaged.
// 32 bits, as CRC-32 in most stores: a damaged row goes unnoticed once in 4 billion.
import type { EntryRow } from '../replica/entry.js';
import { HalfSip } from '../replica/siphash.js';

/** The checksum's fixed key (any two words: it only has to be the same on every read). */
const SUM = new HalfSip(0x61652d64, 0x656d6f73);

/** The row's fields a checksum covers (its own `sum` aside). */
export interface SummedFields {
  readonly key: string;
  readonly value: string | null;
  readonly wall: number;
  readonly logical: number;
  readonly node: string;
  readonly place: number;
  readonly hi: number;
  readonly lo: number;
}

/** The checksum of a row, signed (as SQLite hands a 32-bit integer back). */
export function checksumOf(f: SummedFields): number {
  return checksum(f.key, f.value, f.wall, f.logical, f.node, f.place, f.hi, f.lo);
}

function checksum(
  key: string,
  value: string | null,
  wall: number,
  logical: number,
  node: string,
  place: number,
  hi: number,
  lo: number,
): number {
  SUM.start(false).string(key).wide(wall).wide(logical).string(node);
  // A tombstone and the empty value differ by the word before the value.
  if (value === null) SUM.word(0);
  else SUM.word(1).string(value);
  return SUM.word(place).word(hi).word(lo).finish32() | 0;
}

/** A stored row, as storage reads it: the entry's row, and the checksum stored with it. */
export type SummedRow = readonly [...EntryRow, sum: number | null];

/** What reading rows found: rows to load, and the keys of the damaged ones. */
export interface CheckedRows {
  /** Rows whose checksum matches, and rows stored without one, with their hashes dropped. */
  good: EntryRow[];
  /** Keys of rows whose bytes disagree with their checksum: treated as missing. */
  damaged: string[];
  /** Rows stored without a checksum (an older build wrote them): their hashes are recomputed. */
  unchecked: number;
}

/**
 * Sorts rows into good and damaged. A row stored without a checksum (an older build wrote it)
 * cannot be checked: it is loaded with its hashes dropped, so the store computes them again from
 * its bytes rather than trusting them, and storage writes it back with a checksum. A checksum
 * beside a missing hash, or a field of the wrong type (a flipped byte in a column's type), is
 * damage too.
 */
export function checkRows(rows: readonly SummedRow[]): CheckedRows {
  const good: EntryRow[] = [];
  const damaged: string[] = [];
  let unchecked = 0;
  for (const row of rows) {
    const [key, value, wall, logical, node, place, hi, lo, sum] = row;
    if (!wellTyped(row)) damaged.push(String(key));
    else if (sum === null) {
      good.push([key, value, wall, logical, node, null, null, null]);
      unchecked += 1;
    } else if (
      place !== null &&
      hi !== null &&
      lo !== null &&
      checksum(key, value, wall, logical, node, place, hi, lo) === sum
    ) {
      good.push([key, value, wall, logical, node, place, hi, lo]);
    } else damaged.push(key);
  }
  return { good, damaged, unchecked };
}

/** Each column holds what it should (SQLite keeps whatever type a damaged record says). */
function wellTyped(row: SummedRow): boolean {
  const [key, value, wall, logical, node, place, hi, lo, sum] = row as readonly unknown[];
  const int = (n: unknown) => Number.isSafeInteger(n);
  const hash = (n: unknown) => n === null || (int(n) && Math.abs(n as number) < 2 ** 32);
  return (
    typeof key === 'string' &&
    (value === null || typeof value === 'string') &&
    int(wall) &&
    int(logical) &&
    typeof node === 'string' &&
    hash(place) &&
    hash(hi) &&
    hash(lo) &&
    hash(sum)
  );
}
