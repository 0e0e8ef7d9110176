// Waiting on a condition with a deadline (never a fixed sleep).
import { DeadlineError } from '../src/errors.js';

/**
 * Polls probe every POLL_MS until it returns true; after deadlineMs, throws a DeadlineError that
 * names `what` it waited for ("node-1 to replay its hints").
 */
export async function until(
  what: string,
  deadlineMs: number,
  probe: () => Promise<boolean>,
): Promise<number> {
  const POLL_MS = 50;
  const started = performance.now();
  while (performance.now() - started < deadlineMs) {
    if (await probe()) return performance.now() - started;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  throw new DeadlineError(
    `Gave up waiting for ${what} after ${deadlineMs} ms; run again, or with --verbose to see where.`,
  );
}
