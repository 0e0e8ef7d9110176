// `ae-demo chaos` as help shows it, and its flags turned into options; the run is
// commands/chaos.ts, chaos itself demo/chaos.ts.
import type { Argv } from 'yargs';
import type { ChaosRun } from '../../story/scenario.js';
import {
  checkClusterFlags,
  checkConflicts,
  clusterFlags,
  conflictsFlag,
} from '../flags/cluster.js';
import type { ChaosOptions } from '../commands/chaos.js';
import { command } from '../yargs/lazy.js';
import { parseCount } from '../flags/values.js';
import { commandFlags, keyFlags, keyWhenConnecting, nodeCommands } from '../flags/connect.js';
import { connectAddresses } from '../run/connect.js';

/** A randomized, reproducible check of convergence and durability (chaos loaded when it runs). */
export const chaosCommand = (loadChaos: () => Promise<ChaosRun>) =>
  command({
    command: 'chaos',
    describe:
      'Random puts, deletes, partitions and kill -9 against a real cluster, then check nothing acknowledged was lost',
    builder: (y: Argv) =>
      commandFlags(keyFlags(conflictsFlag(clusterFlags(y))))
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
            'Nodes running elsewhere, host:port,...: none is started or stopped; partitions ' +
            'through their fault route, kills only with --restart-command; left running and healed',
        })
        .example('$0 chaos --seed 7 --ops 500', 'a reproducible run of 500 operations')
        .example('$0 chaos --ae-strategy riblt', 'the same checks with rateless reconciliation')
        .example(
          '$0 chaos --conflicts siblings',
          'concurrent writers keep every write as a sibling: none acknowledged may be lost',
        )
        .example('$0 chaos --nodes 5 --base-port 20000', 'five nodes on other ports')
        .example(
          '$0 chaos --connect 127.0.0.1:9999,127.0.0.1:10000,127.0.0.1:10001 ' +
            "--cluster-key-file key.txt --kill-command 'docker kill {id}' " +
            "--restart-command 'docker start {id}'",
          'the same checks on three containers, killed and started again with docker',
        ),
    options: (argv): ChaosOptions => {
      const connecting = argv.connect !== undefined;
      const commands = nodeCommands(argv, connecting);
      const clusterKey = keyWhenConnecting(argv, connecting);
      const options = chaosOptions(argv);
      if (argv.connect === undefined) return options;
      const connect = connectAddresses(argv.connect);
      return {
        ...options,
        count: connect.length,
        connect,
        commands,
        ...(clusterKey !== undefined ? { clusterKey } : {}),
      };
    },
    run: async (o) => (await import('../commands/chaos.js')).runChaos(o, loadChaos),
  });

/** The checked flags of a chaos run on nodes it starts. */
function chaosOptions(
  argv: Parameters<typeof checkClusterFlags>[0] & {
    seed: number;
    ops: number;
    json: boolean;
    conflicts: string;
  },
): ChaosOptions {
  return {
    ...checkClusterFlags(argv),
    ...checkConflicts(argv),
    seed: parseCount(argv.seed, '--seed', 0, 2 ** 31),
    ops: parseCount(argv.ops, '--ops', 1, 100_000),
    json: argv.json,
  };
}
