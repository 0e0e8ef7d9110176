// How the Merkle walk follows a subtree that differs: list its entries, or probe its children.
// Pure decisions, kept apart from the message handling in exchange.ts so they can be tested.
import { MAX_LEVEL } from '../tree/shape.js';

/**
 * A subtree with at most this many entries is sent as a list rather than probed further. A
 * list item costs ~22 bytes and a probe ~4 per non-empty child, so probing is cheaper in bytes
 * from 2 entries on; but when the responder probes, the walk takes another round trip.
 */
export const LIST_THRESHOLD = 4;

/**
 * The initiator lists only subtrees this small when the walk goes on anyway (see follow). Its
 * lists and the responder's lists one level deeper are settled in the same round trip, so
 * there a probe of a 2-4 entry subtree (~20 bytes) and then the responder's list of the one
 * child that differs replace a list of every entry (~22 bytes each).
 */
export const INITIATOR_LIST_THRESHOLD = 1;

/** Which end of the exchange a side is: the one that started it, or the one answering. */
export type Role = 'initiator' | 'responder';

/**
 * How a differing subtree holding `count` entries on this side, at `level`, is followed.
 * `walkGoesOn`: this side's reply already probes a subtree bigger than LIST_THRESHOLD, so the
 * exchange lasts at least one more round trip whatever is decided here. Without it the
 * initiator lists as the responder does: a list answered by entries alone (a pure pull, as in
 * the seed scenario) ends the exchange a round trip sooner than a probe would.
 */
export function follow(
  count: number,
  level: number,
  role: Role,
  walkGoesOn: boolean,
): 'list' | 'probe' {
  if (level === MAX_LEVEL) return 'list';
  const threshold = role === 'initiator' && walkGoesOn ? INITIATOR_LIST_THRESHOLD : LIST_THRESHOLD;
  return count <= threshold ? 'list' : 'probe';
}

/** Whether a reply that follows subtrees of these sizes probes one bigger than LIST_THRESHOLD. */
export function walkGoesOn(followed: readonly { count: number; level: number }[]): boolean {
  return followed.some((s) => s.level < MAX_LEVEL && s.count > LIST_THRESHOLD);
}
