// `ae-demo bench` as help shows it, and its flags turned into options; the benchmark is
// commands/bench.ts (and src/bench/).
import type { Argv } from 'yargs';
import { STRATEGIES } from '../../api/strategies.js';
import type { BenchOptions } from '../commands/bench.js';
import { command } from '../yargs/lazy.js';
import { parseCount } from '../flags/values.js';

/** The cost of anti-entropy at scale, on real processes. */
export const benchCommand = command({
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
        describe:
          'Seconds of load per throughput run (bare runs bracket 5 rounds of direct and replicated PUT)',
      })
      .example('$0 bench', 'the default grid: 10k and 100k keys, d in 0, 0.1%, 1%, 10%')
      .example('$0 bench --large --ae-strategy riblt', 'the rateless strategy alone, up to 1M keys')
      .example('$0 bench --large --json > bench.json', 'with 1M keys, as JSON'),
  options: (argv): BenchOptions => {
    const strategy = STRATEGIES.find((s) => s === argv['ae-strategy']);
    return {
      json: argv.json,
      large: argv.large,
      ...(strategy ? { strategy } : {}),
      durationS: parseCount(argv.duration, '--duration', 1, 600),
    };
  },
  run: async (o) => (await import('../commands/bench.js')).bench(o),
});
