// Hinted handoff's pure core: for each peer, the entries it did not acknowledge, kept as the
// entries themselves (key, version, value or tombstone), oldest first, until they are delivered
// or expire. No I/O and no timers: the clock and the durable copy are injected.
import type { HintCounters } from '../../api/repair.js';
import { compareVersions } from '../../api/version.js';
import type { Entry } from '../replica/entry.js';

/** Where hints are kept on disk (--data-dir): told of every hint kept and every hint gone. */
export interface HintStorage {
  save(peer: string, entries: readonly Entry[]): void;
  remove(peer: string, keys: readonly string[]): void;
}

/** A hint as storage hands it back at start-up. */
export interface StoredHint {
  peer: string;
  entry: Entry;
}

export interface HintQueueOptions {
  /** --hint-window: a hint older than this is dropped (then only anti-entropy repairs it). */
  windowMs: number;
  /**
   * --tombstone-ttl. A hint never outlives it, whatever the window: a value's hint replayed
   * after the tombstone that deleted it was purged everywhere would bring the value back (the
   * peer holds nothing newer to refuse it with). A hint is dropped before any tombstone written
   * after it can be purged, since both age by the wall clock of their versions.
   */
  tombstoneTtlMs: number;
  nowMicros: () => number;
  counters: HintCounters;
  storage?: HintStorage;
}

/** A batch of hints for one message. */
export interface HintBatchLimits {
  maxEntries: number;
  /** Approximate body bytes (key and value characters plus a version's worth each). */
  maxBytes: number;
}

/** A version's fields and an entry's framing on the wire, roughly, for a batch's size. */
const ENTRY_OVERHEAD_BYTES = 32;

export class HintQueue {
  readonly #o: HintQueueOptions;
  /** Peer -> key -> the newest entry of that key the peer did not take, in the order kept. */
  readonly #byPeer = new Map<string, Map<string, Entry>>();

  constructor(options: HintQueueOptions) {
    this.#o = options;
  }

  /** How long a hint is kept: the window, and never longer than the tombstone ttl. */
  get keepMs(): number {
    return Math.min(this.#o.windowMs, this.#o.tombstoneTtlMs);
  }

  /** Keeps these entries for the peer; a newer entry of a key replaces its older hint. */
  add(peer: string, entries: readonly Entry[]): void {
    const kept = this.#insert(peer, entries);
    this.#recount();
    if (kept.length === 0) return;
    this.#o.storage?.save(peer, kept);
    this.#o.counters.stored += kept.length;
  }

  /**
   * Hints read back from disk (any order): kept again, oldest first, the expired dropped. The
   * count is taken once for them all: taken per hint, it walked every peer for every hint.
   */
  restore(hints: readonly StoredHint[]): void {
    const sorted = [...hints].sort((a, b) => compareVersions(a.entry.version, b.entry.version));
    for (const { peer, entry } of sorted) this.#insert(peer, [entry]);
    this.#recount();
    this.expire();
  }

  /** Peers that have hints waiting. */
  peers(): string[] {
    return [...this.#byPeer.keys()];
  }

  pending(peer?: string): number {
    if (peer !== undefined) return this.#byPeer.get(peer)?.size ?? 0;
    let n = 0;
    for (const hints of this.#byPeer.values()) n += hints.size;
    return n;
  }

  /** The peer's oldest hints, up to the limits (at least one when any is left), expired dropped. */
  next(peer: string, limits: HintBatchLimits): Entry[] {
    this.expire();
    const batch: Entry[] = [];
    let bytes = 0;
    for (const entry of this.#byPeer.get(peer)?.values() ?? []) {
      const size = entry.key.length + (entry.value?.length ?? 0) + ENTRY_OVERHEAD_BYTES;
      if (batch.length > 0 && (batch.length >= limits.maxEntries || bytes + size > limits.maxBytes))
        break;
      batch.push(entry);
      bytes += size;
    }
    return batch;
  }

  /** The peer took these: each is forgotten unless a newer hint of its key came meanwhile. */
  delivered(peer: string, entries: readonly Entry[]): void {
    const hints = this.#byPeer.get(peer);
    if (!hints) return;
    const gone = entries.filter((e) => hints.get(e.key) === e).map((e) => e.key);
    this.#forget(peer, hints, gone);
    this.#o.counters.replayed += gone.length;
  }

  /**
   * The peer refused `count` hints for good (it runs another conflict mode or tree key): they
   * are counted as refused, and every hint still held for it is dropped and counted too, since
   * it would refuse those as well. Anti-entropy cannot repair it either until one is restarted.
   */
  refused(peer: string, count: number): void {
    const hints = this.#byPeer.get(peer);
    const held = hints ? [...hints.keys()] : [];
    if (hints) this.#forget(peer, hints, held);
    this.#o.counters.refused += count + held.length;
  }

  get refusedCount(): number {
    return this.#o.counters.refused;
  }

  /** Drops every hint older than keepMs; returns how many. */
  expire(): number {
    const before = this.#o.nowMicros() - this.keepMs * 1000;
    let dropped = 0;
    for (const [peer, hints] of this.#byPeer) {
      const gone: string[] = [];
      // Kept in version order (a node's own writes tick its clock), so the expired come first.
      for (const entry of hints.values()) {
        if (entry.version.wall >= before) break;
        gone.push(entry.key);
      }
      this.#forget(peer, hints, gone);
      dropped += gone.length;
    }
    this.#o.counters.expired += dropped;
    return dropped;
  }

  /** Puts entries in the peer's queue (newest of a key last); returns those kept (uncounted). */
  #insert(peer: string, entries: readonly Entry[]): Entry[] {
    let hints = this.#byPeer.get(peer);
    if (!hints) this.#byPeer.set(peer, (hints = new Map()));
    const kept: Entry[] = [];
    for (const entry of entries) {
      const held = hints.get(entry.key);
      if (held && compareVersions(held.version, entry.version) >= 0) continue;
      hints.delete(entry.key);
      hints.set(entry.key, entry);
      kept.push(entry);
    }
    return kept;
  }

  #forget(peer: string, hints: Map<string, Entry>, keys: readonly string[]): void {
    if (keys.length === 0) return;
    for (const key of keys) hints.delete(key);
    if (hints.size === 0) this.#byPeer.delete(peer);
    this.#o.storage?.remove(peer, keys);
    this.#recount();
  }

  #recount(): void {
    this.#o.counters.pending = this.pending();
  }
}
