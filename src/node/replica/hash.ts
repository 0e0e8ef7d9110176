// The hashes of the store: where a key sits in the tree (placement), what an entry is worth in
// it (digest), the last tie-break of the version order (value digest), and where a key sits in
// the store's index. Without a cluster key the tree's three are xxHash (xxhash-wasm) with fixed
// seeds, ~0.15 µs per entry: public, so equal data give equal roots on any two nodes, and a
// client who reads this source can aim keys at one leaf. Under a cluster key they are
// HalfSipHash keyed with the tree key drawn from it (tree-key.ts, siphash.ts): the nodes that
// share the key (and a simulation given it) still agree, and without it nobody can choose keys
// that share a leaf or entries whose digests cancel. The index is always keyed, with a key of
// its own that never leaves the node (a random one when the node starts), so no client can make
// its lookups and writes walk long probe runs.
import xxhash from 'xxhash-wasm';
import type { Version } from '../../api/version.js';
import { split } from '../tree/digest.js';
import { StoredEntry } from './entry.js';
import type { Via } from '../../api/repair.js';
import { HalfSip } from './siphash.js';
import { treeKeyWords, type TreeKeyWords } from './tree-key.js';

/** Seeds keep the placement hash and the content digest independent of each other. */
const PLACE_SEED = 0x9e3779b1;
const DIGEST_SEED = 0x243f6a8885a308d3n;
const VALUE_SEED = 0x13198a2e03707344n;

/**
 * Which placement and digest functions these are, without a cluster key. A data directory
 * keeps each entry's hashes beside it, labelled with its hasher's scheme; bump this whenever
 * place or entryDigest changes, and a node hashes the rows of an older scheme again when it
 * loads them. Under a cluster key the label is drawn from the key instead (keyedScheme).
 */
export const HASH_SCHEME = 1;

export interface Hasher {
  /** 32-bit position of a key in the tree: the top 4 bits pick the level-1 branch, and so on. */
  place(key: string): number;
  /** 64-bit digest of a whole entry: key, version and value or tombstone. */
  entryDigest(key: string, version: Version, value: string | null): bigint;
  /** 64-bit digest of a value alone: the last tie-break of the version order. */
  valueDigest(value: string): bigint;
  /** 32-bit hash of a key in the store's index (KeyIndex). */
  index(key: string): number;
  /** The label of stored placements and digests: a data directory labelled otherwise rehashes. */
  readonly scheme: number;
}

/** What the hashes are keyed with: two words for the index (else public), four for the tree. */
export interface HashKeys {
  index?: readonly [number, number];
  /** Absent: the public xxHash functions (no cluster key). */
  tree?: TreeKeyWords;
}

/** The index key of a hasher made without one (the simulation, the bench): public. */
const PUBLIC_INDEX_KEY = [0x6b657969, 0x6e646578] as const;

/**
 * A node's keys: the tree's drawn from the cluster key (tree-key.ts; the key itself is not in
 * them), the index's from `random` (any bytes: the node passes crypto's).
 */
export function hashKeys(
  clusterKey: string | undefined,
  random: (bytes: number) => Buffer,
): HashKeys {
  const index = random(8);
  const keys: HashKeys = { index: [index.readInt32LE(0), index.readInt32LE(4)] };
  return clusterKey === undefined ? keys : { ...keys, tree: treeKeyWords(clusterKey) };
}

/** The tree hashes of a cluster (public without a key) and a public index: a simulation's. */
export function clusterHashKeys(clusterKey: string | undefined): HashKeys {
  return clusterKey === undefined ? {} : { tree: treeKeyWords(clusterKey) };
}

let shared: ReturnType<typeof xxhash> | undefined;

/** A hasher (the wasm module loads once per process); without keys, every hash is public. */
export async function loadHasher(keys?: HashKeys): Promise<Hasher> {
  const index = new HalfSip(...(keys?.index ?? PUBLIC_INDEX_KEY));
  const indexHash = (key: string) => index.start(false).string(key).finish32() | 0;
  if (keys?.tree) return { ...keyedTree(keys.tree), index: indexHash };
  shared ??= xxhash();
  const api = await shared;
  return {
    place: (key) => api.h32(key, PLACE_SEED) >>> 0,
    // NUL separates the fields: keys and node ids cannot contain control characters.
    entryDigest: (key, v, value) =>
      api.h64(
        `${key}\u0000${v.wall}\u0000${v.logical}\u0000${v.node}\u0000${value === null ? 'T' : `V${value}`}`,
        DIGEST_SEED,
      ),
    valueDigest: (value) => api.h64(value, VALUE_SEED),
    index: indexHash,
    scheme: HASH_SCHEME,
  };
}

/** Words that open each keyed input, so the three tree hashes never hash the same words. */
const ENTRY_DOMAIN = 1;
const VALUE_DOMAIN = 2;

/** The tree's hashes under a cluster key. */
function keyedTree(k: TreeKeyWords): Omit<Hasher, 'index'> {
  const place = new HalfSip(k[0], k[1]);
  const digest = new HalfSip(k[2], k[3]);
  const wide = (h: HalfSip) => {
    const lo = h.finish64();
    return (BigInt(h.hi) << 32n) | BigInt(lo);
  };
  return {
    place: (key) => place.start(false).string(key).finish32(),
    entryDigest: (key, v, value) => {
      digest.start(true).word(ENTRY_DOMAIN).string(key).wide(v.wall).wide(v.logical).string(v.node);
      // A tombstone and the empty value differ by the word before the value.
      if (value === null) digest.word(0);
      else digest.word(1).string(value);
      return wide(digest);
    },
    valueDigest: (value) => wide(digest.start(true).word(VALUE_DOMAIN).string(value)),
    scheme: keyedScheme(place),
  };
}

/**
 * The label of hashes made under one cluster key: drawn from the key (another key, another
 * label, so a node given a new key hashes its rows again), never a small number like
 * HASH_SCHEME, and positive (SQLite's user_version is a signed 32-bit integer).
 */
function keyedScheme(place: HalfSip): number {
  return (place.start(false).word(HASH_SCHEME).finish32() | KEYED_SCHEME_BIT) & MAX_SCHEME;
}

const KEYED_SCHEME_BIT = 0x40000000;
const MAX_SCHEME = 0x7fffffff;

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
