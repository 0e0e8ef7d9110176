// The replica: key -> value or tombstone at a version, last write wins, with its Merkle tree kept
// up to date on every change. Pure: no I/O, no timers; the node injects the hasher and the clock.
import { newerThan, StoredEntry, type Entry, type EntryRow } from './entry.js';
import type { Restored, StoreObserver } from './observer.js';
import { hashed, type Hasher } from './hash.js';
import { ExpiryQueue } from './expiry-queue.js';
import { KeyIndex } from './key-index.js';
import { compareUtf8, pageOf, type ListPage } from './key-order.js';
import { MerkleTree } from '../tree/merkle.js';
import type { Via } from '../../api/repair.js';
import type { ConflictMode } from '../../api/conflicts.js';
import { mergeSiblings } from '../conflicts/entry.js';
import { compareEntries, compareSets } from './order.js';
import { encodedDeleted } from '../conflicts/encoding.js';

export { StoredEntry };
export type { Restored, StoreObserver } from './observer.js';

export type ApplyResult = 'applied' | 'unchanged';

export class Store {
  readonly tree: MerkleTree<StoredEntry>;
  /** Key -> entry (see KeyIndex), under the hasher's keyed index hash. */
  #entries: KeyIndex<StoredEntry>;
  readonly #hasher: Hasher;
  readonly #observer: StoreObserver | undefined;
  /** One more observer, attached once the store holds entries (see attach). */
  #attached: StoreObserver | undefined;
  #sorted: string[] | null = null;
  #tombstones = 0;
  /** Tombstones by wall time, for purging the expired ones in O(expired). */
  #expiry = new ExpiryQueue();

  /** Siblings mode: an entry's value is a sibling set's text, and entries merge as sets. */
  readonly siblings: boolean;

  constructor(
    hasher: Hasher,
    observer?: StoreObserver,
    tree = new MerkleTree<StoredEntry>(),
    readonly conflicts: ConflictMode = 'lww',
  ) {
    this.#hasher = hasher;
    this.#entries = new KeyIndex<StoredEntry>(hasher.index);
    this.#observer = observer;
    this.tree = tree;
    this.siblings = conflicts === 'siblings';
  }

  /** Whether a stored value reads as deleted: a tombstone, or a set of deletions only. */
  deleted(value: string | null): boolean {
    return value === null || (this.siblings && encodedDeleted(value));
  }

