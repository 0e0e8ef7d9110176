// The messages of a cluster's nodes as one feed: asked of every node (over IPC when this CLI
// forked it, over GET /messages otherwise), timed from when the run began, each node named by
// its id, kept in arrival order and handed to whoever follows the feed.
import type { MessageRecord } from '../api/messages.js';
import type { RoundReport } from '../api/reports.js';
import type { Cluster } from './cluster.js';
import type { LaunchedNode } from './launcher.js';
import { roundComplete } from './round-messages.js';

/**
 * How long a report's messages may take to arrive after its answer: they left the node before
 * the answer did, on another channel. Past it, what came is shown.
 */
export const SETTLE_TIMEOUT_MS = 2_000;

export class MessageFeed {
  readonly records: MessageRecord[] = [];
  readonly #origin: number;
  readonly #ids: Map<string, string>;
  readonly #follow: (record: MessageRecord) => void;
  readonly #unwatch: (() => void)[] = [];
  readonly #waiting = new Set<() => void>();

  private constructor(cluster: Cluster, origin: number, follow: (r: MessageRecord) => void) {
    this.#origin = origin;
    this.#ids = new Map(cluster.nodes.map((n) => [n.address, n.id]));
    this.#follow = follow;
  }

  /**
   * Watches every node of the cluster; `origin`: when the run began, in ms since the epoch
   * (records are timed from it). Resolves once every node sends its records.
   */
  static async open(
    cluster: Cluster,
    origin: number,
    follow: (record: MessageRecord) => void = () => undefined,
  ): Promise<MessageFeed> {
    const feed = new MessageFeed(cluster, origin, follow);
    const watch = async (node: LaunchedNode) =>
      void feed.#unwatch.push(await node.watchMessages((r) => feed.#add(r)));
    // A node started again (the page's Restart, a scenario's new flags) is watched again.
    feed.#unwatch.push(cluster.onRestart(watch));
    await Promise.all(cluster.nodes.map(watch));
    return feed;
  }

  #add(record: MessageRecord): void {
    const named: MessageRecord = {
      ...record,
      at: Math.round((record.at - this.#origin) * 1000) / 1000,
      from: this.#ids.get(record.from) ?? record.from,
      to: this.#ids.get(record.to) ?? record.to,
    };
    this.records.push(named);
    this.#follow(named);
    for (const check of this.#waiting) check();
  }

  /** Resolves once the round's messages are all in (or SETTLE_TIMEOUT_MS has passed). */
  settle(report: RoundReport): Promise<void> {
    if (roundComplete(this.records, report)) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.#waiting.delete(check);
        resolve();
      };
      const check = () => {
        if (roundComplete(this.records, report)) done();
      };
      const timer = setTimeout(done, SETTLE_TIMEOUT_MS);
      this.#waiting.add(check);
    });
  }

  stop(): void {
    for (const unwatch of this.#unwatch.splice(0)) unwatch();
    for (const check of [...this.#waiting]) check();
  }
}
