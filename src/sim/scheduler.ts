// A discrete-event scheduler in virtual time: events wait in a heap ordered by (time, order of
// scheduling), and run() pops them one by one, letting the promises each event settles run
// before the next (the exchange is async code). Nothing sleeps: a simulated minute takes as
// long as its events take to compute, and the same events always run in the same order.
import { setImmediate as yieldToPromises } from 'node:timers/promises';
import type { RoundTimer } from '../node/sync/scheduler.js';

interface Event {
  time: number;
  seq: number;
  run: () => void;
}

/** Why run() stopped: the queue ran dry, the stop condition held, or the time limit came. */
export type StopReason = 'idle' | 'stopped' | 'limit';

export class Scheduler {
  #now = 0;
  #seq = 0;
  readonly #heap: Event[] = [];

  /** Virtual milliseconds since the start; never goes backwards. */
  get now(): number {
    return this.#now;
  }

  get pending(): number {
    return this.#heap.length;
  }

  /** Runs `fn` at virtual time `time` (a time in the past means now). */
  at(time: number, fn: () => void): void {
    const event = { time: Math.max(time, this.#now), seq: this.#seq++, run: fn };
    const heap = this.#heap;
    heap.push(event);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(event, heap[parent]!)) break;
      heap[i] = heap[parent]!;
      i = parent;
    }
    heap[i] = event;
  }

  /** Runs `fn` after `delay` virtual milliseconds. */
  after(delay: number, fn: () => void): void {
    this.at(this.#now + Math.max(0, delay), fn);
  }

  /** A promise that resolves `delay` virtual milliseconds from now. */
  sleep(delay: number): Promise<void> {
    return new Promise((resolve) => this.after(delay, resolve));
  }

  /**
   * Runs events in time order until none is left, `stop()` holds (checked after each event and
   * the promises it settled), or the next event lies beyond `limit`.
   */
  async run(limit: number, stop: () => boolean = () => false): Promise<StopReason> {
    for (;;) {
      const next = this.#heap[0];
      if (!next) return 'idle';
      if (next.time > limit) return 'limit';
      this.#pop();
      this.#now = next.time;
      next.run();
      // Every promise continuation the event caused runs before the next event (a macrotask
      // comes after all pending microtasks), so async code sees the time it was woken at.
      await yieldToPromises();
      if (stop()) return 'stopped';
    }
  }

  #pop(): void {
    const heap = this.#heap;
    const last = heap.pop()!;
    if (heap.length === 0) return;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= heap.length) break;
      const right = left + 1;
      const child = right < heap.length && before(heap[right]!, heap[left]!) ? right : left;
      if (!before(heap[child]!, last)) break;
      heap[i] = heap[child]!;
      i = child;
    }
    heap[i] = last;
  }
}

/** The node's timer seam in virtual time: a cleared timer is skipped when its time comes. */
export function virtualTimer(scheduler: Scheduler): RoundTimer {
  return {
    set: (fire, ms) => {
      const handle = { live: true };
      scheduler.after(ms, () => {
        if (handle.live) fire();
      });
      return handle;
    },
    clear: (handle) => {
      if (handle) (handle as { live: boolean }).live = false;
    },
  };
}

function before(a: Event, b: Event): boolean {
  return a.time < b.time || (a.time === b.time && a.seq < b.seq);
}
