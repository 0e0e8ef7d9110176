// What a node does, apart from HTTP: one verb per thing a client or a peer asks (read, write,
// a tree view, a round, an answer to a peer, a fault), each answered in the API's shape.
// Routes make one call here; tests call it directly, with no socket.
import type {
  BatchAnswer,
  FaultsAnswer,
  Health,
  HintsAnswer,
  IntervalAnswer,
  RoundsAnswer,
  Snapshot,
  StatsAnswer,
  TreeLevel,
  TreeNodeView,
} from '../api/http.js';
import type { ConflictMode } from '../api/conflicts.js';
import type { Context } from './conflicts/dvvset.js';
import { viaOfKind } from '../api/repair.js';
import type { RoundReport } from '../api/reports.js';
import type { Strategy } from '../api/strategies.js';
import { DEFAULT_HINTS, TOMBSTONE_SWEEP_MS } from './constants.js';
import { DroppedError } from './errors.js';
import { nodeHandoff, type Handoff } from './hints/handoff.js';
import * as views from './http/views.js';
import { FanOut } from './peers/fan-out.js';
import type { Aliases, FaultsRequest } from './peers/faults.js';
import { LocalReplica } from './replica/local.js';
import type { StoredEntry } from './replica/store.js';
import { answer } from './sync/exchange.js';
import { RoundLog } from './sync/round-log.js';
import { nodeAntiEntropy } from './sync/node-rounds.js';
import { nodeReadRepair, type ReadAll } from './sync/read-repair.js';
import type { AntiEntropy } from './sync/scheduler.js';
import { CodecError } from './sync/wire/codec.js';
import { FullExchangeSize } from './sync/wire/full-size.js';
import type { ServiceOptions } from './service-options.js';

export type { ServiceOptions };

export class NodeService {
  readonly #o: ServiceOptions;
  readonly #local: LocalReplica;
  readonly #fanOut: FanOut;
  /** Keeps what a peer missed and replays it when the peer answers again. */
  readonly #handoff: Handoff;
  /** GET /kv/{key}?read=all: read from every replica, repair the stale ones, then answer. */
  readonly readAll: (key: string) => Promise<ReadAll>;
  readonly #antiEntropy: AntiEntropy;
  /** Recent rounds, for GET /anti-entropy/rounds. */
  readonly #rounds = new RoundLog();
  #sweep: NodeJS.Timeout | undefined;
  readonly #fullSize: FullExchangeSize;

