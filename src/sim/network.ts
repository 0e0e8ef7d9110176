// The simulated network: every message leaves its sender's uplink after the ones before it
// (bandwidth), arrives a latency later, may be lost (loss rate) or cut (partition), and finds
// its receiver up or not (churn). A message that gets no answer times out by the nodes' own
// rule (peers/timeouts.ts) and is sent again by it (sync/retry.ts). Counts every message and
// byte sent, lost or not.
import { timedOut } from '../node/peers/deliver.js';
import type { Scheduler } from './scheduler.js';

export interface NetworkOptions {
  latencyMs: number;
  bandwidthMbps: number;
  /** Probability that one message (request or answer) is lost, 0..1. */
  loss: number;
  random: () => number;
}

/** What the network needs of a replica: whether it is up, and its answer to a message. */
export interface Endpoint {
  readonly up: boolean;
  /** Bumped at each crash: an answer to a request sent before a crash is not delivered. */
  readonly incarnation: number;
  answer(body: Buffer): Buffer;
}

/** Totals since the start (the simulation diffs them per interval). */
export interface Traffic {
  messages: number;
  bytes: number;
  lost: number;
}

export class Network {
  readonly traffic: Traffic = { messages: 0, bytes: 0, lost: 0 };
  readonly #scheduler: Scheduler;
  readonly #o: NetworkOptions;
  readonly #endpoints: readonly Endpoint[];
  readonly #uplinkFree: Float64Array;
  /** Side of each replica while a partition holds (undefined: no partition). */
  #sides: Uint8Array | undefined;

  constructor(scheduler: Scheduler, endpoints: readonly Endpoint[], options: NetworkOptions) {
    this.#scheduler = scheduler;
    this.#endpoints = endpoints;
    this.#o = options;
    this.#uplinkFree = new Float64Array(endpoints.length);
  }

  /** Cuts the replicas into sides (side[i] for replica i) until heal(). */
  cut(sides: Uint8Array): void {
    this.#sides = sides;
  }

  heal(): void {
    this.#sides = undefined;
  }

  get partitioned(): boolean {
    return this.#sides !== undefined;
  }

  /** Sends a request from one replica to another; resolves with the answer or rejects on timeout. */
  send(from: number, to: number, body: Buffer, timeoutMs: number): Promise<Buffer> {
    const sender = this.#endpoints[from]!;
    const incarnation = sender.incarnation;
    return new Promise((resolve, reject) => {
      let settled = false;
      this.#scheduler.after(timeoutMs, () => {
        if (settled) return;
        settled = true;
        reject(timedOut(timeoutMs));
      });
      this.#transmit(from, to, body, () => {
        const receiver = this.#endpoints[to]!;
        if (!receiver.up) return;
        const reply = receiver.answer(body);
        this.#transmit(to, from, reply, () => {
          if (settled || !sender.up || sender.incarnation !== incarnation) return;
          settled = true;
          resolve(reply);
        });
      });
    });
  }

  /** One message on the wire: counted, queued on the sender's uplink, delivered unless lost. */
  #transmit(from: number, to: number, body: Buffer, deliver: () => void): void {
    const now = this.#scheduler.now;
    this.traffic.messages += 1;
    this.traffic.bytes += body.length;
    const transferMs = (body.length * 8) / (this.#o.bandwidthMbps * 1000);
    const departs = Math.max(now, this.#uplinkFree[from]!);
    this.#uplinkFree[from] = departs + transferMs;
    const lost =
      (this.#sides !== undefined && this.#sides[from] !== this.#sides[to]) ||
      (this.#o.loss > 0 && this.#o.random() < this.#o.loss);
    if (lost) {
      this.traffic.lost += 1;
      return;
    }
    this.#scheduler.at(departs + transferMs + this.#o.latencyMs, () => {
      // A cut made while the message was on its way stops it too.
      if (this.#sides !== undefined && this.#sides[from] !== this.#sides[to]) {
        this.traffic.lost += 1;
        return;
      }
      deliver();
    });
  }
}
