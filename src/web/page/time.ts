// The live page's Time slider: it keeps the page's moments (the server's, sent with the snapshot,
// then one more after each event that changes what the page shows) and which one the audience
// chose. At its right end ("live") the page follows the run; anywhere left of it, the cards,
// grids, story and diagram show the cluster as it was then, while events go on arriving.
import { momentIndex, momentText, remember, stateAt, type Moment } from '../history.js';
import type { LiveState, WebEvent } from '../model.js';

export const LIVE_TEXT = 'live';

export class TimeSlider {
  #history: Moment[] = [];
  /** Run time = performance.now() + #offset; set by the snapshot (the server's clock). */
  #offset = -performance.now();
  #synced = false;
  /** The chosen moment (found again by its time once thinning dropped it), or null: live. */
  #pinned: Moment | null = null;

  /** Keeps the moment `event` made (after it was applied to `state`). */
  note(state: LiveState, event: WebEvent): void {
    const now = performance.now();
    if (event.type === 'snapshot') {
      this.#history = event.history ?? [];
      if (event.at !== undefined) this.#offset = event.at - now;
      this.#synced = event.at !== undefined;
      return;
    }
    // No snapshot came first (the page was open before the run began): the run begins now.
    if (event.type === 'start' && !this.#synced) this.#offset = -now;
    remember(this.#history, state, event, now + this.#offset);
  }

  /** The slider moved to `value` (its right end: live). */
  choose(value: number): void {
    const moment = this.#history[value];
    this.#pinned = value >= this.#history.length || !moment ? null : moment;
  }

  /** The state to draw and the time to cut the messages at (Infinity: live). */
  shown(state: LiveState): { state: LiveState; until: number } {
    const moment = this.#moment();
    return moment
      ? { state: stateAt(state, moment), until: moment.at }
      : { state, until: Infinity };
  }

  get pinned(): boolean {
    return this.#pinned !== null;
  }

  /** Sets the slider's range, position and words (the input itself keeps the keyboard focus). */
  draw(state: LiveState): void {
    const input = document.getElementById('time') as HTMLInputElement | null;
    const output = document.getElementById('time-text');
    if (!input || !output) return;
    const moment = this.#moment();
    const max = this.#history.length;
    const value = moment ? this.#history.indexOf(moment) : max;
    const text = moment ? momentText(moment, state.mode) : LIVE_TEXT;
    input.max = String(max);
    if (input.value !== String(value)) input.value = String(value);
    input.setAttribute('aria-valuetext', text);
    output.textContent = moment ? `${text} · the right end is live` : text;
    document.body.dataset.time = moment ? 'past' : 'live';
    // The step drawn (tests wait on it, as on data-seq).
    document.body.dataset.moment = String(value);
  }

  #moment(): Moment | undefined {
    // By identity: two moments may share a time (events that came in one burst).
    if (this.#pinned === null || this.#history.includes(this.#pinned))
      return this.#pinned ?? undefined;
    return this.#history[momentIndex(this.#history, this.#pinned.at)];
  }
}
