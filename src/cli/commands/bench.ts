// `ae-demo bench` (and `npm run bench`): the cost of anti-entropy at scale, on real processes.
import type { Strategy } from '../../api/strategies.js';
import { withTeardown } from '../lifecycle/teardown.js';

/** What `ae-demo bench` measures and how it prints it. */
export interface BenchOptions {
  /** Print the results as JSON instead of the report. */
  json: boolean;
  /** Add 1,000,000 keys to the exchange grid. */
  large: boolean;
  /** Run the exchange grid with this strategy only (default: all of them). */
  strategy?: Strategy;
  /** Seconds of load per throughput run. */
  durationS: number;
}

/** Runs the benchmark under the teardown stack and prints its report (or JSON). */
export async function bench(o: BenchOptions): Promise<void> {
  // The benchmark pulls in autocannon: load it only when bench runs.
  const { runBench } = await import('../../bench/run.js');
  const { renderReport } = await import('../../bench/report.js');
  // The shared teardown stack guards Ctrl-C (exit 130, also when it first made a node fail);
  // the benchmark stops its own clusters, and the launcher stops any left at exit.
  const result = await withTeardown(() =>
    runBench({
      large: o.large,
      ...(o.strategy ? { strategies: [o.strategy] } : {}),
      durationS: o.durationS,
      log: (line) => process.stderr.write(`${line}\n`),
    }),
  );
  process.stdout.write(
    o.json ? `${JSON.stringify(result, null, 2)}\n` : `${renderReport(result)}\n`,
  );
}
