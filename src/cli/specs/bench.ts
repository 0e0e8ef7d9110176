// `ae-demo bench` as help shows it, and its flags turned into options; the benchmark is
// commands/bench.ts (and src/bench/).
import type { Argv } from 'yargs';
import { STRATEGIES } from '../../api/strategies.js';
import { PHASES, type Phase } from '../../bench/result.js';
import type { BenchOptions } from '../commands/bench.js';
import { UsageError } from '../../errors.js';
import { command } from '../yargs/lazy.js';
import { parseCount } from '../flags/values.js';

/** Beyond this a grid point's store no longer fits two nodes' memory on a small machine. */
const MAX_GRID_KEYS = 10_000_000;

/** The cost of anti-entropy at scale, on real processes. */
export const benchCommand = command({
  command: 'bench',
  describe:
    'Measure anti-entropy against the full-data exchange, PUT throughput, tree cost, memory, ' +
    'start-up and simulate at 1,000 replicas: about 13 minutes on two cores, with the time left ' +
    'on stderr',
  builder: (y: Argv) =>
    y
      .option('json', { type: 'boolean', default: false, describe: 'Print the results as JSON' })
      .option('only', {
        type: 'string',
        describe: `Run only these phases, a comma list of ${PHASES.join(', ')} (default: all)`,
      })
      .option('check', {
        type: 'boolean',
        default: false,
        describe:
          'Exit 1 when a measured target is missed (without it, a run that measured exits 0)',
      })
      .option('keys', {
        type: 'string',
        describe: "Keys in the exchange grid's stores, a comma list (default: 10000,100000)",
      })
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
      .example(
        '$0 bench',
        'every phase (about 13 minutes); the grid: 10k and 100k keys, d in 0, 0.1%, 1%, 10%',
      )
      .example('$0 bench --only exchange', 'the exchange grid alone (under a minute)')
      .example(
        '$0 bench --only tree,memory --check',
        'two phases; exit 1 if one of their targets is missed',
      )
      .example('$0 bench --large --ae-strategy riblt', 'the rateless strategy alone, up to 1M keys')
      .example('$0 bench --large --json > bench.json', 'with 1M keys, as JSON'),
  options: (argv): BenchOptions => {
    const strategy = STRATEGIES.find((s) => s === argv['ae-strategy']);
    const sizes = argv.keys
      ?.split(',')
      .map((n) => parseCount(n.trim(), '--keys', 1, MAX_GRID_KEYS));
    return {
      json: argv.json,
      phases: parsePhases(argv.only),
      ...(sizes ? { sizes } : {}),
      large: argv.large,
      ...(strategy ? { strategy } : {}),
      durationS: parseCount(argv.duration, '--duration', 1, 600),
      check: argv.check,
    };
  },
  run: async (o) => (await import('../commands/bench.js')).bench(o),
});

/** --only exchange,tree -> the phases named, in their usual order (every phase when absent). */
export function parsePhases(raw: string | undefined): Phase[] {
  if (raw === undefined) return [...PHASES];
  const named = raw.split(',').map((name) => {
    const phase = PHASES.find((p) => p === name.trim());
    if (!phase)
      throw new UsageError(
        `--only takes ${PHASES.join(', ')} or a comma list of them (such as exchange,tree), not "${name.trim()}".`,
      );
    return phase;
  });
  return PHASES.filter((p) => named.includes(p));
}
