// How two entries of one key compare, in each conflict mode.
import type { Entry } from './entry.js';
import type { Hasher } from './hash.js';
import { compareVersions } from '../../api/version.js';
import { descends } from '../conflicts/dvvset.js';
import { setOf } from '../conflicts/entry.js';

/**
 * The total order of the spec: version, then at an equal version the tombstone, then the
 * larger value digest. Positive when a wins over b.
 */
export function compareEntries(hasher: Hasher, a: Entry, b: Entry): number {
  const byVersion = compareVersions(a.version, b.version);
  if (byVersion !== 0) return byVersion;
  if (a.value === b.value) return 0;
  if (a.value === null) return 1;
  if (b.value === null) return -1;
  const da = hasher.valueDigest(a.value);
  const db = hasher.valueDigest(b.value);
  return da === db ? 0 : da > db ? 1 : -1;
}

/**
 * Two sibling sets: 0 when equal, negative when b holds all of a, positive when a holds more.
 * Stored sets are canonical text, so equal text is an equal set; otherwise one walk of the
 * columns (descends), with no joined set built and encoded per compared entry.
 */
export function compareSets(a: Entry, b: Entry): number {
  if (a.value === b.value) return 0;
  return descends(setOf(b), setOf(a)) ? -1 : 1;
}
