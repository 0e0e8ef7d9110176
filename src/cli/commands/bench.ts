// `ae-demo bench` (and `npm run bench`): the cost of anti-entropy at scale, on real processes.
import type { Argv, CommandModule } from 'yargs';
import { parseCount } from '../options.js';
import { withTeardown } from '../teardown.js';
import { STRATEGIES } from '../../node/sync/exchange.js';

interface BenchArgs {
  'ae-strategy'?: string;
  json: boolean;
  large: boolean;
  duration: number;
}

export const benchCommand: CommandModule<object, BenchArgs> = {
  command: 'bench',
  describe:
    'Measure anti-entropy against the full-data exchange, PUT throughput, tree cost, memory and simulate at 1,000 replicas',
  builder: (y: Argv) =>
    y
      .option('json', { type: 'boolean', default: false, describe: 'Print the results as JSON' })
      .option('large', {
        type: 'boolean',
        default: false,
        describe: 'Add 1,000,000 keys to the exchange grid (several minutes)',
      })
      .option('ae-strategy', {
        type: 'string',
        choices: STRATEGIES,
        describe: 'Run the exchange grid with this strategy only (default: all three side by side)',
      })
      .option('duration', {
        type: 'number',
        default: 5,
        describe: 'Seconds of load per throughput target',
      })
      .example('$0 bench', 'the default grid: 10k and 100k keys, d in 0, 0.1%, 1%, 10%')
      .example('$0 bench --large --ae-strategy riblt', 'the rateless strategy alone, up to 1M keys')
      .example(
        '$0 bench --large --json > bench.json',
        'with 1M keys, as JSON',
      ) as unknown as Argv<BenchArgs>,
  handler: async (argv) => {
    const durationS = parseCount(argv.duration, '--duration', 1, 600);
    // The benchmark pulls in autocannon (a dev dependency): load it only here.
    const { runBench } = await import('../../../bench/run.js');
    const { renderReport } = await import('../../../bench/report.js');
    const only = STRATEGIES.find((s) => s === argv['ae-strategy']);
    // The shared teardown stack guards Ctrl-C (exit 130, also when it first made a node fail);
    // the benchmark stops its own clusters, and execa stops any left at exit.
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
  },
};
