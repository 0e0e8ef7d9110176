// A decoded difference checked against the two roots it should lie between: what the short
// checks of the coded symbols could let through (a mixture taken for an item) shows here.
import type { RootSummary } from '../wire/riblt.js';
import { LO_MASK, type Item } from './symbol.js';

/**
 * Why a decoded difference cannot be the one between these roots (a hash collision), or null:
 * its items must account for the difference of the entry counts and of the digests' low bits.
 */
export function differenceMismatch(
  local: readonly Item[],
  remote: readonly Item[],
  mine: RootSummary,
  theirs: RootSummary,
): string | null {
  if (local.length - remote.length !== mine.count - theirs.count)
    return 'the decoded difference does not match the entry counts (a hash collision)';
  let lo = 0;
  for (const i of [...local, ...remote]) lo ^= i.lo;
  const roots = Number((mine.digest ^ theirs.digest) & BigInt(LO_MASK));
  if (lo !== roots) return 'the decoded difference does not match the roots (a hash collision)';
  return null;
}
