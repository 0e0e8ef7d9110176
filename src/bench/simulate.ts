// The simulation's targets (issue 16), each run in a child process of its own: 1,000 replicas ×
// 10,000 keys of 100-byte values with 1% of the keys written on one random replica each, one
// random peer per round — rounds against 3·log2(N), wall time against 120 s, peak RSS against
// 8 GiB — and rounds against N (16…1,024) for random and ring selection, with fewer keys.
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import type { SimOptions } from '../sim/simulate.js';

/** The run: 1,000 × 10,000 keys, 1% written, random selection with one peer. */
export const SIM_TARGET_RUN = {
  nodes: 1_000,
  keys: 10_000,
  valueBytes: 100,
  writes: 100,
  selection: 'random',
  peersPerRound: 1,
} as const satisfies Partial<SimOptions>;
/** Its limits on this machine (issue 16). */
export const SIM_TARGET_LIMITS = {
  roundsPerLog2N: 3,
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
  log2N: number;
  bytesPerReplicaPerRound: number;
  wallMs: number;
  peakRssBytes: number;
}

export interface SimBench {
  target: SimBenchRow;
  series: SimBenchRow[];
}

export async function simulationBench(log: (line: string) => void): Promise<SimBench> {
  const replicas = SIM_TARGET_RUN.nodes.toLocaleString('en-US');
  const keys = SIM_TARGET_RUN.keys.toLocaleString('en-US');
  log(`simulation: ${replicas} replicas × ${keys} keys, then rounds against N (about a minute)…`);
  const target = await child(SIM_TARGET_RUN);
  const series: SimBenchRow[] = [];
  for (const selection of ['random', 'ring'] as const)
    for (const nodes of SIM_SERIES.sizes)
      series.push(
        await child({ nodes, selection, keys: SIM_SERIES.keys, writes: SIM_SERIES.writes }),
      );
  return { target, series };
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
