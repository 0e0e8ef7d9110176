// Where a node's message records go: to whoever listens (the parent over IPC, clients of
// GET /messages). With no listener the senders see `listening` false and build nothing, so a
// node nobody watches pays one property read per message.
import type { MessageRecord } from '../../api/messages.js';

export type MessageListener = (record: MessageRecord) => void;

export class MessageTap {
  readonly #listeners = new Set<MessageListener>();
  readonly #closers = new Set<() => void>();

  get listening(): boolean {
    return this.#listeners.size > 0;
  }

  /** Listens until the returned function is called, or until close() (then `closed` is called). */
  subscribe(listener: MessageListener, closed?: () => void): () => void {
    this.#listeners.add(listener);
    if (closed) this.#closers.add(closed);
    return () => {
      this.#listeners.delete(listener);
      if (closed) this.#closers.delete(closed);
    };
  }

  emit(record: MessageRecord): void {
    for (const listener of this.#listeners) listener(record);
  }

  /** Ms since the Unix epoch, with the fraction the monotonic clock gives. */
  now(): number {
    return performance.timeOrigin + performance.now();
  }

  /** The node stops: every listener is told and dropped. */
  close(): void {
    const closers = [...this.#closers];
    this.#listeners.clear();
    this.#closers.clear();
    for (const closed of closers) closed();
  }
}
