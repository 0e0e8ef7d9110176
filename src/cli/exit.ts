// The one rule that turns an error into an exit code, shared by the CLI and the lean node entry:
// the CLI's own errors carry theirs, and the node's codes are mapped here.
import type { NodeStartErrorCode } from '../api/errors.js';
import { AeError, EXIT, type ExitCode } from '../errors.js';
import { NodeStartError } from '../node/errors.js';

/** A node that cannot start is, to the user, a node that cannot be reached (exit 3). */
const NODE_START_EXIT: Record<NodeStartErrorCode, ExitCode> = {
  port_in_use: EXIT.unreachable,
  node_start_failed: EXIT.unreachable,
  storage_unavailable: EXIT.unreachable,
};

/** A typed error has its exit code; anything else is a failure we did not foresee. */
export function exitCodeOf(error: unknown): number {
  if (error instanceof AeError) return error.exitCode;
  if (error instanceof NodeStartError) return NODE_START_EXIT[error.code];
  return EXIT.verificationFailed;
}
