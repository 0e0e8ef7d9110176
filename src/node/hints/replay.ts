// Hinted handoff's replay loop: every tick, each peer with hints is sent its oldest batch; once
// the peer takes one, the next goes at once, until none is left or the peer stops answering.
// A replicated write the peer acknowledges also wakes its replay (it answers again). The timer
// and the sending are injected: tests turn the timer by hand and send nowhere.
import { refusedForGood } from '../errors.js';
import type { Entry } from '../replica/entry.js';
import { realTimer, type RoundTimer } from '../sync/scheduler.js';
import type { HintBatchLimits, HintQueue } from './queue.js';

/**
 * How often peers with hints are tried. A peer that answers again takes its hints within this
 * (plus one message's timeout when it was silent): the contract gives 2 s.
 */
export const HINT_REPLAY_INTERVAL_MS = 1_000;
/**
 * A replay message carries at most this many hints and about this many bytes: thousands of
 * hints go in a few messages (never one per key), and none is so large that a slow peer times
 * out on it (replication's batches stop at 5,000 entries too).
 */
export const HINT_BATCH: HintBatchLimits = { maxEntries: 5_000, maxBytes: 4 * 1024 * 1024 };

export interface ReplayOptions {
  queue: HintQueue;
  /** Peers hints may go to (the configured ones): a hint for any other is never sent. */
  peers: readonly string[];
  /** Sends one batch of hints to a peer; resolves once the peer took it. */
  send: (peer: string, entries: readonly Entry[]) => Promise<unknown>;
  timer?: RoundTimer;
  intervalMs?: number;
}

export class HintReplayer {
  readonly #o: Required<ReplayOptions>;
  /** Peers whose hints are being sent now, and the sending. */
  readonly #draining = new Map<string, Promise<void>>();
  #handle: unknown;
  #running = false;

  constructor(options: ReplayOptions) {
    this.#o = { timer: realTimer, intervalMs: HINT_REPLAY_INTERVAL_MS, ...options };
  }

  start(): void {
    this.#running = true;
    this.#arm();
  }

  /** Stops the timer and waits for the batches in flight. */
  async stop(): Promise<void> {
    this.#running = false;
    this.#o.timer.clear(this.#handle);
    await Promise.all(this.#draining.values());
  }

  /** The peer answered (it took a replicated write): its hints go now, not at the next tick. */
  wake(peer: string): void {
    if (this.#running && this.#o.queue.pending(peer) > 0) this.#drain(peer);
  }

  /** One tick: expired hints dropped, every peer with hints tried. */
  tick(): void {
    this.#o.queue.expire();
    for (const peer of this.#o.queue.peers()) this.#drain(peer);
  }

  #arm(): void {
    this.#handle = this.#o.timer.set(() => {
      if (!this.#running) return;
      this.tick();
      this.#arm();
    }, this.#o.intervalMs);
  }

  #drain(peer: string): void {
    if (this.#draining.has(peer) || !this.#o.peers.includes(peer)) return;
    const sending = this.#sendAll(peer).finally(() => this.#draining.delete(peer));
    this.#draining.set(peer, sending);
  }

  /** Batch after batch, oldest first, until none is left or the peer fails to take one. */
  async #sendAll(peer: string): Promise<void> {
    const { queue, send } = this.#o;
    for (let batch = queue.next(peer, HINT_BATCH); batch.length > 0;) {
      try {
        await send(peer, batch);
      } catch (error) {
        // Refused for good: the batch and the rest of the peer's hints go, counted as refused.
        if (refusedForGood(error)) queue.refused(peer, 0);
        return; // otherwise still away: the next tick tries again
      }
      queue.delivered(peer, batch);
      if (!this.#running) return;
      batch = queue.next(peer, HINT_BATCH);
    }
  }
}
