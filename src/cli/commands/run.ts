// `ae-demo run`: play a scenario on the nodes specs/run.ts started, print the story and the
// verdict, stop the nodes.
import { outline, type ScenarioResult } from '../../story/scenario.js';
import type { Cluster } from '../../cluster/cluster.js';
import { AeError, VerificationError } from '../../errors.js';
import type { RunView } from '../../web/live.js';
import { nodeLine } from '../lifecycle/local-cluster.js';
import { waitOrInterrupt } from '../lifecycle/interrupt.js';
import { phaseOn, scenarioContext, type Stage } from '../run/play.js';
import type { Teardown } from '../lifecycle/teardown.js';
import type { RunOptions, StartingNodes } from '../run/start.js';
import { createProgress } from '../render/spinner.js';
import { StoryPrinter } from '../render/story.js';
import { terminalWidth, wrap } from '../render/wrap.js';
import { commandLines } from '../render/command-line.js';
import { tryCommands } from '../../format.js';
import { strong, quiet } from '../render/style.js';
import type { RecordingWriter } from '../recording/writer.js';
import { runJson, type RunDocument } from '../recording/format.js';

/**
 * Plays one scenario from start to verdict on nodes already starting; the teardown stack the
 * command opened stops what it started.
 */
export async function run(
  o: RunOptions,
  reportFile: string | undefined,
  nodes: StartingNodes,
  teardown: Teardown,
): Promise<void> {
  let view: RunView | undefined;
  let recording: RecordingWriter | undefined;
  try {
    // Opened first, so that it closes last: after the page's last event.
    if (o.record !== undefined) {
      const { RecordingWriter } = await import('../recording/writer.js');
      const head = { command: 'run', scenario: o.scenario.name, nodes: o.count } as const;
      const messages = o.messages;
      recording = await RecordingWriter.open(o.record, { ...head, messages }, nodes.started);
    }
    if (recording) teardown.defer(() => recording?.close());
    const shown = reportFile !== undefined || recording !== undefined;
    view = await openView(o, shown, nodes.started, teardown);
    if (view) recording?.follow(view.recorder);
  } catch (error) {
    await nodes.stop();
    throw error;
  }
  teardown.defer(() => nodes.stop());
  // Before the nodes stop: the page and the report keep the cluster as it last was.
  teardown.defer(() => view?.stopWatching());
  const stage: Stage = {
    printer: new StoryPrinter(
      o.json ? undefined : (text) => process.stdout.write(text),
      terminalWidth(),
      o.messages ? () => stage.feed?.records ?? [] : undefined,
    ),
    progress: createProgress(o.json),
    view,
    step: o.step,
  };
  teardown.defer(() => stage.feed?.stop());
  try {
    const { cluster, result } = await play(o, stage, nodes);
    const document = await tell(o, stage, cluster, result, performance.now() - nodes.started);
    recording?.result(document);
    if (view && reportFile)
      await (await import('../output/web.js')).writeReport(view, reportFile, o.keep);
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
      const { writeReport } = await import('../output/web.js');
      await writeReport(view, reportFile, false).catch(() => undefined);
    }
    throw error;
  }
}

/**
 * The live page and the report see the run through one recorder; neither: no recorder at all.
 * Once the run has told its verdict, a page nobody opened yet stays up until one does.
 */
async function openView(
  o: RunOptions,
  report: boolean,
  since: number,
  teardown: Teardown,
): Promise<RunView | undefined> {
  if (o.webPort === undefined && !report) return undefined;
  // Loaded only here: a run without a page or a report does without the web modules.
  const [{ RunView }, { announcePage, lingerForPage }] = await Promise.all([
    import('../../web/live.js'),
    import('../output/web.js'),
  ]);
  const view = await RunView.open(
    o.webPort !== undefined ? { webPort: o.webPort, since } : { since },
  );
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

/** Waits for the nodes (under a spinner) and plays the scenario on them. */
async function play(
  o: RunOptions,
  stage: Stage,
  nodes: StartingNodes,
): Promise<{ cluster: Cluster; result: ScenarioResult }> {
  const { scenario } = o;
  const { printer, view } = stage;
  const { data } = nodes;
  printer.heading(scenario.name, o.count);
  const cluster = await phaseOn(stage)(
    o.connect ? `connecting to ${o.count} running nodes` : `starting ${o.count} nodes`,
    () => nodes.cluster,
    (c) => `${o.count} nodes up  ${nodeLine(c)}${data ? quiet(`  data in ${data.root}`) : ''}`,
  );
  await view?.begin(
    {
      mode: 'run',
      scenario: scenario.name,
      summary: scenario.summary,
      outline: outline(scenario.parts),
      step: o.step,
      ...(o.connect ? { elsewhere: true } : {}),
    },
    () => cluster.nodes,
  );
  // The message lists, the recording, the page's diagram and the report's all follow the feed.
  if (o.messages || view) {
    const { MessageFeed } = await import('../../cluster/message-feed.js');
    const origin = performance.timeOrigin + nodes.started;
    stage.feed = await MessageFeed.open(cluster, origin, (record) => view?.emit(record));
  }
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
): Promise<RunDocument> {
  const root = Object.values(result.roots.after)[0] ?? '';
  // The screen and the page show the same whole milliseconds (a replay prints them again).
  const elapsedMs = Math.round(elapsed);
  await view?.sample();
  view?.emit({
    type: 'verdict',
    verdict: {
      converged: result.converged,
      problems: result.problems,
      nodes: cluster.nodes.length,
      keys: result.keys,
      root,
      elapsedMs,
    },
  });
  const nodes = cluster.nodes.map((n) => ({ id: n.id, address: n.address, port: n.port }));
  const peersPerRound = o.peersPerRound ?? null;
  const document = {
    scenario: o.scenario.name,
    nodes,
    peersPerRound,
    // Whether the trees were keyed, and by which tree key (its fingerprint, never the key), as
    // the nodes say: nodes elsewhere may hash with no key while this CLI was given one.
    tree: (await cluster.clients[0]!.health()).tree,
    ...result,
    durationMs: elapsedMs,
  };
  if (o.json) process.stdout.write(runJson(document));
  else
    printer.verdict(
      result.converged,
      cluster.nodes.length,
      result.keys,
      root,
      result.problems,
      elapsedMs,
    );
  return document;
}

function isInterrupt(error: unknown): boolean {
  return error instanceof AeError && error.code === 'interrupted';
}

/** --keep: say how to poke at the cluster, then wait for Ctrl-C. */
async function keepUntilInterrupted(cluster: Cluster): Promise<void> {
  const addresses = cluster.nodes.map((n) => n.address);
  const width = terminalWidth();
  const lines = [
    '',
    wrap(strong(`The cluster stays up (${addresses.join(', ')}). Try:`), width),
    ...[`curl -s http://${addresses[0]}/kv/user:alice`, ...tryCommands(addresses)].map((c) =>
      commandLines(c, width),
    ),
    quiet('Ctrl-C stops every node.'),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  await waitOrInterrupt();
}
