// `ae-demo chaos` as help shows it; the run is commands/chaos.ts, chaos itself demo/chaos.ts.
import type { Argv } from 'yargs';
import type { ChaosRun } from '../../story/scenario.js';
import { clusterFlags, type ClusterArgs } from '../cluster-flags.js';
import { lazyCommand } from '../lazy.js';

export interface ChaosArgs extends ClusterArgs {
  seed: number;
  ops: number;
  json: boolean;
}

/** A randomized, reproducible check of convergence and durability (chaos loaded when it runs). */
export const chaosCommand = (loadChaos: () => Promise<ChaosRun>) =>
  lazyCommand<ChaosArgs>(
    {
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
          .example('$0 chaos --seed 7 --ops 500', 'a reproducible run of 500 operations')
          .example('$0 chaos --ae-strategy riblt', 'the same checks with rateless reconciliation')
          .example(
            '$0 chaos --nodes 5 --base-port 20000',
            'five nodes on other ports',
          ) as unknown as Argv<ChaosArgs>,
    },
    async () => {
      const { runChaos } = await import('../commands/chaos.js');
      return (argv) => runChaos(argv, loadChaos);
    },
  );
