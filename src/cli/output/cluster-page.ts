// The live page of `cluster --web` (local or --connect), and with --record its recording: opened
// first, so that they close last (after the page's last event); `watch` then follows the nodes'
// messages once they answer (over IPC from forked nodes, GET /messages from nodes elsewhere): the
// page's diagram draws them and the recording keeps them.
import { RunView } from '../../web/live.js';
import { MessageFeed } from '../../cluster/message-feed.js';
import type { Cluster } from '../../cluster/cluster.js';
import type { Teardown } from '../lifecycle/teardown.js';

export interface ClusterPageOptions {
  /** Serve the live page on this port (0: any free one); no page without it. */
  webPort?: number;
  /** Record what the page sees, and every message, to this file. */
  record?: string;
  /** How many nodes (the recording's head says it). */
  count: number;
}

export async function openClusterPage(
  o: ClusterPageOptions,
  teardown: Teardown,
): Promise<{ view: RunView | undefined; watch: (cluster: Cluster) => Promise<void> }> {
  const since = performance.now();
  const head = { command: 'cluster', scenario: '', nodes: o.count, messages: false } as const;
  const recording =
    o.record !== undefined
      ? await (await import('../recording/writer.js')).RecordingWriter.open(o.record, head, since)
      : undefined;
  if (recording) teardown.defer(() => recording.close());
  const view =
    o.webPort !== undefined ? await RunView.open({ webPort: o.webPort, since }) : undefined;
  if (view) {
    recording?.follow(view.recorder);
    teardown.defer(() => view.close());
    teardown.defer(() => view.emit({ type: 'end', kept: false }));
  }
  const watch = async (cluster: Cluster) => {
    if (!view) return;
    const origin = performance.timeOrigin + since;
    const feed = await MessageFeed.open(cluster, origin, (r) => view.emit(r));
    teardown.defer(() => feed.stop());
  };
  return { view, watch };
}
