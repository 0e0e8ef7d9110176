// What a node does, apart from HTTP: local and replicated writes, merges from peers, reads,
// tree views and anti-entropy rounds. Routes call this; tests can call it directly.
import { AntiEntropy } from './sync/scheduler.js';
import type { RoundReport } from '../api/reports.js';
import type { Entry } from './replica/entry.js';
import type { Replica } from './sync/exchange.js';
import type { Strategy } from '../api/strategies.js';
import type { Faults } from './peers/faults.js';
import type { HybridClock } from './replica/hlc.js';
import { digestHex, join } from './tree/digest.js';
import { FANOUT, MAX_LEVEL } from './tree/shape.js';
import type { PeerClient } from './peers/client.js';
import { replicationTimeoutMs, timedTransport } from './peers/timeouts.js';
import { RoundLog } from './sync/round-log.js';
import { FullExchangeSize } from './sync/wire/full-size.js';
import { PeerReplicator, sharedEncoder } from './sync/replication.js';
import type { Counters } from '../api/counters.js';
import type { Storage } from './storage/sqlite.js';
import type { ApplyResult, Store, StoredEntry } from './replica/store.js';
import type { Sketch } from './sync/riblt/sketch.js';
import type {
  BatchAnswer,
  Health,
  Replication,
  Snapshot,
  TreeLevel,
  TreeNodeView,
} from '../api/http.js';

export interface ServiceOptions {
  id: string;
  address: string;
  peers: readonly string[];
  store: Store;
  /** The coded symbols kept beside the tree (riblt strategy). */
  sketch?: Sketch;
  clock: HybridClock;
  peerClient: PeerClient;
  counters: Counters;
  maxValueBytes: number;
  tombstoneTtlMs: number;
  aeIntervalMs: number;
  strategy: Strategy;
  /** Peers a periodic round talks to, at random; all when absent. */
  peersPerRound?: number;
  replicationTimeoutMs: number;
  /** Durable storage (--data-dir): every accepted entry is saved before it is acknowledged. */
  storage?: Storage;
  nowMicros: () => number;
  faults: Faults;
  /** Told about every round that moved keys or met an unreachable peer. */
  onRound?: (report: RoundReport) => void;
}

export interface WriteResult {
  entry: StoredEntry;
  replication: Replication | null;
}

export class NodeService {
  readonly antiEntropy: AntiEntropy;
  /** Recent rounds, for GET /anti-entropy/rounds. */
  readonly rounds = new RoundLog();
  readonly #o: ServiceOptions;
  readonly #replicators: PeerReplicator[];
  readonly #fullSize: FullExchangeSize;

