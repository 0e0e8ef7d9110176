// `ae-demo cluster`: N nodes in the foreground, their log lines prefixed, until Ctrl-C.
import type { ClusterSetup } from '../flags/cluster.js';
import { makeDataDirs, nodeLine, startLocalCluster } from '../lifecycle/local-cluster.js';
import { waitOrInterrupt } from '../lifecycle/interrupt.js';
import { announcePage } from '../output/web.js';
import { RunView } from '../../web/live.js';
import { withTeardown } from '../lifecycle/teardown.js';
import { plural, tryCommands } from '../../format.js';
import { quiet, bad, mark, nodePaint } from '../render/style.js';

/** The nodes `ae-demo cluster` starts, how often they repair, and the live page's port. */
export interface ClusterCommandOptions extends ClusterSetup {
  /** Milliseconds between periodic rounds (0: only on trigger). */
  intervalMs: number;
  /** Serve the live page on this port (0: any free one); no page without it. */
  webPort?: number;
}

/** Starts the nodes (and the live page), reports them, and waits for Ctrl-C. */
export async function cluster(o: ClusterCommandOptions): Promise<void> {
  const { count, basePort, strategy, peersPerRound, webPort } = o;
  const interval = o.intervalMs;
  const prefix = (node: number) => nodePaint(node)(`node ${node} │`);
  let stopping = false;
  const log = (node: number, _stream: 'stdout' | 'stderr', line: string) =>
    process.stdout.write(`${prefix(node)} ${line}\n`);
  await withTeardown(async (teardown) => {
    const view = webPort !== undefined ? await RunView.open({ webPort }) : undefined;
    if (view) {
      teardown.defer(() => view.close());
      teardown.defer(() => view.emit({ type: 'end', kept: false }));
    }
    // Data directories in a temporary folder (removed at exit), so a killed node restarts from its own.
    const data = await makeDataDirs('ae-demo-cluster-');
    teardown.defer(() => data.remove());
    const cluster = await startLocalCluster(
      count,
      basePort,
      interval,
      log,
      data.args,
      strategy,
      peersPerRound,
    );
    teardown.defer(() => cluster.stop());
    // Before the nodes stop: the page keeps the cluster as it last was.
    teardown.defer(() => view?.stopWatching());
    teardown.defer(() => {
      stopping = true;
    });
    process.stdout.write(`${mark.done()} ${count} nodes up  ${nodeLine(cluster)}\n`);
    if (view) {
      await view.begin(
        {
          mode: 'cluster',
          scenario: '',
          outline: [],
          summary:
            interval > 0
              ? `Periodic anti-entropy every ${interval} ms${gossip(peersPerRound, count)}`
              : 'Anti-entropy only on trigger',
          step: false,
        },
        () => cluster.nodes,
      );
      view.enableControls(cluster);
      announcePage(view.url ?? '', false);
    }
    const commands = tryCommands(cluster.nodes.map((n) => n.address));
    process.stdout.write(quiet(`Try: ${[...commands, 'Ctrl-C stops them all'].join(' · ')}\n`));
    // A node that dies on its own is reported; the rest keep running.
    // (the page's Kill is one too: it says so on the page, and Restart brings the node back).
    for (const n of cluster.nodes)
      void n.exited.then(() => !stopping && process.stderr.write(bad(`${n.id} exited\n`)));
    // Ctrl-C is how a foreground cluster ends: the stack stops the nodes, and the exit code is 130.
    teardown.handOverSignals();
    await waitOrInterrupt().finally(() => (stopping = true));
  });
}

/** ", 1 random peer per round" when K leaves some peers out of a round; nothing otherwise. */
function gossip(k: number | undefined, count: number): string {
  if (k === undefined || k >= count - 1) return '';
  return `, ${plural(k, 'random peer')} per round`;
}
