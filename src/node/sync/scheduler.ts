// Anti-entropy rounds: one exchange with each peer at once, rounds one after another (never
// overlapping), started by a trigger or by a jittered timer. A timed round talks to every peer,
// or to K of them picked at random (--ae-peers-per-round); a trigger talks to every peer it is
// given, so one trigger still converges the cluster. The timer is started and stopped
// explicitly, and time and randomness are injected so tests control them. Per peer it keeps
// whether the last exchange ended in sync, which picks the next riblt opening (openings.ts).
import { AE_JITTER_FRACTION } from '../constants.js';
import { runExchange, type PeerLink, type Replica, type Transport } from './exchange.js';
import type { Strategy } from '../../api/strategies.js';
import { pickPeers } from './peer-selection.js';
import {
  combine,
  failedOutcome,
  outcomeOf,
  pulledFromOthers,
  reached,
  round3,
  withRetries,
  toReport,
  type Outcome,
} from './peer-outcome.js';
import type { RoundReport } from '../../api/reports.js';
import type { Counters } from '../../api/counters.js';
import type { MessageTap } from './message-tap.js';
import { recordExchange } from './exchange-records.js';
import { PeerOpenings } from './riblt/openings.js';

/** When this process started (ms since the epoch): a restarted node numbers its rounds from 1 again. */
const INCARNATION = Math.round(performance.timeOrigin);

