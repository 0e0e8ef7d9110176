// `ae-demo bench` (and `npm run bench`): the cost of anti-entropy at scale, on real processes.
import { parseCount } from '../options.js';
import { withTeardown } from '../teardown.js';
import { STRATEGIES } from '../../node/sync/strategy.js';
import type { BenchArgs } from '../specs/bench.js';

/** Runs the benchmark under the teardown stack and prints its report (or JSON). */
export async function bench(argv: BenchArgs): Promise<void> {
  const durationS = parseCount(argv.duration, '--duration', 1, 600);
  // The benchmark pulls in autocannon: load it only when bench runs.
  const { runBench } = await import('../../bench/run.js');
  const { renderReport } = await import('../../bench/report.js');
  const only = STRATEGIES.find((s) => s === argv['ae-strategy']);
  // The shared teardown stack guards Ctrl-C (exit 130, also when it first made a node fail);
  // the benchmark stops its own clusters, and the launcher stops any left at exit.
  const result = await withTeardown(() =>
    runBench({
      large: argv.large,
      ...(only ? { strategies: [only] } : {}),
      durationS,
      log: (line) => process.stderr.write(`${line}\n`),
    }),
  );
  process.stdout.write(
    argv.json ? `${JSON.stringify(result, null, 2)}\n` : `${renderReport(result)}\n`,
  );
}
