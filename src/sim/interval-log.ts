// The per-interval table of a simulation: at the end of each interval, how many replicas hold
// the reference root and how many are up, and the messages, bytes and exchanges of the interval.
import type { RoundReport } from '../api/reports.js';
import type { Traffic } from './network.js';

export interface IntervalRow {
  /** Virtual time at the end of the interval (ms). */
  timeMs: number;
  converged: number;
  up: number;
  messages: number;
  bytes: number;
  lostMessages: number;
  /** Exchanges finished in the interval, and how many moved entries or found the peer unreachable. */
  exchanges: number;
  repaired: number;
  unreachable: number;
}

export class IntervalLog {
  readonly rows: IntervalRow[] = [];
  #last: Traffic = { messages: 0, bytes: 0, lost: 0, duplicated: 0 };
  /** Messages the replicas sent again because they went unanswered, over the whole run. */
  retries = 0;
  #exchanges = 0;
  #repaired = 0;
  #unreachable = 0;

  constructor(readonly nodes: number) {}

  /** Counts a finished round's exchanges into the open interval. */
  round(report: RoundReport): void {
    for (const p of report.peers) {
      this.#exchanges += 1;
      this.retries += p.retries ?? 0;
      if (p.status === 'repaired') this.#repaired += 1;
      if (p.status === 'unreachable') this.#unreachable += 1;
    }
  }

  /** Closes the interval ending at `timeMs`. */
  close(
    timeMs: number,
    converged: number,
    hosts: readonly { up: boolean }[],
    traffic: Traffic,
  ): void {
    let up = 0;
    for (const h of hosts) if (h.up) up += 1;
    this.rows.push({
      timeMs: Math.round(timeMs * 1000) / 1000,
      converged,
      up,
      messages: traffic.messages - this.#last.messages,
      bytes: traffic.bytes - this.#last.bytes,
      lostMessages: traffic.lost - this.#last.lost,
      exchanges: this.#exchanges,
      repaired: this.#repaired,
      unreachable: this.#unreachable,
    });
    this.#last = { ...traffic };
    this.#exchanges = 0;
    this.#repaired = 0;
    this.#unreachable = 0;
  }
}
