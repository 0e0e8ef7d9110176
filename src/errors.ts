// Typed errors with stable codes. Only src/cli/exit.ts (for the CLI and the lean node entry) turns
// them into exit codes.
import type { NodeErrorCode } from './api/errors.js';

/** Exit codes of the CLI contract (docs/cli.md). */
export const EXIT = {
  ok: 0,
  verificationFailed: 1,
  usage: 2,
  unreachable: 3,
  interrupted: 130,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** Every code an AeError carries: stable, so scripts (and --json) can act on them. */
export type ErrorCode =
  | 'usage'
  | 'port_in_use'
  | 'node_unreachable'
  | 'node_start_failed'
  | 'node_command_failed'
  | 'node_error'
  | 'storage_unavailable'
  | 'not_converged'
  | 'deadline_passed'
  | 'replication_failed'
  | 'outline_drift'
  | 'interrupted'
  | 'trees_differ'
  | 'targets_missed';

/** An error a person can act on: one sentence, a stable code and the exit code it maps to. */
export class AeError extends Error {
  readonly code: ErrorCode;
  readonly exitCode: ExitCode;

  constructor(
    code: ErrorCode,
    message: string,
    exitCode: ExitCode = EXIT.verificationFailed,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'AeError';
    this.code = code;
    this.exitCode = exitCode;
  }
}

/** A bad flag, argument or option value. */
export class UsageError extends AeError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('usage', message, EXIT.usage, options);
    this.name = 'UsageError';
  }
}

/** A node that could not start (port in use) or could not be reached. */
export class NodeUnreachableError extends AeError {
  constructor(
    code: 'port_in_use' | 'node_unreachable' | 'node_start_failed',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(code, message, EXIT.unreachable, options);
    this.name = 'NodeUnreachableError';
  }
}

/**
 * A node that did not answer at all (refused, timed out, reset): `reason` says which. `hint`,
 * from the command that asked, says what to do with that command's own flags.
 */
export class NoAnswerError extends NodeUnreachableError {
  readonly address: string;
  readonly reason: string;

  constructor(address: string, reason: string, options?: { cause?: unknown; hint?: string }) {
    super(
      'node_unreachable',
      `Node ${address} did not answer (${reason}); is it running?${options?.hint ? ` ${options.hint}` : ''}`,
      options,
    );
    this.name = 'NoAnswerError';
    this.address = address;
    this.reason = reason;
  }
}

/** A kill or restart command given for nodes that run elsewhere failed, or its node did not follow. */
export class NodeCommandError extends AeError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('node_command_failed', message, EXIT.unreachable, options);
    this.name = 'NodeCommandError';
  }
}

/** A node that answered, with an error: its status and its own code (the HTTP API's). */
export class NodeAnswerError extends AeError {
  readonly address: string;
  readonly status: number;
  /** The node's code, such as not_found or unauthorized; null when its body had none. */
  readonly nodeCode: NodeErrorCode | null;

  constructor(address: string, status: number, nodeCode: NodeErrorCode | null, message: string) {
    super(
      'node_error',
      `Node ${address} answered ${status} ${nodeCode ?? ''}: ${message}`.trim(),
      EXIT.unreachable,
    );
    this.name = 'NodeAnswerError';
    this.address = address;
    this.status = status;
    this.nodeCode = nodeCode;
  }
}

/** A replicated write that some peer did not acknowledge, where the story needs every one. */
export class ReplicationError extends AeError {
  constructor(peers: readonly string[]) {
    super(
      'replication_failed',
      `Background keys did not reach ${peers.join(', ')}; check that every node is running and try again.`,
      EXIT.verificationFailed,
    );
    this.name = 'ReplicationError';
  }
}

/** A scenario played a part its outline does not name next: a bug in the scenario. */
export class OutlineError extends AeError {
  constructor(played: string, expected: string | undefined) {
    const next = expected ? `"${expected}"` : 'nothing more';
    super(
      'outline_drift',
      `The scenario played "${played}" where its parts say ${next}; ` +
        'declare each part once in its parts list.',
      EXIT.verificationFailed,
    );
    this.name = 'OutlineError';
  }
}

/** A condition a scenario waits for did not hold in time. */
export class DeadlineError extends AeError {
  constructor(message: string) {
    super('deadline_passed', message, EXIT.verificationFailed);
    this.name = 'DeadlineError';
  }
}

/** The replicas still differ after the scenario's repair. */
export class VerificationError extends AeError {
  constructor(message: string) {
    super('not_converged', message, EXIT.verificationFailed);
    this.name = 'VerificationError';
  }
}

/** Ctrl-C (SIGINT) or SIGTERM while a command ran. */
export class InterruptedError extends AeError {
  /** `after`: what the stop left behind, said after the signal (nodes that run elsewhere run on). */
  constructor(signal: string, after = 'every node this command started has been stopped') {
    super('interrupted', `Interrupted by ${signal}; ${after}.`, EXIT.interrupted);
    this.name = 'InterruptedError';
  }
}

/** `diff` found different roots: exit 1, as diff(1) does; an answer, not a failure. */
export class TreesDifferError extends AeError {
  constructor(pairs: number) {
    super(
      'trees_differ',
      `The nodes' Merkle roots differ (${pairs} pair${pairs === 1 ? '' : 's'}); ae-demo trigger repairs them.`,
      EXIT.verificationFailed,
    );
    this.name = 'TreesDifferError';
  }
}

/** `bench --check` measured, and some target was missed: exit 1, the report printed first. */
export class TargetsMissedError extends AeError {
  constructor(missed: readonly string[], of: number) {
    super(
      'targets_missed',
      `${missed.length} of ${of} targets missed: ${missed.join('; ')}.`,
      EXIT.verificationFailed,
    );
    this.name = 'TargetsMissedError';
  }
}
