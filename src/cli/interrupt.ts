// Ctrl-C and SIGTERM while a command owns nodes: stop every node, then exit 130. Registered for
// the lifetime of a command and removed after, so nothing else in the process is affected.
import { EXIT } from '../errors.js';

export type Cleanup = () => Promise<void>;

export function onInterrupt(cleanup: Cleanup, say: (signal: string) => void): () => void {
  let handled = false;
  const handler = (signal: NodeJS.Signals) => {
    if (handled) return;
    handled = true;
    say(signal);
    void cleanup().finally(() => process.exit(EXIT.interrupted));
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  process.on('SIGHUP', handler);
  return () => {
    process.off('SIGINT', handler);
    process.off('SIGTERM', handler);
    process.off('SIGHUP', handler);
  };
}

/**
 * Resolves at Ctrl-C (or SIGTERM), or sooner when `until` settles; either way the signal
 * listeners are removed, so a later Ctrl-C is handled by whoever asks next.
 */
export function untilInterrupted(until?: Promise<unknown>): Promise<void> {
  return new Promise<void>((resolve) => {
    const done = () => {
      process.off('SIGINT', done);
      process.off('SIGTERM', done);
      resolve();
    };
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
    until?.then(done, done);
  });
}
