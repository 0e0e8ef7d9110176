// `ae-demo run` as help shows it, and its first moves: the flags checked into options, then the
// nodes forked at once (run/start.ts); the story itself (commands/run.ts, rendering, the
// scenario's steps) is loaded while they boot.
import type { Argv } from 'yargs';
import { UsageError } from '../../errors.js';
import type { Scenario } from '../../story/scenario.js';
import { checkClusterFlags, clusterFlags } from '../flags/cluster.js';
import { command } from '../yargs/lazy.js';
import { parseCount } from '../flags/values.js';
import {
  DEFAULT_BACKGROUND_KEYS,
  MAX_BACKGROUND_KEYS,
  startNodes,
  type RunOptions,
} from '../run/start.js';
import { withTeardown } from '../lifecycle/teardown.js';
import { checkConnect } from '../run/connect.js';
import { checkReportPath, checkWebFlags, webFlags } from '../flags/web.js';
import { commandFlags, connectKey, keyFlags, nodeCommands } from '../flags/connect.js';

/** Start nodes, play a scenario (from the list the entry point gave), verify, stop the nodes. */
export const runCommand = (scenarios: readonly Scenario[]) =>
  command({
    command: 'run',
    describe: 'Start nodes, make them diverge, repair them with anti-entropy and verify',
    builder: (y: Argv) => runExamples(runFlags(y, scenarios)),
    // Every flag checked, and the scenario found, before anything starts.
    options: (argv): RunOptions => runOptions(argv, scenarios),
    run: async (o) => {
      const reportFile = o.report !== undefined ? await checkReportPath(o.report) : undefined;
      if (o.record !== undefined)
        o.record = await checkReportPath(o.record, '--record', 'run.jsonl');
      // One teardown stack stops what the run started, however it ends.
      await withTeardown(async (teardown) => {
        const nodes = await startNodes(o, teardown);
        const { run } = await import('../commands/run.js');
        await run(o, reportFile, nodes, teardown);
      });
    },
  });

/** The scenarios' names, as the --scenario flag and its error list them. */
function scenarioNames(scenarios: readonly Scenario[]): string {
  return scenarios.map((s) => s.name).join(', ');
}

/** run's flags: the cluster's and the page's, then its own. */
function runFlags(y: Argv, scenarios: readonly Scenario[]) {
  return commandFlags(keyFlags(webFlags(clusterFlags(y))))
    .option('report', {
      type: 'string',
      describe: 'Write a self-contained HTML report of the run to this file',
    })
    .option('scenario', {
      type: 'string',
      default: 'seed',
      describe: `Which story to play: ${scenarioNames(scenarios)}`,
    })
    .option('json', {
      type: 'boolean',
      default: false,
      describe: 'Print one JSON document instead of tables',
    })
    .option('step', {
      type: 'boolean',
      default: false,
      describe: 'Wait before each part for Enter (in a terminal) or Next (in the --web page)',
    })
    .option('keep', {
      type: 'boolean',
      default: false,
      describe: 'Leave the cluster up afterwards, until Ctrl-C',
    })
    .option('seed', {
      type: 'number',
      default: 1,
      describe:
        'Part of every background key name: another seed lays the data out differently in the tree',
    })
    .option('connect', {
      type: 'string',
      describe:
        'Play on nodes already running elsewhere, host:port,host:port (containers, other ' +
        'machines): none is started or stopped; their key from --cluster-key-file or ' +
        '$AE_CLUSTER_KEY',
    })
    .option('keys', {
      type: 'number',
      default: DEFAULT_BACKGROUND_KEYS,
      describe: 'Background keys written normally first',
    })
    .option('messages', {
      type: 'boolean',
      default: false,
      describe: 'List the messages of each anti-entropy exchange under its table',
    })
    .option('record', {
      type: 'string',
      describe: 'Record the run (story and every message between nodes) to this JSON Lines file',
    })
    .option('cluster-key-file', {
      type: 'string',
      describe:
        "A file holding the nodes' cluster key: with --connect the key they run with; else the " +
        'key the nodes of the run start with, instead of a fresh one (for simulate --given)',
    });
}

/** The parsed flags of run, as runFlags declares them. */
type RunArgs = ReturnType<typeof runFlags> extends Argv<infer A> ? A : never;