  /**
   * Another replica holding the same entries, sharing the (immutable) entry objects: what the
   * simulation gives each of its replicas instead of hashing and inserting every entry again.
   * The observer (a sketch) must already hold these entries.
   */
  clone(observer?: StoreObserver): Store {
    const copy = new Store(this.#hasher, observer, this.tree.clone(), this.conflicts);
    copy.#entries = this.#entries.clone();
    copy.#sorted = this.#sorted;
    copy.#tombstones = this.#tombstones;
    copy.#expiry = this.#expiry.clone();
    return copy;
  }

  get(key: string): StoredEntry | undefined {
    return this.#entries.get(key);
  }

  /** Entries including tombstones. */
  get size(): number {
    return this.#entries.size;
  }

  get liveCount(): number {
    return this.#entries.size - this.#tombstones;
  }

  get tombstoneCount(): number {
    return this.#tombstones;
  }

  entries(): IterableIterator<StoredEntry> {
    return this.#entries.values();
  }

  /**
   * Tells `observer` of every change from now on, beside the observer given at construction:
   * for sums counted from the entries when first asked for (a full exchange's size), which a
   * store that is never asked does not pay for on its writes. One only; a clone has none.
   */
  attach(observer: StoreObserver): void {
    if (this.#attached) throw new Error('Store.attach: an observer is attached already');
    this.#attached = observer;
  }

  /**
   * Last write wins: the entry replaces ours only if it orders after it. Applying the same or
   * an older entry changes nothing, so merge is idempotent, commutative and associative. Every
   * path (a client, replication, a hint, a read repair, anti-entropy) applies here, with `via`.
   */
  apply(entry: Entry, via: Via = 'client'): ApplyResult {
    return this.merge(entry, via) ? 'applied' : 'unchanged';
  }

  /** apply, returning the entry now held, or undefined when ours won (siblings: sets synced). */
  merge(incoming: Entry, via: Via = 'client'): StoredEntry | undefined {
    const current = this.#entries.get(incoming.key);
    const entry = this.siblings ? mergeSiblings(current, incoming) : incoming;
    if (!entry || (!this.siblings && current && this.compare(entry, current) <= 0)) return;
    return this.#put(entry, current, via);
  }

  /** Siblings: keeps a set built from the held one (a local write), as it is: no second merge. */
  successor(entry: Entry, via: Via = 'client'): StoredEntry | undefined {
    if (!this.siblings) throw new Error('Store.successor: for a siblings store only');
    const current = this.#entries.get(entry.key);
    if (current?.value === entry.value) return undefined;
    return this.#put(entry, current, via);
  }

  #put(entry: Entry, current: StoredEntry | undefined, via: Via): StoredEntry {
    const { wall, logical, node } = entry.version;
    const stored = hashed(
      this.#hasher,
      entry.key,
      entry.value,
      wall,
      logical,
      node,
      current?.place,
      via,
    );
    this.#entries.set(stored);
    if (current) {
      this.tree.replace(current, stored);
      if (this.deleted(current.value)) this.#tombstones -= 1;
      this.#observer?.replaced(current, stored);
      this.#attached?.replaced(current, stored);
    } else {
      this.tree.add(stored);
      this.#sorted = null;
      this.#observer?.added(stored);
      this.#attached?.added(stored);
    }
    if (this.deleted(stored.value)) {
      this.#tombstones += 1;
      this.#expiry.push(stored);
    }
    return stored;
  }

  /**
   * Fills an empty store from rows of distinct keys (a node loading its data directory) and
   * returns the newest version among them. The same store as applying each row, built in bulk:
   * each entry object is made once from its columns, one index insert per row, node ids are
   * kept once each, and the tree is filled at its final depth (MerkleTree.fill) instead of
   * growing while it loads. No count is needed first (a count of a million rows is a whole
   * extra scan of the table: ~0.5 s of CPU here). A row's stored placement, digest and path
   * (`via`, else `client`) are used as they are; a row without hashes is hashed, and returned
   * in `unhashed` for storage to keep.
   */
  restore(pages: Iterable<readonly EntryRow[]>, via?: (row: EntryRow) => Via): Restored {
    const entries = this.#entries;
    if (entries.size !== 0) throw new Error('Store.restore: the store is not empty');
    const nodeIds = new Map<string, string>();
    let newest: StoredEntry | undefined;
    const unhashed: StoredEntry[] = [];
    for (const rows of pages) {
      for (const row of rows) {
        const [key, value, wall, logical, rowNode, place, hi, lo] = row;
        let node = nodeIds.get(rowNode);
        if (node === undefined) nodeIds.set(rowNode, (node = rowNode));
        // The hashes stored with the row: no placement or digest computed at start (1 s of 4 at 1M).
        let stored: StoredEntry;
        if (place === null || hi === null || lo === null) {
          stored = hashed(this.#hasher, key, value, wall, logical, node, undefined, via?.(row));
          unhashed.push(stored);
        } else stored = new StoredEntry(key, value, wall, logical, node, place, hi, lo, via?.(row));
        if (entries.set(stored) !== undefined)
          throw new Error(`Store.restore: "${key}" appears twice`);
        this.#observer?.added(stored);
        this.#attached?.added(stored);
        if (this.deleted(value)) {
          this.#tombstones += 1;
          this.#expiry.push(stored);
        }
        if (!newest || newerThan(stored, newest)) newest = stored;
      }
    }
    this.tree.fill(entries.values(), entries.size);
    return { newest: newest?.version, unhashed };
  }

  /**
   * Drops tombstones written before `olderThanWall` (microseconds); returns their keys. The
   * tombstones wait in a heap ordered by wall time, so this costs O(expired log n), not O(entries),
   * and can run before every exchange and snapshot: expiry then does not depend on when a
   * sweep happens to run, and nodes agree on which tombstones are gone.
   */
  purgeTombstones(olderThanWall: number): string[] {
    const purged: string[] = [];
    for (
      let t = this.#expiry.popBefore(olderThanWall);
      t;
      t = this.#expiry.popBefore(olderThanWall)
    ) {
      // Skipped when a newer write has replaced it since.
      if (this.#entries.get(t.key) !== t) continue;
      this.forget(t.key);
      purged.push(t.key);
    }
    return purged;
  }

  /**
   * Drops a key's entry as if this node had never held it (an expired tombstone, or an entry
   * whose row is damaged on disk: missing until a peer sends it again); returns it.
   */
  forget(key: string): StoredEntry | undefined {
    const gone = this.#entries.delete(key);
    if (gone === undefined) return undefined;
    this.tree.remove(gone);
    if (this.deleted(gone.value)) this.#tombstones -= 1;
    this.#sorted = null;
    this.#observer?.removed(gone);
    this.#attached?.removed(gone);
    return gone;
  }

  /** Positive when a wins over b: the spec's total order, or a set that holds more (order.ts). */
  compare(a: Entry, b: Entry): number {
    return this.siblings ? compareSets(a, b) : compareEntries(this.#hasher, a, b);
  }

  /** Live entries in UTF-8 byte order of their keys, from after `cursor`, under `prefix`. */
  list(prefix: string, limit: number, cursor: string | null): ListPage {
    const get = (key: string) => this.get(key)!;
    return pageOf(this.#sortedKeys(), get, prefix, limit, cursor, (v) => this.deleted(v));
  }

  /** Sorted lazily: listing is rare, writes are not, so writes only mark the order stale. */
  #sortedKeys(): string[] {
    this.#sorted ??= this.#entries.keys().sort(compareUtf8);
    return this.#sorted;
  }
}
