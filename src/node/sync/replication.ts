// Replication to one peer, with group commit: writes that arrive in the same turn of the event
// loop, or while a message to the peer is in flight, wait and go out together in the next
// message. One write alone goes at the end of its turn (setImmediate: no timer, no added wait
// when idle); under load, one HTTP request carries many writes, so the per-message cost on
// both nodes (HTTP parsing, a write to the socket, a wakeup) is shared by many writes.
import { refusedForGood } from '../errors.js';
import { emptyMessage, encodeMessage } from './wire/message.js';
import type { Entry } from '../replica/entry.js';

/**
 * Messages in flight to one peer at once. Two: while one is answered the next is on its way,
 * and writes that arrive meanwhile still join a batch (~12 writes a message under the
 * benchmark's 32 connections). One (stop-and-wait) halved the replicated throughput at load
 * 3-5 (src/bench/throughput.ts, main against one in flight in alternating runs: 6,008 / 7,410 /
 * 4,651 / 7,463 against 2,850 / 3,395 / 3,290 / 2,452 req/s, p99 15-24 ms against 29-72):
 * the written node waits a whole round trip with nothing to send, and batches grew only to ~13.
 */
const MAX_IN_FLIGHT = 2;
/** Entries in one replication message at most. */
const MAX_BATCH_ENTRIES = 5_000;

/** A peer's ack, or why it did not ack; `refused`: it never will (see refusedForGood). */
export type Outcome = { ok: true } | { ok: false; reason: string; refused: boolean };

/** Encodes the message carrying these writes' entries (each part: one write's entries). */
export type BatchEncoder = (parts: readonly (readonly Entry[])[]) => Buffer;

interface Pending {
  entries: readonly Entry[];
  done: (outcome: Outcome) => void;
}

/**
 * An encoder that every peer's replicator shares: when the peers' batches hold the same writes
 * (their answers came back in the same turn, the usual case under load), the message is
 * encoded once and the same bytes go to each peer. Writes are told apart by identity: the
 * service hands every replicator the same array for one write.
 */
export function sharedEncoder(): BatchEncoder {
  let last: { parts: readonly (readonly Entry[])[]; body: Buffer } | undefined;
  return (parts) => {
    if (last !== undefined && sameParts(last.parts, parts)) return last.body;
    last = { parts, body: encodeParts(parts) };
    return last.body;
  };
}

/** The message of one batch, encoded for this batch alone. */
export function encodeParts(parts: readonly (readonly Entry[])[]): Buffer {
  const message = emptyMessage();
  for (const part of parts) for (const e of part) message.entries.push(e);
  return encodeMessage(message);
}

export class PeerReplicator {
  readonly peer: string;
  readonly #send: (body: Buffer) => Promise<unknown>;
  readonly #encode: BatchEncoder;
  readonly #queue: Pending[] = [];
  #inFlight = 0;
  #scheduled = false;

  constructor(
    peer: string,
    send: (body: Buffer) => Promise<unknown>,
    encode: BatchEncoder = encodeParts,
  ) {
    this.peer = peer;
    this.#send = send;
    this.#encode = encode;
  }

  /** Resolves when the peer has acknowledged these entries, or with why it did not. */
  replicate(entries: readonly Entry[]): Promise<Outcome> {
    return new Promise((done) => {
      this.#queue.push({ entries, done });
      this.#schedule();
    });
  }

  /** Sends what is queued once this turn's other writes have joined it (and a slot is free). */
  #schedule(): void {
    if (this.#scheduled || this.#inFlight >= MAX_IN_FLIGHT || this.#queue.length === 0) return;
    this.#scheduled = true;
    setImmediate(() => {
      this.#scheduled = false;
      this.#pump();
    });
  }

  #pump(): void {
    while (this.#inFlight < MAX_IN_FLIGHT && this.#queue.length > 0) {
      const batch: Pending[] = [];
      const parts: (readonly Entry[])[] = [];
      let size = 0;
      while (
        this.#queue.length > 0 &&
        (batch.length === 0 || size + this.#queue[0]!.entries.length <= MAX_BATCH_ENTRIES)
      ) {
        const next = this.#queue.shift()!;
        batch.push(next);
        parts.push(next.entries);
        size += next.entries.length;
      }
      this.#inFlight += 1;
      this.#send(this.#encode(parts))
        .then(
          () => settle(batch, { ok: true }),
          (error: unknown) =>
            settle(batch, {
              ok: false,
              reason: (error as Error).message,
              refused: refusedForGood(error),
            }),
        )
        .finally(() => {
          this.#inFlight -= 1;
          this.#schedule();
        });
    }
  }
}

function sameParts(a: readonly (readonly Entry[])[], b: readonly (readonly Entry[])[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function settle(batch: Pending[], outcome: Outcome): void {
  for (const p of batch) p.done(outcome);
}
