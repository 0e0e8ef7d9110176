// The tree's shape, the same on every node: 16 children per tree node, a tree node at level l
// covering the keys whose 32-bit placement hash starts with the same 4*l bits, so level l has
// 16^l tree nodes and any level up to 8 is defined without looking at the data. The codec, the
// walk and the rateless exchange need this arithmetic; only the tree holds digests.

/**
 * What the tree needs of an entry: its key, its placement hash and its 64-bit content digest,
 * as two 32-bit halves (signed or unsigned: XOR into the Uint32Array words is the same) so
 * that a write XORs plain numbers and allocates nothing.
 */
export interface TreeItem {
  readonly key: string;
  readonly place: number;
  readonly hi: number;
  readonly lo: number;
}

/** What a tree node holds: the XOR of the digests of the entries below it, and their count. */
export interface NodeSummary {
  digest: bigint;
  count: number;
}

/** 16 children per node: a byte of hash gives two levels, and a probe of one node is 16 digests. */
export const FANOUT_BITS = 4;
export const FANOUT = 1 << FANOUT_BITS;
/** The placement hash has 32 bits, so 8 levels of 4 bits. */
export const MAX_LEVEL = 32 / FANOUT_BITS;

/** The index at `level` of the tree node that holds a key with this placement hash. */
export function indexAt(place: number, level: number): number {
  // `x >>> 32` is `x` in JavaScript, so level 0 is special.
  return level === 0 ? 0 : place >>> (32 - FANOUT_BITS * level);
}
