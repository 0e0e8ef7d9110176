// `ae-demo chaos`: a randomized, reproducible check of convergence and durability.
import type { Argv, CommandModule } from 'yargs';
import { VerificationError } from '../../errors.js';
import type { ChaosRun } from '../../story/scenario.js';
import {
  checkClusterFlags,
  clusterFlags,
  makeDataDirs,
  startLocalCluster,
  type ClusterArgs,
} from '../cluster-flags.js';
import { withTeardown } from '../teardown.js';
import { parseCount } from '../options.js';
import { quiet, mark } from '../render/style.js';

interface ChaosArgs extends ClusterArgs {
  seed: number;
  ops: number;
  json: boolean;
}

/** The command, with chaos itself (demo/chaos.ts) loaded only when it runs. */
export const chaosCommand = (
  loadChaos: () => Promise<ChaosRun>,
): CommandModule<object, ChaosArgs> => ({
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
  handler: async (argv) => {
    const { count, basePort, strategy, peersPerRound } = checkClusterFlags(argv);
    const seed = parseCount(argv.seed, '--seed', 0, 2 ** 31);
    const ops = parseCount(argv.ops, '--ops', 1, 100_000);
    const chaos = await loadChaos();
    await withTeardown(async (teardown) => {
      const data = await makeDataDirs('ae-demo-chaos-');
      teardown.defer(() => data.remove());
      const cluster = await startLocalCluster(
        count,
        basePort,
        0,
        undefined,
        (i) => data.args(i),
        strategy,
        peersPerRound,
      );
      teardown.defer(() => cluster.stop());
      const report = await chaos(cluster, seed, ops, (line) =>
        process.stderr.write(`${quiet(line)}\n`),
      );
      if (argv.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
      else {
        const c = report.counts;
        process.stdout.write(
          `seed ${seed}: ${ops} operations: ${c.puts} puts, ${c.deletes} deletes (${c.direct} direct), ${c.failed} refused by a node that was down, ${c.partitions} partitions, ${c.heals} heals, ${c.crashes} kill -9 and restart\n`,
        );
        if (report.violations.length === 0)
          process.stdout.write(
            `${mark.done()} ${count} nodes identical; all ${report.keys} keys hold the newest acknowledged write: nothing lost, nothing come back\n`,
          );
        else for (const v of report.violations) process.stdout.write(`${mark.failed()} ${v}\n`);
      }
      if (report.violations.length > 0) {
        throw new VerificationError(
          `Chaos with --seed ${seed} found ${report.violations.length} violation(s), first: ${report.violations[0]}`,
        );
      }
    });
  },
});
