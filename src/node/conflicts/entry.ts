// A sibling set as a store entry: its canonical text is the entry's value and its newest stamp
// the entry's version, so the tree's digest of the key covers the whole set (equal sets, equal
// digests) and every path that carries entries carries sets unchanged.
import type { Entry } from '../replica/entry.js';
import { newest, sync, type SiblingSet } from './dvvset.js';
import { decodeSet, encodeSet } from './encoding.js';

/** The entry that holds this set. */
export function siblingEntry(key: string, set: SiblingSet): Entry {
  return { key, value: encodeSet(set), version: newest(set) };
}

/** The set an entry holds (none for an entry that is not a set, such as a bare tombstone). */
export function setOf(entry: Entry): SiblingSet {
  if (entry.value === null) return [];
  return decodeSet(entry.value);
}

/**
 * The entry to keep when `incoming` meets `current` in siblings mode: both sets synced, or
 * undefined when that is what we hold already (nothing new came).
 */
export function mergeSiblings(current: Entry | undefined, incoming: Entry): Entry | undefined {
  if (current && incoming.value === current.value) return undefined;
  const theirs = setOf(incoming);
  if (!current) return theirs.length === 0 ? undefined : siblingEntry(incoming.key, theirs);
  const merged = siblingEntry(current.key, sync(setOf(current), theirs));
  return merged.value === current.value ? undefined : merged;
}
