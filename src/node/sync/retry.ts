// Rounds that shrug off lost messages: an exchange's message that gets no answer within a short
// wait, derived from the round trips this node measured, is sent again (the same bytes), up to a
// few copies and never past the message's own deadline (peers/timeouts.ts). The first answer to
// any copy is the message's answer, and the exchange goes on from it; the answers of the other
// copies are dropped. Each copy is a request of its own, answered on its own, so an answer is
// always matched to the message it answers. Copies are harmless to the peer: it keeps no state
// between the messages of an exchange, and merging an entry it already holds changes nothing.
import {
  AE_MAX_SENDS,
  AE_RETRY_INITIAL_MS,
  AE_RETRY_MAX_MS,
  AE_RETRY_MIN_MS,
  AE_TIMEOUT_BYTES_PER_MS,
} from '../constants.js';
import { exchangeMessageTimeoutMs } from '../peers/timeouts.js';
import type { PeerLink, Transport } from './exchange.js';
import type { RoundTimer } from './scheduler.js';

/** RFC 6298's gains: the smoothed round trip moves 1/8 of the way to each sample… */
const SRTT_GAIN = 1 / 8;
/** …its variation 1/4 of the way… */
const RTTVAR_GAIN = 1 / 4;
/** …and the wait is the smoothed round trip plus four times its variation. */
const RTTVAR_WEIGHT = 4;

/** The round trips of one node's exchange messages, smoothed as TCP smooths them (RFC 6298). */
export class RoundTripEstimate {
  #srtt: number | undefined;
  #rttvar = 0;

  /** One copy's round trip, from sending it to its own answer. */
  sample(ms: number): void {
    if (this.#srtt === undefined) {
      this.#srtt = ms;
      this.#rttvar = ms / 2;
      return;
    }
    this.#rttvar += RTTVAR_GAIN * (Math.abs(this.#srtt - ms) - this.#rttvar);
    this.#srtt += SRTT_GAIN * (ms - this.#srtt);
  }

  /** How long a message waits before its first copy (AE_RETRY_INITIAL_MS until measured). */
  waitMs(): number {
    if (this.#srtt === undefined) return AE_RETRY_INITIAL_MS;
    const rto = this.#srtt + RTTVAR_WEIGHT * this.#rttvar;
    return Math.min(AE_RETRY_MAX_MS, Math.max(AE_RETRY_MIN_MS, Math.ceil(rto)));
  }
}

/** What a retrying link needs: a send with a timeout, the shared estimate, a clock and a timer. */
export interface RetryOptions {
  send: (body: Buffer, timeoutMs: number) => Promise<Buffer>;
  estimate: RoundTripEstimate;
  now: () => number;
  timer: RoundTimer;
}

/** Whether an error means "no answer in time" (the only failure a copy can mend). */
export function noAnswer(error: unknown): boolean {
  const e = error as { code?: unknown; cause?: { code?: unknown } } | null;
  return e?.code === 'ETIMEDOUT' || e?.cause?.code === 'ETIMEDOUT';
}

/** One exchange's messages to one peer, each sent again while it goes unanswered. */
export class RetryingLink implements PeerLink {
  /** Copies sent beyond the first of each message. */
  retries = 0;
  #index = 0;
  readonly #o: RetryOptions;

  constructor(o: RetryOptions) {
    this.#o = o;
  }

  readonly send: Transport = (body) =>
    this.#message(body, exchangeMessageTimeoutMs(this.#index++, body.length));

  #message(body: Buffer, timeoutMs: number): Promise<Buffer> {
    const { send, estimate, now, timer } = this.#o;
    const started = now();
    const deadline = started + timeoutMs;
    // A large message takes longer to carry and to answer: the same allowance as its timeout's.
    const allowance = Math.floor(body.length / AE_TIMEOUT_BYTES_PER_MS);
    let wait = estimate.waitMs();
    let sends = 0;
    let pending = 0;
    let settled = false;
    let handle: unknown;
    let firstError: Error | undefined;
    let otherError: Error | undefined;
    return new Promise((resolve, reject) => {
      const settle = () => {
        settled = true;
        if (handle !== undefined) timer.clear(handle);
        handle = undefined;
      };
      const next = () => {
        if (sends >= AE_MAX_SENDS) return;
        const delay = wait + allowance;
        if (now() + delay >= deadline) return;
        wait *= 2;
        handle = timer.set(() => {
          handle = undefined;
          if (!settled) copy();
        }, delay);
      };
      const copy = () => {
        const first = sends === 0;
        const sentAt = now();
        sends += 1;
        pending += 1;
        if (!first) this.retries += 1;
        const left = first ? timeoutMs : Math.max(1, Math.round(deadline - now()));
        send(body, left).then(
          (answer) => {
            pending -= 1;
            if (settled) return;
            // Each copy is a request of its own, so whose answer this is is known (TCP must
            // skip such samples, Karn's rule): a slow peer's late answer lengthens the wait.
            estimate.sample(now() - sentAt);
            settle();
            resolve(answer);
          },
          (error: unknown) => {
            pending -= 1;
            if (settled) return;
            const e = error instanceof Error ? error : new Error(String(error));
            if (!noAnswer(e)) {
              settle();
              reject(e);
              return;
            }
            // The first copy's timeout is the message's: its error names the whole wait.
            if (first) firstError = e;
            else otherError ??= e;
            if (pending === 0) {
              settle();
              reject(firstError ?? otherError ?? e);
            }
          },
        );
        next();
      };
      copy();
    });
  }
}
