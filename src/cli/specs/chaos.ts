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
import { parseFaults, readSchedule } from '../flags/schedule.js';
import { DEFAULT_FAULTS, FAULT_KINDS } from '../../story/chaos.js';
import { commandFlags, connectKey, keyFlags, nodeCommands } from '../flags/connect.js';
import { connectAddresses } from '../run/connect.js';

/** A randomized, reproducible check of convergence and durability (chaos loaded when it runs). */
export const chaosCommand = (loadChaos: () => Promise<ChaosRun>) =>
  command({
    command: 'chaos',
    describe:
      'Random puts, deletes and faults (partitions, kill -9, and with --faults the ' +
      "network's) against a real cluster, then check nothing acknowledged was lost",
    builder: (y: Argv) =>
      commandFlags(keyFlags(conflictsFlag(clusterFlags(y))))
        .option('seed', {
          type: 'number',
          default: 1,
          describe: 'Seed of the random sequence (the same seed plays the same operations)',
        })
        .option('ops', { type: 'number', default: 300, describe: 'How many random operations' })
        .option('faults', {
          type: 'string',
          default: DEFAULT_FAULTS.join(','),
          describe: `Kinds of fault to inject, any of ${FAULT_KINDS.join(', ')}, or all`,
        })
        .option('schedule', {
          type: 'string',
          describe:
            'Replay a schedule chaos saved (a failing run prints the command); --ops and ' +
            "--faults are then the schedule's",
        })
        .option('shrink', {
          type: 'boolean',
          default: true,
          describe:
            'On a violation, look for a shorter schedule that still fails (--no-shrink: do not)',
        })
        .option('json', { type: 'boolean', default: false, describe: 'Print the report as JSON' })
        .option('connect', {
          type: 'string',
          describe:
            'Nodes running elsewhere, host:port,...: none is started or stopped; partitions ' +
            'through their fault route, kills only with --restart-command; left running and healed',
        })
        .example('$0 chaos --seed 7 --ops 500', 'a reproducible run of 500 operations')
        .example('$0 chaos --faults all --ops 200', 'every kind of fault, network ones included')
        .example('$0 chaos --faults loss,latency --seed 3', 'lost and slow messages only')
        .example(
          '$0 chaos --seed 7 --schedule shrunk.json',
          'replay a schedule a failing run saved',
        )
        .example('$0 chaos --ae-strategy riblt', 'the same checks with rateless reconciliation')
        .example(
          '$0 chaos --conflicts siblings',
          'concurrent writers keep every write as a sibling: none acknowledged may be lost',
        )
        .example('$0 chaos --nodes 5 --base-port 20000', 'five nodes on other ports')
        .example(
          '$0 chaos --cluster-key-file key.txt',
          'its own nodes start with your key instead of a fresh one',
        )
        .example(
          '$0 chaos --connect 127.0.0.1:9999,127.0.0.1:10000,127.0.0.1:10001 ' +
            "--cluster-key-file key.txt --kill-command 'docker kill {id}' " +
            "--restart-command 'docker start {id}'",
          'the same checks on three containers, killed and started again with docker',
        ),
    options: (argv): ChaosOptions => {
      const connecting = argv.connect !== undefined;
      const commands = nodeCommands(argv, connecting);
      // Connected nodes' key (flags, then the environment), or the key chaos's own nodes start
      // with (flags only; else a fresh one), as run takes it.
      const clusterKey = connectKey(argv, connecting ? process.env : {});
      const keyed = clusterKey !== undefined ? { clusterKey } : {};
      if (argv.connect === undefined) return { ...chaosOptions(argv), ...keyed };
      const connect = connectAddresses(argv.connect);
      return {
        ...chaosOptions(argv, connect.length),
        count: connect.length,
        connect,
        commands,
        ...keyed,
      };
    },
    run: async (o) => (await import('../commands/chaos.js')).runChaos(o, loadChaos),
  });

/** The checked flags of a chaos run on `count` nodes (--nodes unless --connect names them). */
function chaosOptions(
  argv: Parameters<typeof checkClusterFlags>[0] & {
    seed: number;
    ops: number;
    json: boolean;
    conflicts: string;
    faults: string;
    schedule?: string | undefined;
    shrink: boolean;
  },
  count?: number,
): ChaosOptions {
  const cluster = checkClusterFlags(argv);
  const faults = parseFaults(argv.faults);
  const schedule =
    argv.schedule !== undefined ? readSchedule(argv.schedule, count ?? cluster.count) : undefined;
  return {
    ...cluster,
    ...checkConflicts(argv),
    seed: parseCount(argv.seed, '--seed', 0, 2 ** 31),
    ops: parseCount(argv.ops, '--ops', 1, 100_000),
    json: argv.json,
    faults: schedule?.faults ?? faults,
    ...(schedule ? { schedule } : {}),
    shrink: argv.shrink,
  };
}
