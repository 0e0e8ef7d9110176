// The simulated network: every message leaves its sender's uplink after the ones before it
// (bandwidth), arrives a latency later (fixed, or drawn from a distribution), may be lost,
// duplicated or held back so later ones overtake it (the node's own fault model, drawn for each
// message), or cut (partition), and finds its receiver up or not (churn). A message that gets
// no answer times out by the nodes' own rule (peers/timeouts.ts) and is sent again by it
// (sync/retry.ts). Counts every message and byte sent, lost or not.
import type { LatencyDist, LinkFaults } from '../api/faults.js';
import { timedOut } from '../node/peers/deliver.js';
import { messageFate } from '../node/peers/fault-model.js';
import type { Scheduler } from './scheduler.js';

export interface NetworkOptions {
  /** One-way latency of every message, unless `latency` draws it. */
  latencyMs: number;
  latency?: LatencyDist | undefined;
  bandwidthMbps: number;
  /** Probability that one message (request or answer) is lost, 0..1. */
  loss: number;
  /** Probability that one message is delivered twice, 0..1. */
  duplicate?: number | undefined;
  /** Probability that one message is held back (fault-model.ts REORDER_HOLD_MAX_MS), 0..1. */
  reorder?: number | undefined;
  random: () => number;
}

/** The faults every link has, as the node's fault model takes them; undefined: none. */
function linkFaults(o: NetworkOptions): LinkFaults | undefined {
  const link: LinkFaults = {
    ...(o.latency ? { latency: o.latency } : {}),
    ...(o.loss > 0 ? { loss: o.loss } : {}),
    ...(o.duplicate ? { duplicate: o.duplicate } : {}),
    ...(o.reorder ? { reorder: o.reorder } : {}),
  };
  return Object.keys(link).length > 0 ? link : undefined;
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
  /** Second copies the network delivered (not counted in messages or bytes: no replica sent them). */
  duplicated: number;
}

export class Network {
  readonly traffic: Traffic = { messages: 0, bytes: 0, lost: 0, duplicated: 0 };
  readonly #scheduler: Scheduler;
  readonly #o: NetworkOptions;
  readonly #endpoints: readonly Endpoint[];
  readonly #uplinkFree: Float64Array;
  /** Every link's faults (undefined: none, and no random draw is made for a message). */
  readonly #link: LinkFaults | undefined;
  /** Side of each replica while a partition holds (undefined: no partition). */
  #sides: Uint8Array | undefined;

  constructor(scheduler: Scheduler, endpoints: readonly Endpoint[], options: NetworkOptions) {
    this.#scheduler = scheduler;
    this.#endpoints = endpoints;
    this.#o = options;
    this.#uplinkFree = new Float64Array(endpoints.length);
    this.#link = linkFaults(options);
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

  /**
   * One message on the wire: counted, queued on the sender's uplink, and under its fate
   * (fault-model.ts: each message here, a request or an answer, meets its own) delivered after
   * its latency, twice, or not at all.
   */
  #transmit(from: number, to: number, body: Buffer, deliver: () => void): void {
    const now = this.#scheduler.now;
    this.traffic.messages += 1;
    this.traffic.bytes += body.length;
    const transferMs = (body.length * 8) / (this.#o.bandwidthMbps * 1000);
    const departs = Math.max(now, this.#uplinkFree[from]!);
    this.#uplinkFree[from] = departs + transferMs;
    const fate = this.#link ? messageFate(this.#link, this.#o.random) : undefined;
    if (this.#cut(from, to) || (fate && fate.lost !== 'none')) {
      this.traffic.lost += 1;
      return;
    }
    const latency = this.#o.latency ? 0 : this.#o.latencyMs;
    const arrive = () => {
      // A cut made while the message was on its way stops it too.
      if (this.#cut(from, to)) {
        this.traffic.lost += 1;
        return;
      }
      deliver();
    };
    const at = departs + transferMs + latency + (fate?.delayMs ?? 0);
    this.#scheduler.at(at, arrive);
    if (fate?.duplicate) {
      this.traffic.duplicated += 1;
      this.#scheduler.at(at, arrive);
    }
  }

  #cut(from: number, to: number): boolean {
    return this.#sides !== undefined && this.#sides[from] !== this.#sides[to];
  }
}
