// This node's replica as the service uses it: the store, kept on disk too with --data-dir,
// written at the node's own clock, merged from peers past it, and rid of expired tombstones.
import type { Counters } from '../../api/counters.js';
import type { RepairedCounters, Via } from '../../api/repair.js';
import type { Replica } from '../sync/exchange.js';
import type { Sketch } from '../sync/riblt/sketch.js';
import type { Storage } from '../storage/sqlite.js';
import type { Entry } from './entry.js';
import type { HybridClock } from './hlc.js';
import type { ApplyResult, Store, StoredEntry } from './store.js';
import { update, values, type Context, type SiblingSet } from '../conflicts/dvvset.js';
import { maxSetBytes, SetTooLargeError } from '../conflicts/set-limit.js';
import { setOf, siblingEntry } from '../conflicts/entry.js';

export interface LocalReplicaOptions {
  store: Store;
  /** The coded symbols kept beside the tree (riblt strategy). */
  sketch?: Sketch;
  clock: HybridClock;
  /** Durable storage (--data-dir): every accepted entry is saved before it is acknowledged. */
  storage?: Storage;
  counters: Counters;
  tombstoneTtlMs: number;
  nowMicros: () => number;
  /** The client's value limit: in siblings mode a key's set may take SET_VALUES of it. */
  maxValueBytes?: number;
}

/** The counter of each repair path (replication and a client's write are no repair). */
const REPAIR_COUNTER: Partial<Record<Via, keyof RepairedCounters>> = {
  hint: 'hint',
  'read-repair': 'readRepair',
  'anti-entropy': 'antiEntropy',
};

export class LocalReplica {
  readonly #o: LocalReplicaOptions;

  constructor(options: LocalReplicaOptions) {
    this.#o = options;
  }

  get store(): Store {
    return this.#o.store;
  }

  /** This node as one side of an exchange; what it merges came by `via`. */
  side(via: Via = 'anti-entropy'): Replica {
    return {
      store: this.#o.store,
      ...(this.#o.sketch ? { sketch: this.#o.sketch } : {}),
      merge: (e) => this.merge(e, via),
      transaction: (fn) => this.transaction(fn),
    };
  }

  /** Runs fn as one transaction of the durable storage, if any. */
  transaction<T>(fn: () => T): T {
    return this.#o.storage ? this.#o.storage.transaction(fn) : fn();
  }

  /**
   * A write made here: its version is a fresh tick, newer than any this node has seen, so it
   * always wins and merge hands back the entry it stored (no second lookup of the key).
   */
  write(key: string, value: string | null): StoredEntry {
    const entry: Entry = { key, value, version: this.#o.clock.tick() };
    const stored = this.#save(this.#o.store.merge(entry));
    if (stored === undefined)
      throw new Error(`a local write of "${key}" lost to a stored version (clock went back?)`);
    return stored;
  }

  /** A write made here, in this store's mode (lww ignores the context). */
  put(key: string, value: string | null, context?: Context): StoredEntry {
    return this.#o.store.siblings ? this.writeSibling(key, value, context) : this.write(key, value);
  }

  /**
   * A write made here in siblings mode (a value, or null for a delete): it supersedes what the
   * client's context covers (nothing without one) and stands beside the rest, at a fresh dot.
   */
  writeSibling(key: string, value: string | null, context: Context | undefined): StoredEntry {
    return this.#keepSibling(this.#nextSibling(key, this.#heldSet(key), value, context).entry);
  }

  /**
   * Many writes made here (values, or null for deletes), stored in one transaction, in order.
   * Siblings: each write's set is built once, on the one before it (the held set, or the batch's
   * own earlier write of the key), and checked for room as built; one that would be too large
   * throws SetTooLargeError before anything is stored.
   */
  putMany(writes: readonly { key: string; value: string | null }[]): StoredEntry[] {
    if (!this.#o.store.siblings)
      return this.transaction(() => writes.map((w) => this.write(w.key, w.value)));
    const sets = new Map<string, SiblingSet>();
    const built = writes.map(({ key, value }) => {
      const next = this.#nextSibling(key, sets.get(key) ?? this.#heldSet(key), value);
      sets.set(key, next.set);
      return next.entry;
    });
    return this.transaction(() => built.map((entry) => this.#keepSibling(entry)));
  }

  /** The sibling set this node holds for the key (none when it holds nothing). */
  #heldSet(key: string): SiblingSet {
    const held = this.#o.store.get(key);
    return held ? setOf(held) : [];
  }

  /** `set` with this write added at a fresh dot, as an entry, checked for room. */
  #nextSibling(key: string, set: SiblingSet, value: string | null, context: Context = []) {
    const { wall, logical, node } = this.#o.clock.tick();
    const next = update(set, context, node, { value, wall, logical });
    const entry = siblingEntry(key, next);
    this.#checkRoom(key, values(next).length, entry.value);
    return { set: next, entry };
  }

  /** Stores a set built from the held one as it is (encoded once, no second merge). */
  #keepSibling(entry: Entry): StoredEntry {
    const stored = this.#save(this.#o.store.successor(entry));
    if (stored === undefined)
      throw new Error(`a local write of "${entry.key}" added nothing to its set`);
    return stored;
  }

  /**
   * An entry from a peer, come by `via`: advance the clock past it, then the store's one order
   * (last write wins, or the sibling sets' join), whatever the path. An entry that changed our
   * data by a repair path is counted for that path.
   */
  merge(entry: Entry, via: Via): ApplyResult {
    this.#o.clock.observe(entry.version);
    if (this.#o.store.deleted(entry.value) && entry.version.wall < this.#expiredBefore()) {
      this.#o.counters.merges.unchanged += 1;
      return 'unchanged'; // an expired tombstone: we would purge it at once
    }
    const result = this.#save(this.#o.store.merge(entry, via)) ? 'applied' : 'unchanged';
    this.#o.counters.merges[result] += 1;
    const path = REPAIR_COUNTER[via];
    if (result === 'applied' && path !== undefined) this.#o.counters.repaired[path] += 1;
    return result;
  }

  /**
   * Drops tombstones older than the ttl; returns how many. Cheap (O(expired)), so it runs before
   * every round, every answer to a peer and every tree read, not only on the sweep timer.
   */
  purgeTombstones(): number {
    const purged = this.#o.store.purgeTombstones(this.#expiredBefore());
    if (purged.length > 0) this.#o.storage?.remove(purged);
    this.#o.counters.tombstonesPurged += purged.length;
    return purged.length;
  }

  /** Tombstones written before this wall time (µs) have outlived the ttl. */
  #expiredBefore(): number {
    return this.#o.nowMicros() - this.#o.tombstoneTtlMs * 1000;
  }

  /** Siblings: throws SetTooLargeError when a write would leave its key's set this large. */
  #checkRoom(key: string, siblings: number, text: string | null): void {
    if (this.#o.maxValueBytes === undefined || text === null) return;
    const limit = maxSetBytes(this.#o.maxValueBytes);
    const bytes = Buffer.byteLength(text);
    if (bytes > limit) throw new SetTooLargeError(key, siblings, bytes, limit);
  }

  /** Keeps an entry the store took on disk too (with --data-dir); passes it on. */
  #save(stored: StoredEntry | undefined): StoredEntry | undefined {
    if (stored !== undefined) this.#o.storage?.save(stored);
    return stored;
  }
}
