// `ae-demo bench` (and `npm run bench`): the cost of anti-entropy at scale, on real processes.
import type { Strategy } from '../../api/strategies.js';
import type { Phase, Target } from '../../bench/result.js';
import { TargetsMissedError } from '../../errors.js';
import { withTeardown } from '../lifecycle/teardown.js';
import { terminalWidth } from '../render/wrap.js';

/** What `ae-demo bench` measures and how it prints it. */
export interface BenchOptions {
  /** Print the results as JSON instead of the report. */
  json: boolean;
  /** The phases to run, in their usual order. */
  phases: Phase[];
  /** The exchange grid's store sizes (default: 10k and 100k keys). */
  sizes?: number[];
  /** Add 1,000,000 keys to the exchange grid. */
  large: boolean;
  /** Run the exchange grid with this strategy only (default: all of them). */
  strategy?: Strategy;
  /** Seconds of load per throughput run. */
  durationS: number;
  /** Exit 1 when a target is missed (a run that measured exits 0 otherwise). */
  check: boolean;
}

/** Runs the benchmark under the teardown stack and prints its report (or JSON). */
export async function bench(o: BenchOptions): Promise<void> {
  // The benchmark pulls in autocannon: load it only when bench runs.
  const { runBench } = await import('../../bench/run.js');
  const { renderReport } = await import('../../bench/report.js');
  const { benchProgress } = await import('../render/bench-progress.js');
  // The shared teardown stack guards Ctrl-C (exit 130, also when it first made a node fail);
  // the benchmark stops its own clusters, and the launcher stops any left at exit.
  const result = await withTeardown(() =>
    runBench({
      phases: o.phases,
      ...(o.sizes ? { sizes: o.sizes } : {}),
      large: o.large,
      ...(o.strategy ? { strategies: [o.strategy] } : {}),
      durationS: o.durationS,
      progress: benchProgress(),
    }),
  );
  process.stdout.write(
    o.json ? `${JSON.stringify(result, null, 2)}\n` : `${renderReport(result, terminalWidth())}\n`,
  );
  if (o.check) checkVerdict(result.targets);
}

/** --check: a missed target is a failure (exit 1), after the report; all met, nothing. */
export function checkVerdict(targets: readonly Target[]): void {
  const missed = targets.filter((t) => !t.met);
  if (missed.length > 0)
    throw new TargetsMissedError(
      missed.map((t) => t.name),
      targets.length,
    );
}
