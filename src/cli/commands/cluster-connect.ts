// `ae-demo cluster --web --connect host:port,...`: the live page, with its controls, on nodes
// that already run elsewhere. It starts and stops no node; Cut off and Heal go through the
// nodes' fault route, Kill and Restart through the user's --restart-command (absent without
// it). At Ctrl-C it heals what the page cut and brings back what it killed, and the nodes run on.
import type { NodeCommands } from '../../cluster/node-commands.js';
import { connectCluster } from '../../cluster/connect.js';
import { openClusterPage } from '../output/cluster-page.js';
import { nodeLine } from '../lifecycle/local-cluster.js';
import { withTeardown } from '../lifecycle/teardown.js';
import { closeOnNodesElsewhere } from '../lifecycle/interrupt.js';
import { announcePage } from '../output/web.js';
import { mark, quiet } from '../render/style.js';
import { terminalWidth, wrap } from '../render/wrap.js';

/** What the page on connected nodes needs: its port, their key and how to restart one. */
export interface ElsewhereOptions {
  webPort?: number;
  /** Record what the page sees, and every message (streamed from GET /messages), to this file. */
  record?: string;
  clusterKey?: { value: string };
  commands?: NodeCommands;
}

/** Shows the nodes at `addresses` on the live page until Ctrl-C. */
export async function watchElsewhere(o: ElsewhereOptions, addresses: string[]): Promise<void> {
  const width = terminalWidth();
  closeOnNodesElsewhere();
  const say = (text: string) => process.stdout.write(`${wrap(text, width, '  ')}\n`);
  const kills = o.commands?.restart
    ? 'Kill and Restart on the page run --restart-command'
    : 'the page offers no Kill or Restart (that needs --restart-command)';
  process.stderr.write(
    `${wrap(
      `--connect: showing ${addresses.length} nodes that run elsewhere; none is started or ` +
        `stopped; ${kills}.`,
      width,
    )}\n`,
  );
  await withTeardown(async (teardown) => {
    const page = { webPort: o.webPort ?? 0, count: addresses.length };
    const { view, watch } = await openClusterPage(
      o.record !== undefined ? { ...page, record: o.record } : page,
      teardown,
    );
    if (!view) return;
    const cluster = await connectCluster(addresses, o.clusterKey?.value, o.commands);
    // Not a stop: what the page cut is healed, what it killed is started again.
    teardown.defer(() => cluster.stop());
    teardown.defer(() => view.stopWatching());
    say(`${mark.done()} ${addresses.length} nodes answer  ${nodeLine(cluster)}`);
    await view.begin(
      {
        mode: 'cluster',
        scenario: '',
        outline: [],
        summary: 'Nodes that run elsewhere: none was started here, and they run on after Ctrl-C',
        step: false,
        elsewhere: true,
      },
      () => cluster.nodes,
    );
    view.enableControls(cluster);
    await watch(cluster);
    announcePage(view.url ?? '', false);
    say(
      quiet(
        'Ctrl-C closes the page: what it cut off is healed, what it killed is started again, ' +
          'and the nodes run on.',
      ),
    );
    // The teardown's own guard waits for the signal (Ctrl-C, SIGTERM, or the terminal closing:
    // SIGHUP), heals and exits 130; the page's server keeps the process alive until then.
    await new Promise<never>(() => undefined);
  });
}
