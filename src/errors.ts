// Typed errors with stable codes. Only src/cli/main.ts turns them into exit codes.

/** Exit codes of the CLI contract (../shared/spec/cli.md). */
export const EXIT = {
  ok: 0,
  verificationFailed: 1,
  usage: 2,
  unreachable: 3,
  interrupted: 130,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** An error a person can act on: one sentence, a stable code and the exit code it maps to. */
export class AeError extends Error {
  readonly code: string;
  readonly exitCode: ExitCode;

  constructor(
    code: string,
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

/** The replicas still differ after the scenario's repair. */
export class VerificationError extends AeError {
  constructor(message: string) {
    super('not_converged', message, EXIT.verificationFailed);
    this.name = 'VerificationError';
  }
}

/** Ctrl-C (SIGINT) or SIGTERM while a command ran. */
export class InterruptedError extends AeError {
  constructor(signal: string) {
    super(
      'interrupted',
      `Interrupted by ${signal}; every node this command started has been stopped.`,
      EXIT.interrupted,
    );
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
