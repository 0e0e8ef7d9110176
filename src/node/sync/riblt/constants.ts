// The tunable numbers of the rateless (RIBLT) strategy, each with its reason.

/**
 * Coded symbols each node keeps up to date. A difference of D items needs ~1.35-1.5 D symbols,
 * so 262,144 decode ~180,000 differing items (10% of 1M keys: 100,000 keys changed, 180,000
 * items) without a pass over the store; beyond, they are computed from the entries when asked
 * for (MAX_SYMBOLS). Was 65,536: 10% of 1M then fell back to the walk (1.45 x E, 1.4 x the walk's
 * CPU); with on-demand symbols alone it took a scan on each side (as much CPU as the walk). Fixed,
 * so the sketch is never rebuilt: 16 bytes a symbol (4 MB a node, whatever the number of keys);
 * each item touches ~2 ln(M/2) ≈ 24 symbols on every add or remove (21 at 65,536; the write at 1M
 * keys with the sketch stayed ~1.2 x one without, measured both ways in one run).
 */
export const SKETCH_SYMBOLS = 262_144;

/**
 * Coded symbols one exchange may ask for, the kept ones and those computed past them from the
 * entries (one scan of the store on each side per batch): ~780,000 differing items, 10.5 MB of
 * symbols. Beyond, the exchange walks the tree; at 10% of 1M keys (180,000 items) it does not.
 */
export const MAX_SYMBOLS = 1_048_576;

/**
 * Coded symbols sampled (4 bits each) to estimate the size of the difference: 256 bytes in the
 * opening. Spread on a log scale, ~90 of them fall where any given difference is measured best;
 * the estimate is then within ~15% (one standard deviation), and its plausible range is known.
 */
export const ESTIMATE_SAMPLES = 512;
/** ... of which this many on a log scale over the whole prefix (the rest on its top part)... */
export const ESTIMATE_SPREAD_SAMPLES = 320;
/** ... the top part being the last 1/this of it. */
export const ESTIMATE_TOP_SHARE = 8;

/**
 * The first batch is the estimated number of differing items times this, plus FIRST_BATCH_MARGIN
 * times its square root (RIBLT needs ~1.35 symbols an item for large differences, relatively
 * more for small ones, and the estimate's relative error falls as 1/√D too)...
 */
export const FIRST_BATCH_PER_ITEM = 1.1;
export const FIRST_BATCH_MARGIN = 4;
/** ... plus this many, so that a difference of a few items decodes in it. */
export const FIRST_BATCH_EXTRA = 12;
/**
 * A batch that did not decode is followed by enough to reach this many symbols per differing
 * item as estimated from the symbols so far, plus NEXT_MARGIN times the estimate's square root.
 * The estimate reads two things of them: which symbols were empty (Decoder.estimateItems) and
 * how many items peeled (itemsFromPeeled), each off by ~1.5 / √D in its logarithm, nearly
 * independently. Simulated with the decoder over 60-3,000 random differences each at 180 / 600
 * / 1,800 / 18,000 items (a round trip more counted as 4 symbols): empties alone at 1.4 an item
 * + 4 √ (and at least 15% more) took 1.66 / 1.56 / 1.50 / 1.42 symbols an item and a third batch
 * (4 round trips) in 2.1% / 2.2% / 2.5% / 1.7% of exchanges; both at 1.38 + 3.75 √ (and at least
 * 10% more) 1.66 / 1.54 / 1.48 / 1.41, a third batch in 0.6% / 0.5% / 0.4% / 0. (A margin of
 * 4 √: 0.5% / 0.2% / 0.1% for 0.006 an item more at 180.)
 */
export const NEXT_SYMBOLS_PER_ITEM = 1.38;
export const NEXT_MARGIN = 3.75;
/**
 * ... with the empty symbols' estimate weighing this much in the logarithm, the peeled items'
 * the rest: over the same differences the peeled count was as sharp or sharper at every size
 * (0.08-0.10 against 0.10 in the logarithm at 180 items, 0.036 against 0.040 at 1,800).
 */
export const NEXT_EMPTY_WEIGHT = 0.3;
/** ... and at least this fraction of the symbols sent so far... */
export const NEXT_BATCH_MIN_GROWTH = 0.1;
/** ... and never fewer than this. */
export const MIN_NEXT_BATCH = 32;

/**
 * The responder's first batch when the opening came with the initiator's root alone (its last
 * exchange with this peer ended in sync) and the roots differ: a few writes since are the usual
 * difference, two items each for a key rewritten. Over 200 seeds at 100k keys, 24 symbols decoded
 * 4 items (2 rewrites) in 99% of them and 8 items (4 rewrites) in 95% (two round trips in all);
 * a larger difference reads them as the start of its symbols, so they are never sent twice.
 */
export const UNSAMPLED_FIRST_BATCH = 24;
/**
 * When those did not decode, the initiator has the responder's samples beside its own and asks
 * for enough to reach this many symbols per item of their estimate, plus SAMPLED_BATCH_MARGIN
 * times its square root and SAMPLED_BATCH_EXTRA: a third batch would be a fourth round trip, so
 * this batch is sized past the estimate's error (~17%, one standard deviation) and decoding's
 * spread (RIBLT needs 1.36-1.42 an item). Over 40 seeds at 0.1%, 1% and 10% of 100k keys,
 * 1.7 / 2 / 12 left 1 exchange in 40 short at each; 1.5 left 3 to 5.
 */
export const SAMPLED_BATCH_PER_ITEM = 1.7;
export const SAMPLED_BATCH_MARGIN = 2;
export const SAMPLED_BATCH_EXTRA = 12;
/**
 * A node opens with its root alone only if it took at most this many changes (writes, merges,
 * purges) since its last exchange with the peer ended in sync: more, and a difference past the
 * small first batch is likely (a change the peer missed is one or two items), which the root
 * alone would cost a round trip and a batch sized past the estimate's error; the samples cost
 * 256 bytes, little beside the writes that came. Replicas kept in sync by replicated writes
 * open with samples while writes keep coming, with their root alone once they stop.
 */
export const ROOT_OPENING_MAX_CHANGES = 4;
/**
 * The share of D differing items the decoder has peeled after m symbols when those do not
 * decode, at m / D = PEELED_FROM, PEELED_FROM + PEELED_STEP, ... (below ~1.35 D symbols RIBLT
 * peels a few items, then more, before the rest come at once). Measured by feeding the decoder
 * one symbol at a time: the mean over 200-1,000 random differences each of 60, 180, 1,800 and
 * 18,000 items, which agree within ~0.01 at every point (the curve does not depend on D).
 */
export const PEELED_SHARE = [
  0.003, 0.005, 0.008, 0.0125, 0.0185, 0.026, 0.035, 0.0465, 0.0595, 0.0745, 0.0915, 0.111, 0.1335,
  0.1585, 0.1875, 0.2215, 0.2615, 0.3105, 0.37,
] as const;
export const PEELED_FROM = 0.4;
export const PEELED_STEP = 0.05;
