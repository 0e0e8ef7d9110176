// Every event of one run, in order, and the state they add up to. The live server replays it to
// each page that connects (and from Last-Event-ID to one that reconnects); the report is
// rendered from its state at the end.
import { apply, initialState, type LiveState, type WebEvent } from './model.js';

export type Listener = (event: WebEvent, id: number) => void;

export class Recorder {
  readonly #events: WebEvent[] = [];
  readonly #listeners = new Set<Listener>();
  readonly state: LiveState = initialState();

  emit(event: WebEvent): void {
    this.#events.push(event);
    apply(this.state, event);
    for (const listener of this.#listeners) listener(event, this.#events.length);
  }

  /** Events after the given id (ids start at 1), with their ids. */
  since(id: number): { event: WebEvent; id: number }[] {
    return this.#events.slice(Math.max(0, id)).map((event, i) => ({ event, id: Math.max(0, id) + i + 1 }));
  }

  subscribe(listener: Listener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}