/** Sets and clears the round timer: the real one by default, a hand-driven one in tests. */
export interface RoundTimer {
  set(fire: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

/** setTimeout, unref'd: a pending round (or hint replay) never keeps the process alive. */
export const realTimer: RoundTimer = {
  set: (fire, ms) => setTimeout(fire, ms).unref(),
  clear: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export interface AntiEntropyOptions {
  node: string;
  replica: Replica;
  /** The messages of one exchange with `peer`: a plain transport, or one that retries. */
  transport: (peer: string) => Transport | PeerLink;
  strategy: Strategy;
  maxValueBytes: number;
  intervalMs: number;
  counters: Counters;
  /** Peers a timed round talks to, picked at random each round; undefined: all of them. */
  peersPerRound?: number;
  now?: () => number;
  /** Draws the timer's jitter. */
  random?: () => number;
  /** Draws the peers of a timed round (with peersPerRound), apart from the jitter. */
  pick?: () => number;
  timer?: RoundTimer;
  onRound?: (report: RoundReport) => void;
  /** Runs before each round (the node drops expired tombstones there). */
  beforeRound?: () => void;
  /** Where the exchanges' messages are recorded, when someone listens. */
  tap?: MessageTap;
  /** A peer's node id, once it has answered (records name nodes by id). */
  idOf?: (peer: string) => string | undefined;
}

/** Options the scheduler may go without. */
type Optional = 'onRound' | 'beforeRound' | 'peersPerRound' | 'tap' | 'idOf';

export class AntiEntropy {
  readonly #o: Required<Omit<AntiEntropyOptions, Optional>> & Pick<AntiEntropyOptions, Optional>;
  #queue: Promise<unknown> = Promise.resolve();
  #timer: unknown;
  #running = false;
  #peers: readonly string[] = [];
  /** Bumped by every setIntervalMs, so a round timed under the old interval does not time another. */
  #generation = 0;
  /** Rounds begun: the number of the round in progress. */
  #round = 0;
  /** Per peer, whether its last exchange ended in sync: the next riblt exchange's opening. */
  readonly #openings = new PeerOpenings();

  constructor(options: AntiEntropyOptions) {
    this.#o = {
      now: () => performance.now(),
      random: Math.random,
      pick: Math.random,
      timer: realTimer,
      ...options,
    };
  }

  /** How many peers a timed round talks to: K, or all of them (undefined). */
  get peersPerRound(): number | undefined {
    return this.#o.peersPerRound;
  }

  /** The peers of the next timed round: K distinct ones at random, or all, in their order. */
  pickPeers(peers: readonly string[]): string[] {
    return pickPeers(peers, this.#o.peersPerRound, this.#o.pick);
  }

  /** Starts periodic rounds (no-op when the interval is 0). */
  start(peers: readonly string[]): void {
    this.#peers = peers;
    if (this.#o.intervalMs <= 0 || this.#running) return;
    this.#running = true;
    const generation = this.#generation;
    const schedule = () => {
      if (!this.#running || generation !== this.#generation) return;
      const jitter = 1 + AE_JITTER_FRACTION * (2 * this.#o.random() - 1);
      this.#timer = this.#o.timer.set(
        () => {
          void this.round(this.pickPeers(peers)).finally(schedule);
        },
        Math.round(this.#o.intervalMs * jitter),
      );
    };
    schedule();
  }

  /** The periodic interval now (ms; 0: only on trigger). */
  get intervalMs(): number {
    return this.#o.intervalMs;
  }

  /**
   * Changes the periodic interval at run time (the live page's "Set interval"): the next round is
   * scheduled from now with the new interval; 0 stops periodic rounds (a round in progress ends).
   */
  setIntervalMs(ms: number): void {
    this.#generation += 1;
    this.#running = false;
    this.#o.timer.clear(this.#timer);
    this.#o.intervalMs = ms;
    this.start(this.#peers);
  }

  /** Stops the timer and waits for a round in progress. */
  async stop(): Promise<void> {
    this.#running = false;
    this.#o.timer.clear(this.#timer);
    await this.#queue.catch(() => undefined);
  }

  /** Runs a round against these peers once the previous round is done (strategy: this one only). */
  round(peers: readonly string[], strategy = this.#o.strategy): Promise<RoundReport> {
    const next = this.#queue.catch(() => undefined).then(() => this.#run(peers, strategy));
    this.#queue = next;
    return next;
  }

  async #run(peers: readonly string[], strategy: Strategy): Promise<RoundReport> {
    const started = this.#o.now();
    const round = ++this.#round;
    this.#o.beforeRound?.();
    const first = await Promise.all(
      peers.map((peer) =>
        this.#exchange(peer, strategy, { round, incarnation: INCARNATION, pass: 1 }),
      ),
    );
    let outcomes = first;
    if (first.some((o) => o.pulled.size > 0)) {
      // Exchanges run at once, so what we pulled from one peer may be news to a peer we were
      // talking to at the same time. A second pass hands it on: after one round every
      // reachable peer holds what we hold (a peer already in sync costs one round trip). A peer
      // needs it only if we pulled from another one: what came from it, it has.
      const second = await Promise.all(
        first.map((o, i) =>
          reached(o) && pulledFromOthers(first, i)
            ? this.#exchange(o.peer, strategy, { round, incarnation: INCARNATION, pass: 2 })
            : Promise.resolve(o),
        ),
      );
      outcomes = first.map((o, i) => (o === second[i] ? o : combine(o, second[i]!)));
    }
    const report: RoundReport = {
      node: this.#o.node,
      round,
      incarnation: INCARNATION,
      strategy,
      durationMs: round3(this.#o.now() - started),
      peers: outcomes.map(toReport),
    };
    const ae = this.#o.counters.antiEntropy;
    ae.rounds += 1;
    ae.peersContacted += peers.length;
    ae.lastRoundAt = new Date().toISOString();
    ae.lastRoundMs = report.durationMs;
    this.#o.onRound?.(report);
    return report;
  }

  /** The changes this node's sketch has counted (riblt nodes keep one). */
  #changes(): number {
    return this.#o.replica.sketch?.changes ?? 0;
  }

  async #exchange(
    peer: string,
    strategy: Strategy,
    ref: { round: number; incarnation: number; pass: number },
  ): Promise<Outcome> {
    const started = this.#o.now();
    const ae = this.#o.counters.antiEntropy;
    const { tap, idOf } = this.#o;
    const watch = tap?.listening
      ? recordExchange(tap, { self: this.#o.node, peer, peerId: idOf?.(peer) ?? peer }, ref)
      : undefined;
    const link = this.#o.transport(peer);
    const retriesOf = () => (typeof link === 'function' ? 0 : link.retries);
    try {
      const r = await runExchange(
        this.#o.replica,
        typeof link === 'function' ? link : link.send,
        strategy,
        this.#o.maxValueBytes,
        watch,
        this.#openings.choose(peer, this.#changes()),
      );
      this.#openings.ended(peer, r.endedInSync, this.#changes());
      ae.exchanges[r.status] += 1;
      ae.keysPulled += r.keys.pulled.length;
      ae.keysPushed += r.keys.pushed.length;
      ae.bytesSent += r.bytes.sent;
      ae.bytesReceived += r.bytes.received;
      ae.roundTrips += r.roundTrips;
      ae.retries += retriesOf();
      return withRetries(outcomeOf(peer, r, this.#o.now() - started), retriesOf());
    } catch (error) {
      this.#openings.ended(peer, false, this.#changes());
      const failed = failedOutcome(peer, error, this.#o.now() - started);
      ae.exchanges[failed.status] += 1;
      ae.retries += retriesOf();
      return withRetries(failed, retriesOf());
    }
  }
}
