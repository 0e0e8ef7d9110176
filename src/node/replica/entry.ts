// An entry: a key's state on one node, as the store, the exchange and storage pass it around.
import type { Via } from '../../api/repair.js';
import type { Version } from '../../api/version.js';

/** A value, or a tombstone (value null), at a version. */
export interface Entry {
  readonly key: string;
  readonly value: string | null;
  readonly version: Version;
}

/**
 * An entry as a row of columns (key, value or null, wall, logical, node, and the placement hash
 * and digest halves a node computed when it wrote the row): how storage hands entries over in
 * bulk at start-up, without an object per entry. The three hashes are null in a row written
 * before they were stored, or under another digest scheme: the store computes those.
 */
export type EntryRow = readonly [
  key: string,
  value: string | null,
  wall: number,
  logical: number,
  node: string,
  place: number | null,
  hi: number | null,
  lo: number | null,
  // Storage may hand over more columns after these (a row's checksum): the store reads none.
  ...more: unknown[],
];

/** The wall clock's low half holds 32 bits. */
const WALL_LOW_RANGE = 2 ** 32;

/**
 * An entry as the store keeps it, one per key: the version's fields inline (no Version object
 * per key), with its tree placement and 64-bit digest computed once. Measured at 1M keys: 32
 * bytes of heap per key less than an entry pointing at a separate version object.
 */
export class StoredEntry implements Entry {
  constructor(
    readonly key: string,
    readonly value: string | null,
    /** The version's fields (see Version); the wall clock is kept in two halves (see wall). */
    wall: number,
    readonly logical: number,
    readonly node: string,
    place: number,
    /**
     * The digest as two signed 32-bit halves: small integers stored in place, where unsigned
     * halves of 2^31 and more would each be a 16-byte heap number (x64 Node 20 has 32-bit Smis).
     * XOR does not care about the sign; readers that need unsigned use `>>> 0`.
     */
    readonly hi: number,
    readonly lo: number,
    /**
     * How this node got the entry (GET /kv's `via`): a pointer to one of five interned strings,
     * 8 bytes a key, kept with the entry so an overwrite replaces it with the entry.
     */
    readonly via: Via = 'client',
  ) {
    this.#place = place | 0;
    const high = Math.floor(wall / WALL_LOW_RANGE);
    this.#wallHigh = high;
    this.#wallLow = (wall - high * WALL_LOW_RANGE) | 0;
  }

  /**
   * The wall clock in microseconds (about 2^51 today) as two small integers: a number that
   * large is a 16-byte heap object of its own in every entry (x64 Node 20 keeps only 32-bit
   * integers in place), one more object per key for the collector to copy while a node loads.
   */
  readonly #wallHigh: number;
  readonly #wallLow: number;

  get wall(): number {
    return this.#wallHigh * WALL_LOW_RANGE + (this.#wallLow >>> 0);
  }

  /**
   * The placement hash kept signed, for the same reason as hi and lo: an unsigned one of 2^31
   * and more made the field a 16-byte heap number, for every entry (measured at 1M keys: 16 bytes
   * of heap per key, and one object fewer per key for the collector to copy while a node loads).
   */
  readonly #place: number;

  /** The 32-bit placement hash, unsigned, as the tree and the sketch read it. */
  get place(): number {
    return this.#place >>> 0;
  }

  /** The version as the rest of the code reads it: a small object made on each read. */
  get version(): Version {
    return { wall: this.wall, logical: this.logical, node: this.node };
  }
}

/** Version order between two stored entries, read from their fields (no Version objects). */
export function newerThan(a: StoredEntry, b: StoredEntry): boolean {
  if (a.wall !== b.wall) return a.wall > b.wall;
  if (a.logical !== b.logical) return a.logical > b.logical;
  return a.node > b.node;
}
