// Replication to one peer, with group commit: writes that arrive in the same turn of the event
// loop, or while a message to the peer is in flight, wait and go out together in the next
// message. One write alone goes at the end of its turn (setImmediate: no timer, no added wait
// when idle); under load, one HTTP request carries many writes, so the per-message cost on
// both nodes (HTTP parsing, a write to the socket, a wakeup) is shared by many writes.
import { emptyMessage, encodeMessage } from './wire/message.js';
import type { Entry } from '../replica/entry.js';

/** Messages in flight to one peer at once. */
const MAX_IN_FLIGHT = 2;
/** Entries in one replication message at most. */
const MAX_BATCH_ENTRIES = 5_000;

export type Outcome = { ok: true } | { ok: false; reason: string };

interface Pending {
  entries: readonly Entry[];
  done: (outcome: Outcome) => void;
}

export class PeerReplicator {
  readonly peer: string;
  readonly #send: (body: Buffer) => Promise<unknown>;
  readonly #queue: Pending[] = [];
  #inFlight = 0;
  #scheduled = false;

  constructor(peer: string, send: (body: Buffer) => Promise<unknown>) {
    this.peer = peer;
    this.#send = send;
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
      let size = 0;
      while (
        this.#queue.length > 0 &&
        (batch.length === 0 || size + this.#queue[0]!.entries.length <= MAX_BATCH_ENTRIES)
      ) {
        const next = this.#queue.shift()!;
        batch.push(next);
        size += next.entries.length;
      }
      const message = emptyMessage();
      for (const p of batch) message.entries.push(...p.entries);
      this.#inFlight += 1;
      this.#send(encodeMessage(message))
        .then(
          () => settle(batch, { ok: true }),
          (error: unknown) => settle(batch, { ok: false, reason: (error as Error).message }),
        )
        .finally(() => {
          this.#inFlight -= 1;
          this.#schedule();
        });
    }
  }
}

function settle(batch: Pending[], outcome: Outcome): void {
  for (const p of batch) p.done(outcome);
}