  constructor(options: ServiceOptions) {
    const o = (this.#o = options);
    this.#local = new LocalReplica(o);
    this.#fullSize = new FullExchangeSize(o.store);
    this.#handoff = nodeHandoff(o.hints ?? DEFAULT_HINTS, o);
    this.readAll = nodeReadRepair(o, this.#local);
    this.#fanOut = new FanOut(o.peers, o.peerClient, {
      timeoutMs: o.replicationTimeoutMs,
      counters: o.counters,
      handoff: this.#handoff,
    });
    this.#antiEntropy = nodeAntiEntropy(o, this.#local.side(), {
      onRound: (report) => {
        this.#rounds.record(report);
        o.onRound?.(report);
      },
      beforeRound: () => this.#local.purgeTombstones(),
      ...(o.tap ? { tap: o.tap } : {}),
    });
  }

  /** Starts periodic rounds, the tombstone sweep and the replay of hints. */
  start(): void {
    const every = Math.min(TOMBSTONE_SWEEP_MS, this.#o.tombstoneTtlMs);
    this.#sweep = setInterval(() => this.#local.purgeTombstones(), every).unref();
    this.#antiEntropy.start(this.#o.peers);
    this.#handoff.start();
  }

  /** Stops them, and waits for a round and hints in progress. */
  async stop(): Promise<void> {
    clearInterval(this.#sweep);
    await Promise.all([this.#antiEntropy.stop(), this.#handoff.stop()]);
  }

  get id(): string {
    return this.#o.id;
  }

  get peers(): readonly string[] {
    return this.#o.peers;
  }

  /** Peers a periodic round talks to: --ae-peers-per-round, or every peer (the default). */
  get peersPerRound(): number {
    return Math.min(this.#o.peersPerRound ?? this.#o.peers.length, this.#o.peers.length);
  }

  /** lww or siblings (--conflicts): how this node's store merges, and what its reads answer. */
  get conflicts(): ConflictMode {
    return this.#o.store.conflicts;
  }

  get maxValueBytes(): number {
    return this.#o.maxValueBytes;
  }

  /** Whether this node keeps the RIBLT sketch (started with --ae-strategy riblt). */
  get keepsSketch(): boolean {
    return this.#o.sketch !== undefined;
  }

  health(): Health {
    const o = this.#o;
    return views.healthView(o.id, o.address, o.peers, o.store, o.tree);
  }

  /** The entry of a key, a tombstone included; undefined when this node never saw the key. */
  read(key: string): StoredEntry | undefined {
    return this.#o.store.get(key);
  }

  /** A page of live entries in key order, after the cursor. */
  list(prefix: string, limit: number, cursor: string | null) {
    return views.listView(this.#o.store.list(prefix, limit, cursor), this.#o.store.siblings);
  }

  /** A local write (value, or null for a delete; see put); replicated unless `direct`. */
  async write(key: string, value: string | null, direct: boolean, context?: Context) {
    const stored = this.#local.put(key, value, context);
    const w = this.#o.counters.writes;
    if (value === null) direct ? w.directDeletes++ : w.deletes++;
    else direct ? w.direct++ : w.replicated++;
    const replication = direct ? null : await this.#fanOut.send([stored]);
    return views.writeView(stored, replication, this.#o.store.siblings);
  }

  /** Many local writes at once (values, or null for deletes), replicated as one message per peer. */
  async writeBatch(
    items: readonly { key: string; value: string | null }[],
    direct: boolean,
  ): Promise<BatchAnswer> {
    const entries = this.#local.putMany(items);
    this.#o.counters.writes.batched += entries.length;
    return { count: entries.length, replication: direct ? null : await this.#fanOut.send(entries) };
  }

  snapshot(): Snapshot {
    this.#local.purgeTombstones();
    return views.snapshotView(this.#o.id, this.#o.store, this.#fullSize.bytes());
  }

  treeLevel(level: number): TreeLevel {
    this.#local.purgeTombstones();
    return views.treeLevelView(this.#o.id, this.#o.store, level);
  }

  treeNode(level: number, index: number, entryLimit: number): TreeNodeView {
    this.#local.purgeTombstones();
    return views.treeNodeView(this.#o.id, this.#o.store, { level, index, entryLimit });
  }

  /** A round now, with these peers (all by default); `strategy` is for this round only. */
  trigger(peers: readonly string[] = this.#o.peers, strategy?: Strategy): Promise<RoundReport> {
    return this.#antiEntropy.round(peers, strategy);
  }

  /** The recent rounds after number `after`. */
  rounds(after: number): RoundsAnswer {
    return views.roundsView(this.#o.id, this.#rounds.since(after));
  }

  /**
   * A peer's message (`kind`: what it carries; none: anti-entropy), answered. A sender cut off or
   * unheard gets nothing (DroppedError), unread; a malformed message is counted and thrown on.
   */
  async answerPeer(
    from: string | undefined,
    read: () => Promise<Buffer>,
    kind?: string,
  ): Promise<Buffer> {
    if (from !== undefined && this.#o.faults.drops(from)) throw new DroppedError();
    const message = await read();
    this.#o.counters.peerMessages.received += 1;
    this.#local.purgeTombstones();
    try {
      return answer(this.#local.side(viaOfKind(kind)), message, this.#o.maxValueBytes);
    } catch (error) {
      if (error instanceof CodecError) this.#o.counters.peerMessages.rejected += 1;
      throw error;
    }
  }

  faults(): FaultsAnswer {
    return views.faultsView(this.#o.id, this.#o.faults.state());
  }

  setFaults(request: FaultsRequest): FaultsAnswer {
    this.#o.faults.set(request);
    return this.faults();
  }

  /** Cuts this node off from these peers (fault injection); `aliases`: other names senders give. */
  partition(peers: readonly string[], aliases?: Aliases): FaultsAnswer {
    this.#o.faults.partition(peers, aliases);
    return this.faults();
  }

  /** Heals the faults of these peers, or every fault. */
  heal(peers?: readonly string[]): FaultsAnswer {
    this.#o.faults.heal(peers);
    return this.faults();
  }

  interval(): IntervalAnswer {
    return views.intervalView(this.#o.id, this.#antiEntropy.intervalMs);
  }

  /** A new periodic interval (0: only on trigger), from now on. */
  setInterval(ms: number): IntervalAnswer {
    this.#antiEntropy.setIntervalMs(ms);
    return this.interval();
  }

  hints(): HintsAnswer {
    return views.hintsView(this.#o.id, this.#handoff);
  }

  /** Hinted handoff on or off from now on (hints kept stay, and are still replayed). */
  setHints(enabled: boolean): HintsAnswer {
    this.#handoff.enabled = enabled;
    return this.hints();
  }

  stats(): StatsAnswer {
    const o = this.#o;
    return views.statsView({
      node: o.id,
      store: o.store,
      peers: o.peers,
      peersPerRound: this.peersPerRound,
      counters: o.counters,
      hintsEnabled: this.#handoff.enabled,
      peerWire: o.peerClient.wireBytes(),
    });
  }
}
