// The simulation's runs, each in a child process of its own: 1,000 replicas × 10,000 keys of
// 100-byte values with 1% of the keys written on one random replica each, one random peer per
// round — rounds against log3(N), wall time, peak RSS — and rounds against N (16…1,024) for
// random and ring selection, with fewer keys; and rounds under message loss against the same
// runs without it (simulate-targets.ts holds their limits).
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import type { SimOptions } from '../sim/simulate.js';
import type { PhaseStep } from './step.js';

/** The large run: 1,000 × 10,000 keys, 1% written, random selection with one peer. */
export const SIM_TARGET_RUN = {
  nodes: 1_000,
  keys: 10_000,
  valueBytes: 100,
  writes: 100,
  selection: 'random',
  peersPerRound: 1,
} as const satisfies Partial<SimOptions>;
/** Its limits on a 2-core machine (simulate-targets.ts says why each is where it is). */
export const SIM_TARGET_LIMITS = {
  /**
   * Rounds beyond log3(N): the O(ln ln N) rounds that find the last replicas (ln ln N is under
   * 2.5 up to 100,000 replicas) and one for a round begun counting whole. Measured: 1 to 3.
   */
  roundsOverLog3N: 4,
  wallMs: 120_000,
  peakRssBytes: 8 * 2 ** 30,
};
/** Rounds against N: enough sizes for a slope; few keys, since the rounds do not depend on them. */
export const SIM_SERIES = { sizes: [16, 64, 256, 1024], keys: 100, writes: 10 } as const;
/**
 * A ring's rounds grow like N: on log-log axes their slope is about 1 (a write moves a hop or
 * two per round); log N growth would give a slope near 0.1. The target leaves room for the
 * constant term at small N.
 */
export const RING_MIN_SLOPE = 0.8;

export interface SimBenchRow {
  nodes: number;
  keys: number;
  writes: number;
  selection: string;
  converged: boolean;
  rounds: number;
  /** log3(N): the rounds push-pull gossip needs before the last few replicas. */
  log3N: number;
  bytesPerReplicaPerRound: number;
  wallMs: number;
  peakRssBytes: number;
}

/**
 * Rounds under loss: 256 replicas as in the series, each loss rate and the lossless run on the
 * same five seeds (the same writes on the same replicas), rounds summed over the seeds, so one
 * unlucky seed moves the ratio by a fifth of what it would alone.
 */
export const SIM_LOSS = {
  nodes: 256,
  keys: 100,
  writes: 10,
  seeds: [1, 2, 3, 4, 5],
  losses: [0.1, 0.3],
} as const;

/** One loss rate's rounds over SIM_LOSS.seeds, beside the lossless rounds on the same seeds. */
export interface SimLossRow {
  loss: number;
  rounds: number;
  losslessRounds: number;
  /** Every run converged (a run that did not counts its --max-rounds). */
  converged: boolean;
}

export interface SimBench {
  target: SimBenchRow;
  series: SimBenchRow[];
  /** Absent in results of runs before the loss series was measured. */
  loss?: SimLossRow[];
}

/** The large run's share of the phase's time; the series and the loss runs share the rest. */
const TARGET_RUN_SHARE = 0.6;
const SERIES_SHARE = 0.2;

export async function simulationBench(step: PhaseStep): Promise<SimBench> {
  const target = await child(SIM_TARGET_RUN);
  step.done(TARGET_RUN_SHARE);
  const series: SimBenchRow[] = [];
  const runs = 2 * SIM_SERIES.sizes.length;
  for (const selection of ['random', 'ring'] as const)
    for (const nodes of SIM_SERIES.sizes) {
      series.push(
        await child({ nodes, selection, keys: SIM_SERIES.keys, writes: SIM_SERIES.writes }),
      );
      step.done(TARGET_RUN_SHARE + (SERIES_SHARE * series.length) / runs);
    }
  const loss = await lossBench((share) =>
    step.done(TARGET_RUN_SHARE + SERIES_SHARE + (1 - TARGET_RUN_SHARE - SERIES_SHARE) * share),
  );
  return { target, series, loss };
}

/** Each loss rate against no loss, summed over the same seeds. */
async function lossBench(done: (share: number) => void): Promise<SimLossRow[]> {
  const { seeds, losses, ...run } = SIM_LOSS;
  const rates = [0, ...losses];
  const sums = new Map<number, { rounds: number; converged: boolean }>();
  let runs = 0;
  for (const loss of rates) {
    const sum = { rounds: 0, converged: true };
    for (const seed of seeds) {
      const r = await child({ ...run, selection: 'random', loss, seed });
      sum.rounds += r.rounds;
      sum.converged &&= r.converged;
      done(++runs / (rates.length * seeds.length));
    }
    sums.set(loss, sum);
  }
  const lossless = sums.get(0)!;
  return losses.map((loss) => ({
    loss,
    rounds: sums.get(loss)!.rounds,
    losslessRounds: lossless.rounds,
    converged: sums.get(loss)!.converged && lossless.converged,
  }));
}

async function child(options: Partial<SimOptions>): Promise<SimBenchRow> {
  const script = fileURLToPath(new URL('./simulate-child.js', import.meta.url));
  const { stdout } = await execa(process.execPath, [script, JSON.stringify(options)]);
  return JSON.parse(stdout) as SimBenchRow;
}

/** The slope of log(rounds) against log(N), least squares: 1 for growth like N. */
export function logLogSlope(rows: readonly { nodes: number; rounds: number }[]): number {
  const pts = rows.map((r) => [Math.log(r.nodes), Math.log(r.rounds)] as const);
  const mx = pts.reduce((s, [x]) => s + x, 0) / pts.length;
  const my = pts.reduce((s, [, y]) => s + y, 0) / pts.length;
  const sxy = pts.reduce((s, [x, y]) => s + (x - mx) * (y - my), 0);
  const sxx = pts.reduce((s, [x]) => s + (x - mx) ** 2, 0);
  return sxx === 0 ? 0 : sxy / sxx;
}
