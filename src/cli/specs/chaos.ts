// `ae-demo chaos` as help shows it, and its flags turned into options; the run is
// commands/chaos.ts, chaos itself demo/chaos.ts.
import type { Argv } from 'yargs';
import type { ChaosRun } from '../../story/scenario.js';
import { checkClusterFlags, clusterFlags } from '../flags/cluster.js';
import type { ChaosOptions } from '../commands/chaos.js';
import { command } from '../yargs/lazy.js';
import { UsageError } from '../../errors.js';
import { parseAddresses, parseCount } from '../flags/values.js';

/** A randomized, reproducible check of convergence and durability (chaos loaded when it runs). */
export const chaosCommand = (loadChaos: () => Promise<ChaosRun>) =>
  command({
    command: 'chaos',
    describe:
      'Random puts, deletes, partitions and kill -9 against a real cluster, then check nothing acknowledged was lost',
    builder: (y: Argv) =>
      clusterFlags(y)
        .option('seed', {
          type: 'number',
          default: 1,
          describe: 'Seed of the random sequence (the same seed plays the same operations)',
        })
        .option('ops', { type: 'number', default: 300, describe: 'How many random operations' })
        .option('json', { type: 'boolean', default: false, describe: 'Print the report as JSON' })
        .option('connect', {
          type: 'string',
          describe:
            'Nodes running elsewhere, host:port,...: refused, since chaos kills and restarts ' +
            'its nodes, which it can do only to nodes it started',
        })
        .example('$0 chaos --seed 7 --ops 500', 'a reproducible run of 500 operations')
        .example('$0 chaos --ae-strategy riblt', 'the same checks with rateless reconciliation')
        .example('$0 chaos --nodes 5 --base-port 20000', 'five nodes on other ports'),
    options: (argv): ChaosOptions => {
      if (argv.connect !== undefined) refuseConnect(argv.connect);
      return chaosOptions(argv);
    },
    run: async (o) => (await import('../commands/chaos.js')).runChaos(o, loadChaos),
  });

/** The checked flags of a chaos run on nodes it starts. */
function chaosOptions(
  argv: Parameters<typeof checkClusterFlags>[0] & { seed: number; ops: number; json: boolean },
): ChaosOptions {
  return {
    ...checkClusterFlags(argv),
    seed: parseCount(argv.seed, '--seed', 0, 2 ** 31),
    ops: parseCount(argv.ops, '--ops', 1, 100_000),
    json: argv.json,
  };
}

/** --connect: the addresses checked, then the one sentence why chaos cannot play on them. */
function refuseConnect(raw: string): never {
  parseAddresses(raw, '--connect');
  throw new UsageError(
    'chaos kills nodes with kill -9 and restarts them from their data, which --connect cannot ' +
      'do to nodes running elsewhere; run it without --connect.',
  );
}
