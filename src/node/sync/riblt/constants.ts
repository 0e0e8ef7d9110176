// The tunable numbers of the rateless (RIBLT) strategy, each with its reason.

/**
 * Coded symbols each node keeps up to date. A difference of d items needs ~1.35 d symbols, so
 * 65,536 decode up to ~45,000 differing items (~25,000 keys changed on one side or both); beyond
 * that the exchange falls back to the Merkle walk. Fixed, so the sketch is never rebuilt: it
 * costs 20 bytes a symbol (1.3 MB a node, whatever the number of keys) and each item touches
 * ~2 ln(M/2) ≈ 21 symbols on every add or remove.
 */
export const SKETCH_SYMBOLS = 65_536;

/** Tree levels whose digests are sampled to estimate the size of the difference. */
export const ESTIMATE_LEVELS = 5;
/**
 * Sampled tree nodes per level (level 1 has 16, all sent), 4 bits each: ~260 bytes in all. Twice
 * as many 4-bit as 8-bit fingerprints estimate better for the same bytes (measured: ±15% against
 * ±30% at 10,000 differing keys), although 1 in 16 differing nodes then looks equal.
 */
export const ESTIMATE_SAMPLES = 128;

/**
 * The first batch of symbols is the estimate of differing keys times this: up to 2 items a key
 * (old and new version) at ~1.35 symbols an item, so that it usually decodes at once (2 round
 * trips in all). More would waste bytes whenever the estimate (±15-25%) is high; when it is low,
 * one more batch, sized from the symbols already received, costs one more round trip.
 */
export const FIRST_BATCH_PER_KEY = 2.7;
/** ... plus this many, since small differences need relatively more symbols. */
export const FIRST_BATCH_EXTRA = 12;
/**
 * A batch that did not decode is followed by enough to reach this many symbols per differing
 * item as estimated from the symbols so far (1.35 needed on average, plus a margin)...
 */
export const NEXT_SYMBOLS_PER_ITEM = 1.5;
/** ... and at least this fraction of the symbols sent so far... */
export const NEXT_BATCH_MIN_GROWTH = 0.1;
/** ... and never by fewer than this. */
export const MIN_NEXT_BATCH = 32;
