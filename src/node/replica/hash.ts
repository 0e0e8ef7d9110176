// The two hashes of the store, both xxHash (xxhash-wasm): ~0.15 µs per entry against ~2 µs for
// node:crypto's sha256 on this machine, which matters when a node rebuilds its tree at start.
// Anti-entropy needs agreement and spread, not resistance to an adversary (as in Riak's AAE).
import xxhash from 'xxhash-wasm';
import type { Version } from '../../api/version.js';
import { split } from '../tree/digest.js';
import { StoredEntry } from './entry.js';
import type { Via } from '../../api/repair.js';

/** Seeds keep the placement hash and the content digest independent of each other. */
const PLACE_SEED = 0x9e3779b1;
const DIGEST_SEED = 0x243f6a8885a308d3n;
const VALUE_SEED = 0x13198a2e03707344n;

/**
 * Which placement and digest functions these are. A data directory keeps each entry's hashes
 * beside it, labelled with this number; bump it whenever place or entryDigest changes, and a
 * node hashes the rows of an older scheme again when it loads them.
 */
export const HASH_SCHEME = 1;

export interface Hasher {
  /** 32-bit position of a key in the tree: the top 4 bits pick the level-1 branch, and so on. */
  place(key: string): number;
  /** 64-bit digest of a whole entry: key, version and value or tombstone. */
  entryDigest(key: string, version: Version, value: string | null): bigint;
  /** 64-bit digest of a value alone: the last tie-break of the version order. */
  valueDigest(value: string): bigint;
}

let shared: Promise<Hasher> | undefined;

/** The process-wide hasher (the wasm module loads once). */
export function loadHasher(): Promise<Hasher> {
  shared ??= xxhash().then((api): Hasher => ({
    place: (key) => api.h32(key, PLACE_SEED) >>> 0,
    // NUL separates the fields: keys and node ids cannot contain control characters.
    entryDigest: (key, v, value) =>
      api.h64(
        `${key}\u0000${v.wall}\u0000${v.logical}\u0000${v.node}\u0000${value === null ? 'T' : `V${value}`}`,
        DIGEST_SEED,
      ),
    valueDigest: (value) => api.h64(value, VALUE_SEED),
  }));
  return shared;
}

/** An entry as the store keeps it, hashed (the placement reused when it is given). */
export function hashed(
  hasher: Hasher,
  key: string,
  value: string | null,
  wall: number,
  logical: number,
  node: string,
  place?: number,
  via?: Via,
): StoredEntry {
  const { hi, lo } = split(hasher.entryDigest(key, { wall, logical, node }, value));
  return new StoredEntry(key, value, wall, logical, node, place ?? hasher.place(key), hi, lo, via);
}
