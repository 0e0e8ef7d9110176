// The node's own errors: a stable code and one sentence, nothing more. What a code means to a
// user of the CLI (its exit code) is decided in one place, src/cli/exit.ts.
import type { NodeStartErrorCode } from '../api/errors.js';

/** A node that could not start: its port is taken, it cannot bind, or its data dir fails. */
export class NodeStartError extends Error {
  readonly code: NodeStartErrorCode;

  constructor(code: NodeStartErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'NodeStartError';
    this.code = code;
  }
}

/** Answer nothing and close the connection: what a cut network looks like to the sender. */
export class DroppedError extends Error {
  constructor() {
    super('dropped (fault injection)');
    this.name = 'DroppedError';
  }
}

/** Refusals whose sentence says what to change on the nodes: the round report keeps it. */
const SAID_WHY: ReadonlySet<string> = new Set(['conflict_mode_mismatch', 'tree_key_mismatch']);

/**
 * Whether a peer refused because it and this node are set up apart (conflict mode or tree key):
 * it refuses every message until one of them is restarted, so what it refused is not retried.
 */
export function refusedForGood(error: unknown): boolean {
  return error instanceof PeerRefusedError && error.code !== undefined && SAID_WHY.has(error.code);
}

/**
 * A peer that answered an exchange message with an error (HTTP status not 200): it is there,
 * but will not or cannot take part. `code` is its body's error.code, when it gave one.
 */
export class PeerRefusedError extends Error {
  readonly peer: string;
  readonly status: number;
  readonly code: string | undefined;

  /** A mode or tree key mismatch keeps the peer's sentence, so the round report says why. */
  constructor(peer: string, status: number, code: string | undefined, sentence?: string) {
    const why = code !== undefined && SAID_WHY.has(code) && sentence ? `: ${sentence}` : '';
    super(`answered HTTP ${status}${code ? ` ${code}` : ''}${why}`);
    this.name = 'PeerRefusedError';
    this.peer = peer;
    this.status = status;
    this.code = code;
  }
}
