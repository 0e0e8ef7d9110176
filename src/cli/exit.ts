// The one rule that turns an error into an exit code, shared by the CLI and the lean node entry.
import { AeError, EXIT } from '../errors.js';

/** A typed error carries its exit code; anything else is a failure we did not foresee. */
export function exitCodeOf(error: unknown): number {
  if (error instanceof AeError) return error.exitCode;
  return EXIT.verificationFailed;
}
