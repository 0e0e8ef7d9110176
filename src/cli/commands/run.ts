// `ae-demo run`: start the nodes, play a scenario, print the story and the verdict, stop the nodes.
import type { Argv, CommandModule } from 'yargs';
import { outline, type Scenario, type ScenarioResult } from '../../story/scenario.js';
import type { Cluster } from '../../cluster/cluster.js';
import type { Strategy } from '../../node/sync/exchange.js';
import { AeError, UsageError, VerificationError } from '../../errors.js';
import { RunView } from '../../web/live.js';
import {
  checkClusterFlags,
  clusterFlags,
  makeDataDirs,
  nodeLine,
  startLocalCluster,
  type ClusterArgs,
} from '../cluster-flags.js';
import { waitOrInterrupt } from '../interrupt.js';
import { phaseOn, scenarioContext, type Stage } from '../play.js';
import { withTeardown, type Teardown } from '../teardown.js';
import { parseCount } from '../options.js';
import { createProgress } from '../render/spinner.js';
import { StoryPrinter } from '../render/story.js';
import { terminalWidth } from '../render/wrap.js';
import { checkReportPath, checkWebFlags, webFlags, type WebArgs } from '../web-flags.js';
import { announcePage, lingerForPage, writeReport } from '../web-output.js';
import { tryCommands } from '../../format.js';
import { strong, quiet } from '../render/style.js';

/** Keys written before the story: enough that shipping everything visibly costs more than a tree walk. */
const DEFAULT_BACKGROUND_KEYS = 1000;
const MAX_BACKGROUND_KEYS = 1_000_000;

interface RunArgs extends ClusterArgs, WebArgs {
  scenario: string;
  report?: string;
  json: boolean;
  step: boolean;
  keep: boolean;
  seed: number;
  keys: number;
}

export interface RunOptions {
  scenario: Scenario;
  count: number;
  basePort: number;
  json: boolean;
  step: boolean;
  keep: boolean;
  seed: number;
  keys: number;
  /** How the nodes reconcile (default merkle). */
  strategy?: Strategy;
  /** Peers each node's periodic rounds talk to, at random (default: all). */
  peersPerRound?: number;
  /** Serve the live page on this port (0: any free one). */
  webPort?: number;
  /** Write the report here at the end. */
  report?: string;
}

