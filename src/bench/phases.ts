// What each phase of the benchmark measures, how long it usually takes on a 2-core machine,
// and how much is left of it (pure: the progress line on stderr reads these).
import { MID_SIZE } from './sizes.js';
import type { Phase } from './result.js';
import type { PhaseStep } from './step.js';
import { NODE_TARGETS, ROUNDS, WARMUP_S } from './throughput.js';

export const PHASE_TITLES: Record<Phase, string> = {
  exchange: 'exchange: one trigger between two keyed nodes, each strategy, size and divergence',
  throughput: 'throughput: PUT against bare node:http',
  tree: 'tree: cost per write at 1k, 100k and 1M keys, public and keyed, with and without the sketch',
  memory: 'memory: RSS per key at 1M keys, with and without the sketch',
  startup: 'startup: a node ready from 100k and 1M keys on disk, and against node -e 0',
  simulate: 'simulate: 1,000 replicas, then rounds against N',
  conflicts: 'conflicts: last write wins beside siblings, bytes and writes a second',
  repair: 'repair: 10,000 missed writes, by hints and by one Merkle round',
};

/**
 * Usual lengths on a 2-core machine: the first guess of the time left, until a phase's own
 * progress gives a better one. Exchange: loading the keys over HTTP and the four points cost
 * ~0.1 ms a key per strategy (all three at 10k and 100k keys: 31 s under load), a cluster
 * start ~1.5 s.
 * Throughput: each run is its load and warm-up, plus ~1.5 s for a fresh cluster (node runs) or
 * autocannon's start. The other four as timed one by one under a load average of ~11 (other
 * work on the machine): tree 2 min, memory 75 s, start-up 48 s, simulate 79 s; a quiet machine
 * is quicker, hence a little less here.
 */
const EXCHANGE_MS_PER_KEY = 0.1;
/**
 * The rateless strategy's seeded exchanges in one process (20 seeds at 0.1%, 1% and 10%), per
 * key of each size from 100k: ~0.1 ms (100k: ~10 s; 1M: ~2 min under a load of ~7).
 */
const SEEDED_MS_PER_KEY = 0.12;
const CLUSTER_START_MS = 1_500;
const TREE_MS = 90_000;
const MEMORY_MS = 60_000;
const STARTUP_MS = 50_000;
const SIMULATE_MS = 70_000;
/** Both modes in one process: 10k keys loaded twice each, 50k timed writes each (~6 s). */
const CONFLICTS_MS = 8_000;
/** Two fresh pairs of nodes, 20,000 writes each and a repair: ~8.5 s measured here. */
const REPAIR_MS = 10_000;

export interface PhasePlanOptions {
  sizes: readonly number[];
  strategies: number;
  durationS: number;
}

/** The usual length of a phase with these options. */
export function expectedMs(phase: Phase, o: PhasePlanOptions): number {
  switch (phase) {
    case 'exchange':
      return (
        o.strategies *
          o.sizes.reduce((ms, n) => ms + n * EXCHANGE_MS_PER_KEY + CLUSTER_START_MS, 0) +
        o.sizes.filter((n) => n >= MID_SIZE).reduce((ms, n) => ms + n * SEEDED_MS_PER_KEY, 0)
      );
    case 'throughput':
      return throughputRuns() * ((o.durationS + WARMUP_S) * 1000 + CLUSTER_START_MS);
    case 'tree':
      return TREE_MS;
    case 'memory':
      return MEMORY_MS;
    case 'startup':
      return STARTUP_MS;
    case 'simulate':
      return SIMULATE_MS;
    case 'conflicts':
      return CONFLICTS_MS;
    case 'repair':
      return REPAIR_MS;
  }
}

/** Bare runs around every round, and a run of each node target per round. */
export function throughputRuns(): number {
  return ROUNDS + 1 + NODE_TARGETS.length * ROUNDS;
}

/**
 * The time left of a phase: from its own progress once it has some (the time so far, scaled to
 * what remains), before that its usual length less the time so far; never below zero.
 */
export function timeLeftMs(expected: number, elapsed: number, fraction: number): number {
  if (fraction >= 1) return 0;
  if (fraction > 0) return (elapsed * (1 - fraction)) / fraction;
  return Math.max(0, expected - elapsed);
}

/** "about 3 min", "about 40 s", "a few seconds": a time left as a person says it. */
export function aboutTime(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 5) return 'a few seconds';
  if (s < 90) return `about ${Math.round(s / 5) * 5} s`;
  return `about ${Math.round(s / 60)} min`;
}

/** A step that reports its 0..1 as from..to of the whole phase (a phase of several parts). */
export function partOf(step: PhaseStep, from: number, to: number): PhaseStep {
  return { log: (line) => step.log(line), done: (f) => step.done(from + f * (to - from)) };
}
