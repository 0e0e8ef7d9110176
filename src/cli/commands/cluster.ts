// `ae-demo cluster`: N nodes in the foreground, their log lines prefixed, until Ctrl-C.
import type { ClusterSetup } from '../flags/cluster.js';
import type { NodeCommands } from '../../cluster/node-commands.js';
import {
  makeDataDirs,
  nodeLine,
  randomClusterKey,
  startLocalCluster,
} from '../lifecycle/local-cluster.js';
import { waitOrInterrupt } from '../lifecycle/interrupt.js';
import { announcePage } from '../output/web.js';
import { openClusterPage } from '../output/cluster-page.js';
import { withTeardown } from '../lifecycle/teardown.js';
import { plural } from '../../format.js';
import { clusterIntro, type KeySource } from '../render/cluster.js';
import { NodeLog } from '../render/node-log.js';
import { bad, mark } from '../render/style.js';
import { terminalWidth, wrap } from '../render/wrap.js';

/** The nodes `ae-demo cluster` starts, how often they repair, and the live page's port. */
export interface ClusterCommandOptions extends ClusterSetup {
  /** Milliseconds between periodic rounds (0: only on trigger). */
  intervalMs: number;
  /** Serve the live page on this port (0: any free one); no page without it. */
  webPort?: number;
  /** Record what the page sees, and every message, to this file (with --web). */
  record?: string;
  /** The key the user gave (--cluster-key, or $AE_DEMO_CLUSTER_KEY); none: a fresh one. */
  clusterKey?: { value: string; source: Exclude<KeySource, 'fresh'>; file?: string };
  /** Show these nodes, which run elsewhere, instead of starting any (with webPort). */
  connect?: string[];
  /** How the page's Kill and Restart reach them (--kill-command, --restart-command). */
  commands?: NodeCommands;
}

/** Starts the nodes (and the live page), reports them, and waits for Ctrl-C. */
export async function cluster(o: ClusterCommandOptions): Promise<void> {
  if (o.connect) return (await import('./cluster-connect.js')).watchElsewhere(o, o.connect);
  const { count, basePort, strategy, peersPerRound } = o;
  const interval = o.intervalMs;
  const key = o.clusterKey ?? { value: randomClusterKey(), source: 'fresh' as const };
  const width = terminalWidth();
  const log = new NodeLog((text) => process.stdout.write(text), width);
  let stopping = false;
  await withTeardown(async (teardown) => {
    const { view, watch } = await openClusterPage(o, teardown);
    // Data directories in a temporary folder (removed at exit), so a killed node restarts from its own.
    const data = await makeDataDirs('ae-demo-cluster-');
    teardown.defer(() => data.remove());
    const cluster = await startLocalCluster({
      count,
      basePort,
      aeIntervalMs: interval,
      onLog: log.line,
      extraArgs: data.args,
      strategy,
      peersPerRound,
      clusterKey: key.value,
      ...(o.conflicts ? { conflicts: o.conflicts } : {}),
    });
    teardown.defer(() => cluster.stop());
    // Before the nodes stop: the page keeps the cluster as it last was.
    teardown.defer(() => view?.stopWatching());
    teardown.defer(() => {
      stopping = true;
      log.stop();
    });
    process.stdout.write(
      `${wrap(`${mark.done()} ${count} nodes up  ${nodeLine(cluster)}`, width, '  ')}\n`,
    );
    log.up();
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
      await watch(cluster);
      announcePage(view.url ?? '', false);
    }
    const intro = clusterIntro(
      cluster.nodes.map((n) => n.address),
      key,
      width,
    );
    process.stdout.write(`${intro.join('\n')}\n`);
    // A node that dies on its own is reported; the rest keep running.
    // (the page's Kill is one too: it says so on the page, and Restart brings the node back).
    for (const n of cluster.nodes)
      void n.exited.then(() => !stopping && process.stderr.write(bad(`${n.id} exited\n`)));
    // Ctrl-C is how a foreground cluster ends: the stack stops the nodes, and the exit code is 130.
    teardown.handOverSignals();
    await waitOrInterrupt().finally(() => {
      stopping = true;
      log.stop();
    });
  });
}

/** ", 1 random peer per round" when K leaves some peers out of a round; nothing otherwise. */
function gossip(k: number | undefined, count: number): string {
  if (k === undefined || k >= count - 1) return '';
  return `, ${plural(k, 'random peer')} per round`;
}
