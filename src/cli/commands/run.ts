// `ae-demo run`: start the nodes, play a scenario, print the story and the verdict, stop the nodes.
import { createInterface } from 'node:readline/promises';
import chalk from 'chalk';
import type { Argv, CommandModule } from 'yargs';
import { findScenario, scenarios } from '../../../demo/index.js';
import type { ScenarioContext } from '../../../demo/types.js';
import type { Cluster } from '../../cluster/cluster.js';
import { InterruptedError, UsageError, VerificationError } from '../../errors.js';
import { checkClusterFlags, clusterFlags, makeDataDirs, nodeLine, startLocalCluster, type ClusterArgs, type DataDirs } from '../cluster-flags.js';
import { onInterrupt } from '../interrupt.js';
import { parseCount } from '../options.js';
import { createProgress } from '../render/spinner.js';
import { StoryPrinter } from '../render/story.js';

/** Keys written before the story: enough that shipping everything visibly costs more than a tree walk. */
const DEFAULT_BACKGROUND_KEYS = 1000;
const MAX_BACKGROUND_KEYS = 1_000_000;

interface RunArgs extends ClusterArgs {
  scenario: string;
  json: boolean;
  step: boolean;
  keep: boolean;
  seed: number;
  keys: number;
}

export interface RunOptions {
  scenario: string;
  count: number;
  basePort: number;
  json: boolean;
  step: boolean;
  keep: boolean;
  seed: number;
  keys: number;
}

export const runCommand: CommandModule<object, RunArgs> = {
  command: 'run',
  describe: 'Start nodes, make them diverge, repair them with anti-entropy and verify',
  builder: (y: Argv) =>
    clusterFlags(y)
      .option('scenario', { type: 'string', default: 'seed', describe: `Which story to play: ${scenarios.map((s) => s.name).join(', ')}` })
      .option('json', { type: 'boolean', default: false, describe: 'Print one JSON document instead of tables' })
      .option('step', { type: 'boolean', default: false, describe: 'Wait for Enter before each part (when stdin is a terminal)' })
      .option('keep', { type: 'boolean', default: false, describe: 'Leave the cluster up afterwards, until Ctrl-C' })
      .option('seed', { type: 'number', default: 1, describe: 'Part of every background key name: another seed lays the data out differently in the tree' })
      .option('keys', { type: 'number', default: DEFAULT_BACKGROUND_KEYS, describe: 'Background keys written normally first' })
      .example('$0 run', 'the seed guide: three nodes on 9999-10001')
      .example('$0 run --nodes 5 --base-port 20000 --keys 100000', 'five nodes, a bigger data set')
      .example('$0 run --json | jq .after', 'the result as JSON') as unknown as Argv<RunArgs>,
  handler: async (argv) => {
    const { count, basePort } = checkClusterFlags(argv);
    await run({
      scenario: argv.scenario,
      count,
      basePort,
      json: argv.json,
      step: argv.step && !argv.json,
      keep: argv.keep,
      seed: parseCount(argv.seed, '--seed', 0, 2 ** 31),
      keys: parseCount(argv.keys, '--keys', 0, MAX_BACKGROUND_KEYS),
    });
  },
};

export async function run(o: RunOptions): Promise<void> {
  const scenario = findScenario(o.scenario);
  if (!scenario) throw new UsageError(`There is no scenario "${o.scenario}"; choose one of ${scenarios.map((s) => s.name).join(', ')} (ae-demo scenarios lists them).`);
  if (o.count < scenario.minNodes) throw new UsageError(`Scenario ${scenario.name} needs at least ${scenario.minNodes} nodes; pass --nodes ${scenario.minNodes} or more.`);

  const started = performance.now();
  const printer = new StoryPrinter((text) => {
    if (!o.json) process.stdout.write(text);
  });
  const progress = createProgress(o.json);
  let cluster: Cluster | undefined;
  let data: DataDirs | undefined;
  const cleanup = async () => {
    await cluster?.stop();
    await data?.remove();
  };
  const release = onInterrupt(
    cleanup,
    (signal) => process.stderr.write(`\n${signal}: stopping every node…\n`),
  );
  try {
    printer.line(`${chalk.bold('ae-demo')} · anti-entropy between ${o.count} replicas of a key-value store · scenario ${chalk.bold(scenario.name)}`);
    printer.line();
    if (scenario.durable) data = await makeDataDirs('ae-demo-');
    const nodeArgs = (i: number) => [...(scenario.nodeArgs?.(i) ?? []), ...(data?.args(i) ?? [])];
    cluster = await progress.phase(
      `starting ${o.count} nodes`,
      () => startLocalCluster(o.count, o.basePort, scenario.aeIntervalMs ?? 0, undefined, nodeArgs),
      (c) => `${o.count} nodes up  ${nodeLine(c)}${data ? chalk.dim(`  data in ${data.root}`) : ''}`,
    );
    const live = cluster;
    const ctx: ScenarioContext = {
      cluster: live,
      options: { seed: o.seed, backgroundKeys: o.keys },
      section: async (title) => {
        if (o.step && process.stdin.isTTY) await pressEnter(title);
        printer.section(title);
      },
      phase: (title, work, summary) => progress.phase(title, work, summary),
      show: (event) => printer.show(event),
    };
    const result = await scenario.play(ctx);
    const elapsed = performance.now() - started;
    if (o.json) {
      const nodes = live.nodes.map((n) => ({ id: n.id, address: n.address, port: n.port }));
      process.stdout.write(`${JSON.stringify({ scenario: scenario.name, nodes, ...result, durationMs: Math.round(elapsed) }, null, 2)}\n`);
    } else {
      const root = Object.values(result.roots.after)[0] ?? '';
      printer.verdict(result.converged, live.nodes.length, result.keys, root, result.problems, elapsed);
    }
    if (o.keep) {
      release();
      await keepUntilInterrupted(live);
    }
    if (!result.converged) throw new VerificationError(`The replicas still differ after anti-entropy: ${result.problems[0] ?? 'see above'}.`);
  } finally {
    release();
    await cleanup();
  }
}

async function pressEnter(next: string): Promise<void> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    await rl.question(chalk.dim(`\n⏎  Enter for: ${next} `));
  } catch (error) {
    // While readline owns the terminal, Ctrl-C arrives as a keystroke, not as SIGINT.
    if ((error as { code?: string }).code === 'ABORT_ERR') throw new InterruptedError('Ctrl-C');
    throw error;
  } finally {
    rl.close();
  }
}

/** --keep: say how to poke at the cluster, then wait for Ctrl-C. */
async function keepUntilInterrupted(cluster: Cluster): Promise<void> {
  const first = cluster.nodes[0]!;
  const others = cluster.nodes.map((n) => n.address).join(',');
  const lines = [
    '',
    chalk.bold(`The cluster stays up (${cluster.nodes.map((n) => n.address).join(', ')}). Try:`),
    `  curl -s http://${first.address}/kv/user:alice`,
    `  curl -s -X PUT http://${first.address}/kv/user:carol/direct -d '{"value": "carol_data"}'`,
    `  npx ae-demo inspect user:carol --nodes ${others}`,
    `  npx ae-demo diff --nodes ${others}`,
    `  npx ae-demo trigger --node ${first.address}`,
    chalk.dim('Ctrl-C stops every node.'),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  await new Promise<void>((resolve) => {
    const done = () => resolve();
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
  });
  process.stderr.write('stopping every node…\n');
}