  constructor(options: ServiceOptions) {
    this.#o = options;
    this.#fullSize = new FullExchangeSize(options.store);
    const encode = sharedEncoder();
    this.#replicators = options.peers.map(
      (peer) =>
        new PeerReplicator(
          peer,
          (body) =>
            options.peerClient.send(
              peer,
              body,
              replicationTimeoutMs(options.replicationTimeoutMs, body.length),
            ),
          encode,
        ),
    );
    this.antiEntropy = new AntiEntropy({
      node: options.id,
      replica: this.replica(),
      transport: (peer) =>
        timedTransport((body, timeoutMs) => options.peerClient.send(peer, body, timeoutMs)),
      strategy: options.strategy,
      ...(options.peersPerRound !== undefined ? { peersPerRound: options.peersPerRound } : {}),
      maxValueBytes: options.maxValueBytes,
      intervalMs: options.aeIntervalMs,
      counters: options.counters,
      onRound: (report) => {
        this.rounds.record(report);
        options.onRound?.(report);
      },
      beforeRound: () => this.purgeTombstones(),
    });
  }

  /** This node as one side of an exchange. */
  replica(): Replica {
    return {
      store: this.#o.store,
      ...(this.#o.sketch ? { sketch: this.#o.sketch } : {}),
      merge: (e) => this.merge(e),
      transaction: (fn) => this.transaction(fn),
    };
  }

  /** Runs fn as one transaction of the durable storage, if any. */
  transaction<T>(fn: () => T): T {
    return this.#o.storage ? this.#o.storage.transaction(fn) : fn();
  }

  get id(): string {
    return this.#o.id;
  }

  get address(): string {
    return this.#o.address;
  }

  get peers(): readonly string[] {
    return this.#o.peers;
  }

  /** Peers a periodic round talks to: --ae-peers-per-round, or every peer (the default). */
  get peersPerRound(): number {
    return Math.min(this.#o.peersPerRound ?? this.#o.peers.length, this.#o.peers.length);
  }

  get store(): Store {
    return this.#o.store;
  }

  get maxValueBytes(): number {
    return this.#o.maxValueBytes;
  }

  get faults(): Faults {
    return this.#o.faults;
  }

  get counters(): Counters {
    return this.#o.counters;
  }

  /** Bytes on the wire to and from peers so far (requests this node made). */
  peerWireBytes(): { sent: number; received: number } {
    return this.#o.peerClient.wireBytes();
  }

  /** A local write (value, or null for a delete); replicated to every peer unless `direct`. */
  async write(key: string, value: string | null, direct: boolean): Promise<WriteResult> {
    const stored = this.#local(key, value);
    const w = this.#o.counters.writes;
    if (value === null) direct ? w.directDeletes++ : w.deletes++;
    else direct ? w.direct++ : w.replicated++;
    return { entry: stored, replication: direct ? null : await this.#replicate([stored]) };
  }

  /** Many local writes at once (values, or null for deletes), replicated as one message per peer. */
  async writeBatch(
    items: readonly { key: string; value: string | null }[],
    direct: boolean,
  ): Promise<BatchAnswer> {
    const entries = this.transaction(() => items.map(({ key, value }) => this.#local(key, value)));
    this.#o.counters.writes.batched += entries.length;
    return { count: entries.length, replication: direct ? null : await this.#replicate(entries) };
  }

  /** An entry from a peer: advance the clock past it, then last write wins. */
  merge(entry: Entry): ApplyResult {
    this.#o.clock.observe(entry.version);
    if (
      entry.value === null &&
      entry.version.wall < this.#o.nowMicros() - this.#o.tombstoneTtlMs * 1000
    ) {
      this.#o.counters.merges.unchanged += 1;
      return 'unchanged'; // an expired tombstone: we would purge it at once
    }
    const result = this.#apply(entry);
    this.#o.counters.merges[result === 'applied' ? 'applied' : 'unchanged'] += 1;
    return result;
  }

  /**
   * Drops tombstones older than the ttl; returns how many. Cheap (O(expired)), so it runs before
   * every round, every answer to a peer and every tree read, not only on the sweep timer.
   */
  purgeTombstones(): number {
    const purged = this.#o.store.purgeTombstones(
      this.#o.nowMicros() - this.#o.tombstoneTtlMs * 1000,
    );
    if (purged.length > 0) this.#o.storage?.remove(purged);
    this.#o.counters.tombstonesPurged += purged.length;
    return purged.length;
  }

  /** A round now; `strategy` overrides the node's own for this round only. */
  trigger(peers: readonly string[] = this.#o.peers, strategy?: Strategy): Promise<RoundReport> {
    return this.antiEntropy.round(peers, strategy);
  }

  /** Whether this node keeps the RIBLT sketch (started with --ae-strategy riblt). */
  get keepsSketch(): boolean {
    return this.#o.sketch !== undefined;
  }

  health(): Health {
    return {
      status: 'ok',
      id: this.#o.id,
      address: this.#o.address,
      peers: this.#o.peers,
      keys: this.#o.store.liveCount,
    };
  }

  snapshot(): Snapshot {
    this.purgeTombstones();
    const { store } = this.#o;
    return {
      node: this.#o.id,
      root: digestHex(store.tree.root().digest),
      count: store.size,
      fanout: FANOUT,
      depth: store.tree.storedDepth,
      maxDepth: MAX_LEVEL,
      hash: 'xxh64, XOR of entry digests',
      liveKeys: store.liveCount,
      tombstones: store.tombstoneCount,
      /** Bytes a full-data exchange would ship for this node's entries. */
      fullExchangeBytes: this.#fullSize.bytes(),
      children: store.tree
        .children(0, 0)
        .map((c, index) => ({ index, digest: digestHex(c.digest), count: c.count })),
    };
  }

  /** Every tree node of one level, in index order: what a picture of the top of the tree needs. */
  treeLevel(level: number): TreeLevel {
    this.purgeTombstones();
    const { tree } = this.#o.store;
    const digests: string[] = [];
    const counts: number[] = [];
    const parents = level === 0 ? [tree.root()] : [];
    if (level > 0)
      for (let p = 0; p < FANOUT ** (level - 1); p++) parents.push(...tree.children(level - 1, p));
    for (const n of parents) {
      digests.push(digestHex(n.digest));
      counts.push(n.count);
    }
    return { node: this.#o.id, level, digests, counts };
  }

  /** One tree node with its children, and its entries once it holds few enough. */
  treeNode(level: number, index: number, entryLimit: number): TreeNodeView {
    this.purgeTombstones();
    const { tree } = this.#o.store;
    const self = tree.node(level, index);
    const children =
      level < MAX_LEVEL
        ? tree.children(level, index).map((c, j) => ({
            index: index * FANOUT + j,
            digest: digestHex(c.digest),
            count: c.count,
          }))
        : [];
    const entries =
      self.count <= entryLimit
        ? [...tree.itemsUnder(level, index)].map((e) => ({
            key: e.key,
            version: e.version,
            deleted: e.value === null,
            digest: digestHex(join(e.hi, e.lo)),
          }))
        : null;
    return {
      node: this.#o.id,
      level,
      index,
      digest: digestHex(self.digest),
      count: self.count,
      children,
      entries,
    };
  }

  #apply(entry: Entry): ApplyResult {
    return this.#save(this.#o.store.merge(entry)) ? 'applied' : 'unchanged';
  }

  /**
   * A write made here: its version is a fresh tick, newer than any this node has seen, so it
   * always wins and merge hands back the entry it stored (no second lookup of the key).
   */
  #local(key: string, value: string | null): StoredEntry {
    const entry: Entry = { key, value, version: this.#o.clock.tick() };
    const stored = this.#save(this.#o.store.merge(entry));
    if (stored === undefined)
      throw new Error(`a local write of "${key}" lost to a stored version (clock went back?)`);
    return stored;
  }

  /** Keeps an entry the store took on disk too (with --data-dir); passes it on. */
  #save(stored: StoredEntry | undefined): StoredEntry | undefined {
    if (stored !== undefined) this.#o.storage?.save(stored);
    return stored;
  }

  /** Sends the entries to every peer at once (grouped with concurrent writes); each peer acks or fails on its own. */
  async #replicate(entries: StoredEntry[]): Promise<Replication> {
    const outcomes = await Promise.all(this.#replicators.map((r) => r.replicate(entries)));
    const replication: Replication = { acked: [], failed: [] };
    outcomes.forEach((outcome, i) => {
      const peer = this.#replicators[i]!.peer;
      if (outcome.ok) replication.acked.push(peer);
      else replication.failed.push({ peer, reason: outcome.reason });
    });
    this.#o.counters.replication.acked += replication.acked.length;
    this.#o.counters.replication.failed += replication.failed.length;
    return replication;
  }
}