/** run's examples, in the order help shows them. */
function runExamples<T>(y: Argv<T>): Argv<T> {
  return y
    .example('$0 run', 'the seed guide: three nodes on 9999-10001')
    .example('$0 run --nodes 5 --base-port 20000 --keys 100000', 'five nodes, a bigger data set')
    .example(
      '$0 run --web --step',
      'present it: a live page on 127.0.0.1, advanced with its Next button',
    )
    .example('$0 run --report run.html', 'keep a self-contained HTML report of the run')
    .example('$0 run --ae-strategy riblt', 'the same story, reconciled with coded symbols (RIBLT)')
    .example(
      '$0 run --scenario periodic --nodes 9 --ae-peers-per-round 1',
      'nine nodes that gossip with one random peer per round, as ae-demo simulate predicts',
    )
    .example(
      '$0 run --scenario repair-paths',
      'hints, read repair and the Merkle round side by side: what each repaired, its time, bytes',
    )
    .example('$0 run --json | jq .after', 'the result as JSON')
    .example(
      '$0 run --keys 0 --cluster-key-file key.txt --json > seed.json',
      "nodes keyed with your key, so simulate --given seed.json --cluster-key-file key.txt can end at the run's root",
    )
    .example('$0 run --messages', 'each exchange message by message: step, what it carried, bytes')
    .example('$0 run --record run.jsonl', 'record the run; ae-demo replay run.jsonl shows it again')
    .example(
      '$0 run --connect 10.0.0.1:9999,10.0.0.2:9999,10.0.0.3:9999',
      'the seed story on nodes that run elsewhere',
    )
    .example(
      '$0 run --scenario crash --connect 127.0.0.1:9999,127.0.0.1:10000,127.0.0.1:10001 ' +
        "--restart-command 'kubectl delete pod {id}'",
      'the crash story on Kubernetes pods (port-forwarded): a pod deleted is a node restarted',
    );
}

/** run's flags checked into options: the cluster, the page, the scenario, --connect. */
function runOptions(argv: RunArgs, scenarios: readonly Scenario[]): RunOptions {
  const setup = checkClusterFlags(argv);
  const webPort = checkWebFlags(argv, setup);
  const scenario = findScenario(argv.scenario, scenarios);
  const options: RunOptions = {
    scenario,
    ...setup,
    json: argv.json,
    step: argv.step && !argv.json,
    keep: argv.keep,
    seed: parseCount(argv.seed, '--seed', 0, 2 ** 31),
    keys: parseCount(argv.keys, '--keys', 0, MAX_BACKGROUND_KEYS),
    ...(webPort !== undefined ? { webPort } : {}),
    ...(argv.report !== undefined ? { report: argv.report } : {}),
    messages: argv.messages && !argv.json,
    ...(argv.record !== undefined ? { record: argv.record } : {}),
  };
  const connecting = argv.connect !== undefined;
  const commands = nodeCommands(argv, connecting);
  // Connected nodes' key (flags, then the environment), or the key run's own nodes start with
  // (flags only; else a fresh one): given, simulate --given can be given it too.
  const clusterKey = connectKey(argv, connecting ? process.env : {});
  if (clusterKey !== undefined) options.clusterKey = clusterKey;
  if (argv.connect !== undefined) {
    options.connect = checkConnect(argv.connect, scenario, {
      keep: argv.keep,
      commands,
    });
    options.count = options.connect.length;
    options.commands = commands;
  }
  checkNodeCount(scenario, options.count);
  return options;
}

/** The scenario --scenario names, or a usage error listing them all. */
function findScenario(name: string, scenarios: readonly Scenario[]): Scenario {
  const scenario = scenarios.find((s) => s.name === name);
  if (scenario) return scenario;
  throw new UsageError(
    `There is no scenario "${name}"; choose one of ${scenarioNames(scenarios)} ` +
      '(ae-demo scenarios lists them).',
  );
}

/** A scenario played on fewer nodes than it needs is refused before any starts. */
function checkNodeCount(scenario: Scenario, count: number): void {
  if (count >= scenario.minNodes) return;
  throw new UsageError(
    `Scenario ${scenario.name} needs at least ${scenario.minNodes} nodes; ` +
      `pass --nodes ${scenario.minNodes} or more.`,
  );
}
