// One teardown stack for the commands that start or run things (run, chaos, cluster, bench,
// simulate): whatever way a command ends (it returns, it throws, Ctrl-C or SIGTERM), one list
// stops what was started, the last thing started first, once; and Ctrl-C ends every one of them
// the same way: the story stops at once, then the closing line once everything is stopped, exit 130.
import { onInterrupt, signalGrace } from './interrupt.js';
import { haltSpinner } from '../render/spinner.js';
import { startedThroughNpm, watchParent } from './parent.js';

type Stop = () => Promise<void> | void;

/** What a command started, as a stack of ways to stop it. */
export class Teardown {
  readonly #stops: Stop[] = [];
  #unwound: Promise<void> | undefined;
  #release: () => void = () => undefined;
  #interrupted = false;

  /** A signal started the unwinding: nothing may wait for the user any more. */
  get interrupted(): boolean {
    return this.#interrupted;
  }

  /** Remembers how to stop something just started; the last one remembered stops first. */
  defer(stop: Stop): void {
    this.#stops.push(stop);
  }

  /**
   * Stops everything, last first, once (a second call waits for the first). Every stop runs
   * even when one fails; the first failure is thrown after the last stop.
   */
  unwind(): Promise<void> {
    this.#unwound ??= this.#unwindAll();
    return this.#unwound;
  }

  /**
   * From here on a signal no longer unwinds and exits: the command waits for Ctrl-C itself
   * (cluster, run --keep) and ends through its own error, so the stack still unwinds once.
   */
  handOverSignals(): void {
    this.#release();
  }

  /** Ctrl-C or SIGTERM: clear the spinner, unwind, exit 130 (until handOverSignals). */
  guardSignals(): void {
    this.#release = onInterrupt(() => {
      this.#interrupted = true;
      return this.unwind();
    }, haltSpinner);
  }

  async #unwindAll(): Promise<void> {
    let failure: { error: unknown } | undefined;
    for (let stop = this.#stops.pop(); stop; stop = this.#stops.pop()) {
      try {
        await stop();
      } catch (error) {
        failure ??= { error };
      }
    }
    if (failure) throw failure.error;
  }
}

/**
 * Runs a command's body with a fresh teardown stack that unwinds however the body ends. Started
 * through npm, a parent that goes away ends the command as SIGTERM would: whoever waits for signals then (the
 * guard, or the command's own wait at Ctrl-C) stops what it started.
 */
export async function withTeardown<T>(body: (teardown: Teardown) => Promise<T>): Promise<T> {
  const teardown = new Teardown();
  teardown.guardSignals();
  const unwatch = startedThroughNpm()
    ? watchParent(() => process.kill(process.pid, 'SIGTERM'))
    : () => {};
  try {
    return await unwindAfter(teardown, body);
  } finally {
    unwatch();
  }
}

/** The body, then the stack unwound; the body's error wins over a stop's. */
async function unwindAfter<T>(teardown: Teardown, body: (t: Teardown) => Promise<T>): Promise<T> {
  let result: T;
  try {
    result = await body(teardown);
  } catch (error) {
    // The body's error is the one to report; a stop that also fails must not hide it. A Ctrl-C
    // that made the body fail (a child in its process group got it too) still wins: exit 130.
    await signalGrace();
    teardown.handOverSignals();
    await teardown.unwind().catch(() => undefined);
    throw error;
  }
  teardown.handOverSignals();
  await teardown.unwind();
  return result;
}
