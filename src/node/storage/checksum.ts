// The checksum kept with every stored row: 32 bits over the entry's key, version and value and
// over the placement and digest stored beside them, so that one flipped byte anywhere in the
// row (a value, a version, a stored hash) is found when the row is read, at start-up or by the
// scrub. It guards against accidents, not an adversary (who could rewrite the file anyway), so
// it is unkeyed (a new cluster key does not make every row look damaged), and it is MurmurHash3's
// mixing over 32-bit words: every step is a bijection of the state, so a row that differs in one
// word (any one flipped byte) always gets another checksum; other damage goes unnoticed once in
// 4 billion, as with CRC-32. Three times cheaper per word than SipHash, which matters because
// every row is checked at every start (measured: docs/benchmarks.md).
import { VIAS, type Via } from '../../api/repair.js';
import type { EntryRow } from '../replica/entry.js';

/** Any start: the same on every read. */
const SEED = 0x61652d64;
/** MurmurHash3's constants (x86, 32-bit). */
const C1 = 0xcc9e2d51 | 0;
const C2 = 0x1b873593;
const M = 0xe6546b64 | 0;
const F1 = 0x85ebca6b | 0;
const F2 = 0xc2b2ae35 | 0;

/** One word into the state. */
function mix(h: number, w: number): number {
  let k = Math.imul(w, C1);
  k = Math.imul((k << 15) | (k >>> 17), C2);
  const x = h ^ k;
  return (Math.imul((x << 13) | (x >>> 19), 5) + M) | 0;
}

/** A string's length, then its UTF-16 code units two to a word. */
function mixString(h: number, s: string): number {
  const n = s.length;
  let x = mix(h, n);
  let i = 0;
  for (; i + 1 < n; i += 2) x = mix(x, s.charCodeAt(i) | (s.charCodeAt(i + 1) << 16));
  return i < n ? mix(x, s.charCodeAt(i)) : x;
}

/** A number up to 2^53 as two words. */
function mixWide(h: number, n: number): number {
  return mix(mix(h, Math.floor(n / 2 ** 32)), n >>> 0);
}

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
  /** How the node got the entry (see viaCode); rows of builds before it was kept have none. */
  readonly via?: Via;
}

/**
 * A row's `via` column: the path's place in VIAS, a small integer (cheap to store and to mix).
 * Rows stored before provenance was kept hold null there.
 */
export function viaCode(via: Via): number {
  return VIAS.indexOf(via);
}

/** The path a stored `via` column names; a row without one (or an unknown one) says `client`. */
export function viaOfCode(code: unknown): Via {
  return (typeof code === 'number' ? VIAS[code] : undefined) ?? 'client';
}

/** The path a good row (checkRows) says brought its entry. */
export function viaOfRow(row: EntryRow): Via {
  return viaOfCode(row[VIA_COLUMN]);
}

/** Where a stored row keeps its `via` (after the entry's columns and the checksum). */
const VIA_COLUMN = 9;

/** The checksum of a row, signed (as SQLite hands a 32-bit integer back). */
export function checksumOf(f: SummedFields): number {
  const via = f.via === undefined ? null : viaCode(f.via);
  return checksum(f.key, f.value, f.wall, f.logical, f.node, f.place, f.hi, f.lo, via);
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
  via: number | null,
): number {
  let h = mixString(mixWide(mixWide(mixString(SEED, key), wall), logical), node);
  // A tombstone and the empty value differ by the word before the value.
  h = value === null ? mix(h, 0) : mixString(mix(h, 1), value);
  h = mix(mix(mix(h, place), hi), lo);
  // Provenance, when the row has it; a row without it sums as builds before it did.
  if (via !== null) h = mix(h, via + 1);
  // MurmurHash3's finaliser: every bit of the state reaches every bit of the checksum.
  h ^= h >>> 16;
  h = Math.imul(h, F1);
  h ^= h >>> 13;
  h = Math.imul(h, F2);
  return h ^ (h >>> 16);
}

/**
 * A stored row, as storage reads it: the entry's row, the checksum stored with it, and the code
 * of the path that brought it (viaCode; null or missing in rows stored before it was kept).
 */
export type SummedRow = readonly [...EntryRow, sum: number | null, via: number | null];

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
 * damage too. The checksum covers the row's provenance: a row whose checksum matches only
 * without it was overwritten by a build that does not keep provenance (the `via` column is the
 * old entry's), so it is good and loaded without its `via`.
 */
export function checkRows(rows: readonly SummedRow[]): CheckedRows {
  const good: EntryRow[] = [];
  const damaged: string[] = [];
  let unchecked = 0;
  for (const row of rows) {
    const [key, value, wall, logical, node, place, hi, lo, sum] = row;
    const via = (row[VIA_COLUMN] ?? null) as number | null; // checked by wellTyped
    if (!wellTyped(row)) damaged.push(String(key));
    else if (sum === null) {
      // Nor is its provenance known: the column may be an older entry's.
      good.push([key, value, wall, logical, node, null, null, null]);
      unchecked += 1;
    } else if (place === null || hi === null || lo === null) damaged.push(key);
    else if (checksum(key, value, wall, logical, node, place, hi, lo, via) === sum) {
      good.push(row);
    } else if (
      via !== null &&
      checksum(key, value, wall, logical, node, place, hi, lo, null) === sum
    ) {
      good.push([key, value, wall, logical, node, place, hi, lo]);
    } else damaged.push(key);
  }
  return { good, damaged, unchecked };
}

/** Each column holds what it should (SQLite keeps whatever type a damaged record says). */
function wellTyped(row: SummedRow): boolean {
  return (
    typeof row[0] === 'string' &&
    (row[1] === null || typeof row[1] === 'string') &&
    Number.isSafeInteger(row[2]) &&
    Number.isSafeInteger(row[3]) &&
    typeof row[4] === 'string' &&
    isHash(row[5]) &&
    isHash(row[6]) &&
    isHash(row[7]) &&
    isHash(row[8]) &&
    isVia(row[VIA_COLUMN])
  );
}

const HASH_RANGE = 2 ** 32;

/** A stored `via`: missing, empty, or one of VIAS's places. */
function isVia(code: unknown): boolean {
  return (
    code === undefined ||
    code === null ||
    (Number.isSafeInteger(code) && VIAS[code as number] !== undefined)
  );
}

/** A stored hash or checksum: empty, or an integer of 32 bits (signed or not). */
function isHash(n: unknown): boolean {
  return n === null || (Number.isSafeInteger(n) && Math.abs(n as number) < HASH_RANGE);
}
