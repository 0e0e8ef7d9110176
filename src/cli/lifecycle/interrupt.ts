// Ctrl-C and SIGTERM while a command owns nodes: stop every node, then exit 130. Registered for
// the lifetime of a command and removed after, so nothing else in the process is affected.
import { EXIT, InterruptedError } from '../../errors.js';

export type Cleanup = () => Promise<void>;

/** How the closing line names a signal: Ctrl-C for SIGINT, the signal's own name otherwise. */
export function signalName(signal: NodeJS.Signals): string {
  return signal === 'SIGINT' ? 'Ctrl-C' : signal;
}

/**
 * The one closing line of a command ended by a signal, the same whether a command waited for
 * Ctrl-C itself (its InterruptedError, printed by main) or was cut off mid-way (onInterrupt).
 */
export function closingLine(signal: NodeJS.Signals): string {
  return interrupted(signalName(signal)).message;
}

/** The error a command ends with at a signal (or Ctrl-C typed to a prompt), named as the user knows it. */
export function interrupted(name: string): InterruptedError {
  return new InterruptedError(name, closingAfter);
}

/** What the closing line says the stop left behind; unset: the nodes this command started stopped. */
let closingAfter: string | undefined;

/** A command on nodes that run elsewhere stops none of them: its closing line says what it did. */
export function closeOnNodesElsewhere(): void {
  closingAfter = 'the nodes elsewhere run on, every cut healed';
}

/** stderr as it writes before endStory() swallows every other write: for the closing line. */
const writeStderr = process.stderr.write.bind(process.stderr);
let ended = false;

/** Writes to the terminal even after endStory(): the closing line, and nothing else. */
export function sayClosing(text: string): void {
  writeStderr(text);
}

/**
 * From a signal on, the command's story is over: whatever it was printing (a phase that
 * finishes, a part played against nodes that are stopping, a node's own "stopping" line
 * relayed by cluster, a summary) is swallowed, so the closing line is the only line after
 * Ctrl-C. Writes still "succeed" (their callbacks run), so nothing waits on them.
 */
export function endStory(): void {
  if (ended) return;
  ended = true;
  const swallow = (_chunk: unknown, encodingOrDone?: unknown, done?: unknown): boolean => {
    const callback = typeof encodingOrDone === 'function' ? encodingOrDone : done;
    if (typeof callback === 'function') queueMicrotask(() => (callback as () => void)());
    return true;
  };
  process.stdout.write = swallow as typeof process.stdout.write;
  process.stderr.write = swallow as typeof process.stderr.write;
}

/** How many handlers of the running command wait for a signal; the fallback acts only at 0. */
let claims = 0;

/** A command handles signals from now until the returned release (idempotent) is called. */
function claimSignals(): () => void {
  claims += 1;
  let released = false;
  return () => {
    if (released) return;
    released = true;
    claims -= 1;
  };
}

/**
 * For the commands that start nothing (inspect, put, diff, trigger, scenarios…): Ctrl-C or
 * SIGTERM while no handler of the command waits for it prints the same closing line and exits
 * 130, rather than the process dying silently by the signal. Installed once per process.
 */
export function guardEveryCommand(): void {
  const fallback = (signal: NodeJS.Signals) => {
    if (claims > 0) return;
    endStory();
    sayClosing(`\n${closingLine(signal)}\n`);
    process.exit(EXIT.interrupted);
  };
  process.on('SIGINT', fallback);
  process.on('SIGTERM', fallback);
}

/**
 * Ctrl-C or SIGTERM: clear what is on screen (`clear`: a spinner), end the story, clean up,
 * print the closing line, exit 130; returns the unregistering.
 */
export function onInterrupt(cleanup: Cleanup, clear: () => void): () => void {
  const release = claimSignals();
  let handled = false;
  const handler = (signal: NodeJS.Signals) => {
    if (handled) return;
    handled = true;
    clear();
    endStory();
    void cleanup()
      .catch(() => undefined)
      .finally(() => {
        sayClosing(`\n${closingLine(signal)}\n`);
        process.exit(EXIT.interrupted);
      });
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  process.on('SIGHUP', handler);
  return () => {
    process.off('SIGINT', handler);
    process.off('SIGTERM', handler);
    process.off('SIGHUP', handler);
    release();
  };
}

/**
 * Resolves at Ctrl-C (or SIGTERM) with the signal's name, or with undefined when `until`
 * settles first; either way the signal listeners are removed, so a later Ctrl-C is handled by
 * whoever asks next.
 */
export function untilInterrupted(until?: Promise<unknown>): Promise<NodeJS.Signals | undefined> {
  return new Promise((resolve) => {
    const release = claimSignals();
    const done = (signal?: NodeJS.Signals) => {
      if (signal) endStory();
      process.off('SIGINT', done);
      process.off('SIGTERM', done);
      // Released after this signal's listeners have all run: the fallback, called first, saw
      // the claim and left this signal to us.
      setImmediate(release);
      resolve(signal);
    };
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
    until?.then(
      () => done(),
      () => done(),
    );
  });
}

/** Waits like untilInterrupted, then throws InterruptedError if a signal ended the wait (exit 130). */
export async function waitOrInterrupt(until?: Promise<unknown>): Promise<void> {
  const signal = await untilInterrupted(until);
  if (signal) throw interrupted(signalName(signal));
}

/**
 * How long a failing command waits before it reports its error, so that a Ctrl-C that caused
 * the failure is handled first: a terminal's Ctrl-C reaches every child the command started in
 * its own process group (bench's load generator and bare server; nodes have a group of their
 * own), and a child that exits at once can fail the command a moment before the command's own
 * SIGINT handler runs, which then exited 3 instead of 130 (seen once under load, in bench).
 */
export const SIGNAL_GRACE_MS = 100;

/** Lets a signal delivered with the failure reach its handler before the error is reported. */
export function signalGrace(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, SIGNAL_GRACE_MS));
}
