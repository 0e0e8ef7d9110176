// The node's most recent anti-entropy rounds, numbered, so that a watcher (the live page) can
// ask for the rounds after the last one it saw and show each exchange, whoever started it: a
// trigger, or the node's own timer. Bounded: the oldest rounds fall off.
import type { RoundRecord, RoundReport } from '../../api/reports.js';

/** Rounds kept; a watcher that looks once a second misses none unless rounds run every 30 ms. */
export const RECENT_ROUNDS = 32;

export class RoundLog {
  readonly #recent: RoundRecord[] = [];
  #seq = 0;

  record(report: RoundReport, at: Date = new Date()): void {
    this.#seq += 1;
    this.#recent.push({ seq: this.#seq, at: at.toISOString(), report });
    if (this.#recent.length > RECENT_ROUNDS) this.#recent.shift();
  }

  /** The kept rounds after seq (0: all kept), oldest first, and the newest seq. */
  since(seq: number): { latest: number; rounds: RoundRecord[] } {
    return { latest: this.#seq, rounds: this.#recent.filter((r) => r.seq > seq) };
  }
}
