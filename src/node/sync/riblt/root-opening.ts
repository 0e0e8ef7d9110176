// The batch the initiator asks for when its opening carried its root alone (its last exchange
// with this peer ended in sync), the roots differed, and the responder's small first batch did
// not decode: sized from the two sides' samples, the responder's sent with that batch. A batch
// after this one costs a fourth round trip, so it is sized past the estimate's error.
import {
  MAX_SYMBOLS,
  MIN_NEXT_BATCH,
  SAMPLED_BATCH_EXTRA,
  SAMPLED_BATCH_MARGIN,
  SAMPLED_BATCH_PER_ITEM,
  SKETCH_SYMBOLS,
} from './constants.js';

/**
 * The batch after the m symbols of the responder's first, from `sampled`, the differing items the
 * samples estimate. Past the kept symbols the estimate is a lower bound (every sample differs):
 * the batch stops there, as the responder's first batch does after a sampled opening, and the
 * symbols of it size the next one.
 */
export function batchFromSamples(
  m: number,
  sampled: number,
  size = SKETCH_SYMBOLS,
  max = MAX_SYMBOLS,
): { from: number; count: number } {
  const want = Math.ceil(
    SAMPLED_BATCH_PER_ITEM * sampled +
      SAMPLED_BATCH_MARGIN * Math.sqrt(sampled) +
      SAMPLED_BATCH_EXTRA,
  );
  const count = Math.min(max - m, Math.max(MIN_NEXT_BATCH, Math.min(size, want) - m));
  return { from: m, count };
}
