// What a phase of the benchmark may say while it runs: the runner hands one to each phase, and
// the progress on stderr shows it. Apart from result.ts, which imports the phases' row types.

/** What a phase may say while it runs. */
export interface PhaseStep {
  /** A line worth keeping (a measured point). */
  log(line: string): void;
  /** How far the phase is, from 0 to 1. */
  done(fraction: number): void;
}
