// An entry: a key's state on one node, as the store, the exchange and storage pass it around.
import type { Version } from './version.js';

/** A value, or a tombstone (value null), at a version. */
export interface Entry {
  readonly key: string;
  readonly value: string | null;
  readonly version: Version;
}

/**
 * An entry as a row of columns (key, value or null, wall, logical, node): how storage hands
 * entries over in bulk at start-up, without an object per entry.
 */
export type EntryRow = readonly [
  key: string,
  value: string | null,
  wall: number,
  logical: number,
  node: string,
];
