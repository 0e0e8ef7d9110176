// The events of one run and the state they add up to. A page that connects is sent the state as
// one snapshot, then every event as it happens; one that reconnects (Last-Event-ID) is sent what
// it missed, or a snapshot when that is no longer kept. Only recent events are kept, so a
// `cluster --web` left running for days holds the same memory as one started a minute ago; the
// moments the Time slider goes back to are kept bounded too (MAX_MOMENTS).
// The report is rendered from the state at the end.
import { apply, initialState, type LiveState, type WebEvent } from './model.js';
import { remember, type Moment } from './history.js';

/** Events kept for pages that reconnect; older ones live on only in the state. */
export const MAX_KEPT_EVENTS = 500;

export type Listener = (event: WebEvent, id: number) => void;

export class Recorder {
  /** The kept events; the first has id #count - #kept.length + 1. */
  readonly #kept: WebEvent[] = [];
  #count = 0;
  readonly #listeners = new Set<Listener>();
  readonly #clock: () => number;
  readonly state: LiveState = initialState();
  /** The page as it was, moment by moment (the Time slider's steps). */
  readonly history: Moment[] = [];

  /** `clock`: ms since the run began, which times each event that has no time of its own. */
  constructor(clock: () => number = () => 0) {
    this.#clock = clock;
  }

  /** Adds an event; `at` (ms since the run began) when it happened, else now. */
  emit(event: WebEvent, at = this.#clock()): void {
    this.#count += 1;
    this.#kept.push(event);
    if (this.#kept.length > MAX_KEPT_EVENTS)
      this.#kept.splice(0, this.#kept.length - MAX_KEPT_EVENTS);
    apply(this.state, event);
    remember(this.history, this.state, event, at);
    for (const listener of this.#listeners) listener(event, this.#count);
  }

  /**
   * What a page that has seen events up to `id` (0: none) needs to catch up: the events after
   * it while they are kept, else one snapshot of the state and its history.
   */
  since(id: number): { event: WebEvent; id: number }[] {
    if (id >= this.#count) return [];
    const first = this.#count - this.#kept.length + 1;
    if (id > 0 && id + 1 >= first)
      return this.#kept.slice(id + 1 - first).map((event, i) => ({ event, id: id + 1 + i }));
    const snapshot = { state: this.state, history: this.history, at: this.#clock() };
    return [{ event: { type: 'snapshot', ...snapshot }, id: this.#count }];
  }

  subscribe(listener: Listener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}