/** The command, choosing among the scenarios the entry point gave. */
export const runCommand = (scenarios: readonly Scenario[]): CommandModule<object, RunArgs> => ({
  command: 'run',
  describe: 'Start nodes, make them diverge, repair them with anti-entropy and verify',
  builder: (y: Argv) =>
    webFlags(clusterFlags(y))
      .option('report', {
        type: 'string',
        describe: 'Write a self-contained HTML report of the run to this file',
      })
      .option('scenario', {
        type: 'string',
        default: 'seed',
        describe: `Which story to play: ${scenarios.map((s) => s.name).join(', ')}`,
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
      .option('keys', {
        type: 'number',
        default: DEFAULT_BACKGROUND_KEYS,
        describe: 'Background keys written normally first',
      })
      .example('$0 run', 'the seed guide: three nodes on 9999-10001')
      .example('$0 run --nodes 5 --base-port 20000 --keys 100000', 'five nodes, a bigger data set')
      .example(
        '$0 run --web --step',
        'present it: a live page on 127.0.0.1, advanced with its Next button',
      )
      .example('$0 run --report run.html', 'keep a self-contained HTML report of the run')
      .example(
        '$0 run --ae-strategy riblt',
        'the same story, reconciled with coded symbols (RIBLT)',
      )
      .example(
        '$0 run --scenario periodic --nodes 9 --ae-peers-per-round 1',
        'nine nodes that gossip with one random peer per round, as ae-demo simulate predicts',
      )
      .example('$0 run --json | jq .after', 'the result as JSON') as unknown as Argv<RunArgs>,
  handler: async (argv) => {
    const { count, basePort, strategy, peersPerRound } = checkClusterFlags(argv);
    const webPort = checkWebFlags(argv);
    const scenario = scenarios.find((s) => s.name === argv.scenario);
    if (!scenario)
      throw new UsageError(
        `There is no scenario "${argv.scenario}"; choose one of ${scenarios.map((s) => s.name).join(', ')} (ae-demo scenarios lists them).`,
      );
    await run({
      scenario,
      count,
      basePort,
      strategy,
      ...(peersPerRound !== undefined ? { peersPerRound } : {}),
      json: argv.json,
      step: argv.step && !argv.json,
      keep: argv.keep,
      seed: parseCount(argv.seed, '--seed', 0, 2 ** 31),
      keys: parseCount(argv.keys, '--keys', 0, MAX_BACKGROUND_KEYS),
      ...(webPort !== undefined ? { webPort } : {}),
      ...(argv.report !== undefined ? { report: argv.report } : {}),
    });
  },
});

/** Plays one scenario from start to verdict; one teardown stack stops what it started. */
export async function run(o: RunOptions): Promise<void> {
  const { scenario } = o;
  if (o.count < scenario.minNodes)
    throw new UsageError(
      `Scenario ${scenario.name} needs at least ${scenario.minNodes} nodes; pass --nodes ${scenario.minNodes} or more.`,
    );
  const reportFile = o.report !== undefined ? await checkReportPath(o.report) : undefined;
  await withTeardown(async (teardown) => {
    const started = performance.now();
    const stage: Stage = {
      printer: new StoryPrinter((text) => {
        if (!o.json) process.stdout.write(text);
      }, terminalWidth()),
      progress: createProgress(o.json),
      view: await openView(o, reportFile !== undefined, teardown),
      step: o.step,
    };
    const { view } = stage;
    try {
      const { cluster, result } = await play(o, stage, teardown);
      await tell(o, stage, cluster, result, performance.now() - started);
      if (view && reportFile) await writeReport(view, reportFile, o.keep);
      if (o.keep) {
        view?.emit({ type: 'end', kept: true });
        view?.enableControls(cluster);
        teardown.handOverSignals();
        await keepUntilInterrupted(cluster);
      }
      if (!result.converged)
        throw new VerificationError(
          `The replicas still differ after anti-entropy: ${result.problems[0] ?? 'see above'}.`,
        );
    } catch (error) {
      // A run that broke off still leaves its report: what it saw up to the error.
      if (view && reportFile && !(error instanceof VerificationError) && !isInterrupt(error)) {
        view.emit({ type: 'end', kept: false, error: (error as Error).message });
        await writeReport(view, reportFile, false).catch(() => undefined);
      }
      throw error;
    }
  });
}

/**
 * The live page and the report see the run through one recorder; neither: no recorder at all.
 * Once the run has told its verdict, a page nobody opened yet stays up until one does.
 */
async function openView(
  o: RunOptions,
  report: boolean,
  teardown: Teardown,
): Promise<RunView | undefined> {
  if (o.webPort === undefined && !report) return undefined;
  const view = await RunView.open(o.webPort !== undefined ? { webPort: o.webPort } : {});
  teardown.defer(() => view.close());
  teardown.defer(async () => {
    if (view.live && view.recorder.state.verdict && !teardown.interrupted)
      await lingerForPage(view);
  });
  // After --keep too: once the nodes stop, the page must not go on saying the cluster is up.
  teardown.defer(() => {
    if (view.recorder.state.ended?.kept !== false) view.emit({ type: 'end', kept: false });
  });
  if (view.url) announcePage(view.url, o.step);
  return view;
}

/** Starts the nodes (and their data directories) and plays the scenario on them. */
async function play(
  o: RunOptions,
  stage: Stage,
  teardown: Teardown,
): Promise<{ cluster: Cluster; result: ScenarioResult }> {
  const { scenario } = o;
  const { printer, view } = stage;
  printer.line(
    `${strong('ae-demo')} · anti-entropy between ${o.count} replicas of a key-value store · scenario ${strong(scenario.name)}`,
  );
  printer.line();
  // The page's Restart (run --web --keep) restarts a killed node from its data directory.
  const data =
    scenario.durable || (o.keep && view?.live) ? await makeDataDirs('ae-demo-') : undefined;
  if (data) teardown.defer(() => data.remove());
  const nodeArgs = (i: number) => [...(scenario.nodeArgs?.(i) ?? []), ...(data?.args(i) ?? [])];
  const cluster = await phaseOn(stage)(
    `starting ${o.count} nodes`,
    async () => {
      const started = await startLocalCluster(
        o.count,
        o.basePort,
        scenario.aeIntervalMs ?? 0,
        undefined,
        nodeArgs,
        scenario.strategy ?? o.strategy,
        o.peersPerRound,
      );
      teardown.defer(() => started.stop());
      return started;
    },
    (c) => `${o.count} nodes up  ${nodeLine(c)}${data ? quiet(`  data in ${data.root}`) : ''}`,
  );
  await view?.begin(
    {
      mode: 'run',
      scenario: scenario.name,
      summary: scenario.summary,
      outline: outline(scenario.parts),
      step: o.step,
    },
    () => cluster.nodes,
  );
  const options = { seed: o.seed, backgroundKeys: o.keys };
  const ctx = scenarioContext(cluster, options, scenario.parts, stage);
  return { cluster, result: await scenario.play(ctx) };
}

/** The verdict: to the page, and as JSON or the terminal's verdict lines. */
async function tell(
  o: RunOptions,
  { printer, view }: Stage,
  cluster: Cluster,
  result: ScenarioResult,
  elapsed: number,
): Promise<void> {
  const root = Object.values(result.roots.after)[0] ?? '';
  await view?.sample();
  view?.emit({
    type: 'verdict',
    verdict: {
      converged: result.converged,
      problems: result.problems,
      nodes: cluster.nodes.length,
      keys: result.keys,
      root,
      elapsedMs: Math.round(elapsed),
    },
  });
  if (o.json) {
    const nodes = cluster.nodes.map((n) => ({ id: n.id, address: n.address, port: n.port }));
    process.stdout.write(
      `${JSON.stringify({ scenario: o.scenario.name, nodes, peersPerRound: o.peersPerRound ?? null, ...result, durationMs: Math.round(elapsed) }, null, 2)}\n`,
    );
  } else {
    printer.verdict(
      result.converged,
      cluster.nodes.length,
      result.keys,
      root,
      result.problems,
      elapsed,
    );
  }
}

function isInterrupt(error: unknown): boolean {
  return error instanceof AeError && error.code === 'interrupted';
}

/** --keep: say how to poke at the cluster, then wait for Ctrl-C. */
async function keepUntilInterrupted(cluster: Cluster): Promise<void> {
  const addresses = cluster.nodes.map((n) => n.address);
  const lines = [
    '',
    strong(`The cluster stays up (${addresses.join(', ')}). Try:`),
    `  curl -s http://${addresses[0]}/kv/user:alice`,
    ...tryCommands(addresses).map((c) => `  ${c}`),
    quiet('Ctrl-C stops every node.'),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  await waitOrInterrupt().finally(() => process.stderr.write('stopping every node…\n'));
}
