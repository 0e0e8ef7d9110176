// Waiting on a condition with a deadline (never a fixed sleep).
import { DeadlineError } from '../src/errors.js';

/** Polls probe every POLL_MS until it returns true; throws after deadlineMs. */
export async function until(deadlineMs: number, probe: () => Promise<boolean>): Promise<number> {
  const POLL_MS = 50;
  const started = performance.now();
  while (performance.now() - started < deadlineMs) {
    if (await probe()) return performance.now() - started;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  throw new DeadlineError(
    `The condition did not hold within ${deadlineMs} ms; run again, or with --verbose to see where.`,
  );
}
