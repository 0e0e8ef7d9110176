// Entries by placement hash: wanted places and settled places name entries by the 32-bit hash
// the tree places them by, which the tree finds in one leaf. Two keys may share a place; then
// both are shipped, and the receiver ships back what it holds there under other keys, so a
// shared place costs a few bytes, never a missed entry.
import type { Store, StoredEntry } from '../../replica/store.js';
import type { Entry } from '../../replica/entry.js';

/** Every entry this store holds at a placement hash (usually one). */
export function entriesAt(store: Store, place: number): StoredEntry[] {
  return store.tree.itemsAt(place);
}

/**
 * The entries to ship back after receiving entries that settle their places: ours at those
 * places under keys the sender did not send, nor we to it earlier in the exchange (`shipped`).
 */
export function otherKeysAtPlaces(
  store: Store,
  received: readonly Entry[],
  shipped: ReadonlySet<string> = new Set(),
): StoredEntry[] {
  const sent = new Set([...received.map((e) => e.key), ...shipped]);
  const places = new Set<number>();
  for (const e of received) {
    const mine = store.get(e.key);
    if (mine) places.add(mine.place);
  }
  const out: StoredEntry[] = [];
  for (const p of places) for (const e of entriesAt(store, p)) if (!sent.has(e.key)) out.push(e);
  return out;
}
