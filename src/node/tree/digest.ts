// A 64-bit entry or tree digest as the tree keeps it (two 32-bit halves, so that a write XORs
// plain numbers and allocates nothing), as a bigint (what probes and snapshots carry), and as
// the hex the snapshots and the CLI show.

/** Two unsigned 32-bit halves as one 64-bit digest. */
export function join(hi: number, lo: number): bigint {
  return (BigInt(hi >>> 0) << 32n) | BigInt(lo >>> 0);
}

/**
 * A 64-bit digest as its two 32-bit halves, signed: kept as small integers by V8 (unsigned
 * halves of 2^31 and up would be heap numbers); join and `>>> 0` read them back unsigned.
 */
export function split(digest: bigint): { hi: number; lo: number } {
  // Through one 8-byte scratch buffer read as two int32s: no intermediate BigInt (a shift and
  // two asIntN made three per entry, garbage for every key a node loads at start).
  SPLIT_WIDE[0] = digest;
  return { hi: SPLIT_HALVES[HI_HALF]!, lo: SPLIT_HALVES[1 - HI_HALF]! };
}

const SPLIT_WIDE = new BigUint64Array(1);
const SPLIT_HALVES = new Int32Array(SPLIT_WIDE.buffer);
/** Which int32 of the scratch holds the high half: 1 on little-endian machines. */
const HI_HALF = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;

/** A digest as 16 hex digits, as shown in snapshots and by the CLI. */
export function digestHex(digest: bigint): string {
  return digest.toString(16).padStart(16, '0');
}
