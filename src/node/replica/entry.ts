// An entry: a key's state on one node, as the store, the exchange and storage pass it around.
import type { Version } from './version.js';

/** A value, or a tombstone (value null), at a version. */
export interface Entry {
  readonly key: string;
  readonly value: string | null;
  readonly version: Version;
}
