// One simulated replica: the node's own store, Merkle tree, clock, exchange and round scheduler
// (AntiEntropy, the class a node runs), with the network in place of HTTP and virtual time in
// place of the timer. A crash stops its rounds and its answers; a restart keeps the store, as a
// node with a data directory does (every merge is committed before it answers), and starts a
// fresh round scheduler, as a new process would.
import type { Entry } from '../node/replica/entry.js';
import { HybridClock } from '../node/replica/hlc.js';
import type { Store } from '../node/replica/store.js';
import { update, type Context } from '../node/conflicts/dvvset.js';
import { setOf, siblingEntry } from '../node/conflicts/entry.js';
import { AE_JITTER_FRACTION } from '../node/constants.js';
import { DEFAULT_MAX_VALUE_BYTES } from '../api/limits.js';
import { answer, type Replica } from '../node/sync/exchange.js';
import type { Strategy } from '../api/strategies.js';
import type { Sketch } from '../node/sync/riblt/sketch.js';
import { AntiEntropy } from '../node/sync/scheduler.js';
import type { RoundReport } from '../api/reports.js';
import { RetryingLink, RoundTripEstimate } from '../node/sync/retry.js';
import { newCounters } from '../node/stats.js';
import { SIM_EPOCH_MICROS } from './constants.js';
import type { Endpoint, Network } from './network.js';
import { virtualTimer, type Scheduler } from './scheduler.js';

export interface HostOptions {
  index: number;
  id: string;
  store: Store;
  sketch?: Sketch;
  strategy: Strategy;
  intervalMs: number;
  scheduler: Scheduler;
  network: () => Network;
  /** Peer indexes for this replica's next round. */
  choosePeers: (index: number) => number[];
  random: () => number;
  /** Told after every merge that changed the store, and after every round. */
  onChange: (host: ReplicaHost) => void;
  onRound: (host: ReplicaHost, report: RoundReport) => void;
}

export class ReplicaHost implements Endpoint {
  readonly index: number;
  readonly id: string;
  readonly store: Store;
  readonly clock: HybridClock;
  readonly replica: Replica;
  up = true;
  incarnation = 0;
  readonly #o: HostOptions;
  #antiEntropy: AntiEntropy;

  constructor(o: HostOptions) {
    this.#o = o;
    this.index = o.index;
    this.id = o.id;
    this.store = o.store;
    this.clock = new HybridClock(o.id, () => SIM_EPOCH_MICROS + Math.round(o.scheduler.now * 1000));
    this.replica = {
      store: o.store,
      ...(o.sketch ? { sketch: o.sketch } : {}),
      merge: (entry: Entry) => {
        this.clock.observe(entry.version);
        const result = this.store.apply(entry);
        if (result === 'applied') o.onChange(this);
        return result;
      },
    };
    this.#antiEntropy = this.#newAntiEntropy();
  }

  /**
   * A direct write accepted by this replica (acknowledged once applied: the store is durable).
   * Siblings: it supersedes what `context` covers (a client's earlier read) and stands beside
   * the rest; a blind write (no context) stands beside every value it finds.
   */
  write(key: string, value: string | null, context: Context = []): Entry {
    const version = this.clock.tick();
    let entry: Entry = { key, value, version };
    if (this.store.siblings) {
      const held = this.store.get(key);
      const set = update(held ? setOf(held) : [], context, version.node, { value, ...version });
      entry = siblingEntry(key, set);
      this.store.successor(entry);
    } else this.store.apply(entry);
    this.#o.onChange(this);
    return entry;
  }

  /** The responder's side, as the node's POST /internal/anti-entropy route runs it. */
  answer(body: Buffer): Buffer {
    return answer(this.replica, body, DEFAULT_MAX_VALUE_BYTES);
  }

  /** Starts periodic rounds: the first within one jittered interval, as a starting node does. */
  start(): void {
    this.#scheduleRound(this.incarnation);
  }

  crash(): void {
    this.up = false;
    this.incarnation += 1;
  }

  restart(): void {
    this.up = true;
    this.#antiEntropy = this.#newAntiEntropy();
    this.start();
  }

  #scheduleRound(incarnation: number): void {
    const jitter = 1 + AE_JITTER_FRACTION * (2 * this.#o.random() - 1);
    this.#o.scheduler.after(this.#o.intervalMs * jitter, () => {
      if (!this.up || this.incarnation !== incarnation) return;
      const peers = this.#o.choosePeers(this.index).map(String);
      void this.#antiEntropy.round(peers).then((report) => {
        this.#o.onRound(this, report);
        if (this.up && this.incarnation === incarnation) this.#scheduleRound(incarnation);
      });
    });
  }

  #newAntiEntropy(): AntiEntropy {
    const { network, scheduler } = this.#o;
    // A restarted replica measures its round trips afresh, as a new process does.
    const estimate = new RoundTripEstimate();
    const timer = virtualTimer(scheduler);
    return new AntiEntropy({
      node: this.id,
      replica: this.replica,
      transport: (peer) =>
        new RetryingLink({
          send: (body, timeoutMs) => network().send(this.index, Number(peer), body, timeoutMs),
          estimate,
          now: () => scheduler.now,
          timer,
        }),
      strategy: this.#o.strategy,
      maxValueBytes: DEFAULT_MAX_VALUE_BYTES,
      intervalMs: 0,
      counters: newCounters(),
      now: () => this.#o.scheduler.now,
      random: this.#o.random,
    });
  }
}
