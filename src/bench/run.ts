// `ae-demo bench` (and `npm run bench`): what anti-entropy costs at scale, beside the full-data
// exchange, plus PUT throughput, the tree's per-write cost, memory per key, start-up and the
// simulator at 1,000 replicas. Each phase runs only when asked for (`--only`), under a progress
// reporter the CLI gives (the time left on stderr); the targets are checked at the end.
import { cpus } from 'node:os';
import { conflictCosts } from './conflicts.js';
import { repairBench } from './repair.js';
import { httpWriteRates } from './conflicts-http.js';
import { exchangeGrid } from './exchange.js';
import { expectedMs, partOf, PHASE_TITLES } from './phases.js';
import { startupRatios } from './ratios.js';
import { PHASES, type BenchResult, type Phase } from './result.js';
import type { PhaseStep } from './step.js';
import { seededGrid } from './seeded.js';
import { simulationBench } from './simulate.js';
import { DEFAULT_SIZES, DIVERGENCES, LARGE_SIZE, MID_SIZE, TREE_SIZES } from './sizes.js';
import { startupTime } from './startup.js';
import { checkTargets } from './targets.js';
import { CONNECTIONS, ROUNDS, throughput } from './throughput.js';
import { BENCH_CLUSTER_KEY, memoryPerKey, treeCost } from './tree.js';
import { upkeepCost, upkeepMemory } from './upkeep.js';
import { STRATEGIES, type Strategy } from '../api/strategies.js';

/** A phase about to run: which of how many, its title, its usual length and the rest's. */
export interface PhasePlan {
  phase: Phase;
  index: number;
  count: number;
  title: string;
  expectedMs: number;
  /** The usual length of the phases after it. */
  laterMs: number;
}

/** Shows the phases as they run (the CLI: a line with the time left on stderr). */
export interface BenchProgress {
  phase<T>(plan: PhasePlan, work: (step: PhaseStep) => Promise<T>): Promise<T>;
}

export interface BenchOptions {
  /** The phases to run, in any order (they run in PHASES' order). */
  phases: readonly Phase[];
  /** The exchange grid's store sizes (default: DEFAULT_SIZES). */
  sizes?: readonly number[];
  /** Adds N = 1,000,000 to the exchange grid. */
  large: boolean;
  durationS: number;
  /** The strategies the exchange grid runs side by side (default: all three). */
  strategies?: readonly Strategy[];
  progress: BenchProgress;
}

type Measured = Omit<BenchResult, 'settings' | 'targets'>;

/** Runs the phases asked for, in order (`runs` are the phases' work: tests give their own). */
export async function runBench(o: BenchOptions, runs = PHASE_RUNS): Promise<BenchResult> {
  const sizes = [...(o.sizes ?? DEFAULT_SIZES), ...(o.large ? [LARGE_SIZE] : [])];
  const strategies = o.strategies ?? STRATEGIES;
  const planned = { sizes, strategies: strategies.length, durationS: o.durationS };
  const phases = PHASES.filter((p) => o.phases.includes(p));
  const measured: Measured = {};
  for (const [i, phase] of phases.entries()) {
    const laterMs = phases.slice(i + 1).reduce((ms, p) => ms + expectedMs(p, planned), 0);
    const plan = {
      phase,
      index: i + 1,
      count: phases.length,
      title: PHASE_TITLES[phase],
      expectedMs: expectedMs(phase, planned),
      laterMs,
    };
    Object.assign(
      measured,
      await o.progress.phase(plan, (step) => runs[phase](step, { ...o, sizes, strategies })),
    );
  }
  const result: BenchResult = {
    settings: {
      phases: [...phases],
      sizes,
      divergences: DIVERGENCES,
      durationS: o.durationS,
      connections: CONNECTIONS,
      rounds: ROUNDS,
      node: process.version,
      cpus: cpus().length,
    },
    ...measured,
    targets: [],
  };
  result.targets = checkTargets(result);
  return result;
}

/** The tree costs' share of the tree phase (the sketch's upkeep at 1M keys is the rest). */
const TREE_PART = 0.6;

export type PhaseRun = (
  step: PhaseStep,
  o: { sizes: number[]; strategies: readonly Strategy[]; durationS: number },
) => Promise<Measured>;

/** Each phase: what it runs and the part of the result it fills. */
const PHASE_RUNS: Record<Phase, PhaseRun> = {
  exchange: async (step, o) => {
    // Nodes with a cluster key, their trees keyed from it, as every cluster the CLI starts.
    const exchange = await exchangeGrid(
      o.sizes,
      DIVERGENCES,
      step,
      o.strategies,
      BENCH_CLUSTER_KEY,
    );
    // The rateless strategy's spread over seeds, in this process, where its targets are set.
    const sizes = o.sizes.filter((n) => n >= MID_SIZE);
    const seeded = o.strategies.includes('riblt')
      ? await seededGrid(
          sizes,
          DIVERGENCES.filter((d) => d > 0),
          (line) => step.log(line),
          [MID_SIZE],
        )
      : undefined;
    return { exchange, ...(seeded ? { seeded } : {}) };
  },
  throughput: async (step, o) => ({ throughput: await throughput(o.durationS, step) }),
  tree: async (step) => {
    // Building the trees and stores up to 1M keys is most of it; the upkeep at 1M the rest.
    const rows = await treeCost(TREE_SIZES, partOf(step, 0, TREE_PART));
    return { tree: { rows, upkeep: await upkeepCost(LARGE_SIZE) } };
  },
  memory: async (step) => {
    const memory = await memoryPerKey(LARGE_SIZE);
    step.done(0.5);
    return { memory: { ...memory, upkeep: await upkeepMemory(LARGE_SIZE) } };
  },
  startup: async (step) => {
    const small = await startupTime(MID_SIZE);
    step.done(0.15);
    const large = await startupTime(LARGE_SIZE);
    step.done(0.75);
    return { startup: { small, large, ratios: await startupRatios() } };
  },
  simulate: async (step) => ({ simulation: await simulationBench(step) }),
  repair: async (step) => ({ repair: await repairBench(step) }),
  conflicts: async (step) => {
    const lww = await conflictCosts('lww');
    step.done(0.1);
    const siblings = await conflictCosts('siblings');
    step.done(0.2);
    const http = await httpWriteRates(step, 0.2);
    return {
      conflicts: [
        { ...lww, httpWritesPerSecond: http.perSecond.lww },
        {
          ...siblings,
          httpWritesPerSecond: http.perSecond.siblings,
          httpShareOfLww: http.siblingsShare,
        },
      ],
    };
  },
};
