// `ae-demo diff`: every node's Merkle root and, for each pair that differs, where.
import { NodeClient } from '../../cluster/client.js';
import { differingPairs, diffTrees, type DiffNode } from '../../cluster/tree-diff.js';
import { StoryPrinter } from '../render/story.js';
import { terminalWidth } from '../render/wrap.js';
import { TreesDifferError } from '../../errors.js';

/** Which nodes `ae-demo diff` compares, and how it prints them. */
export interface DiffOptions {
  addresses: string[];
  /** Sent with every request (the routes it reads are open; a node behind a proxy may want it). */
  clusterKey?: string;
  /** Print JSON instead of the story's tables. */
  json: boolean;
}

/** Asks every node for its root, walks the trees of each pair that differs, prints both. */
export async function diff(o: DiffOptions): Promise<void> {
  const clients = o.addresses.map((a) => new NodeClient(a, o.clusterKey, { retries: 0 }));
  const snaps = await Promise.all(clients.map((c) => c.snapshot()));
  const pairs: { a: string; b: string; diff: DiffNode }[] = [];
  for (const [i, j] of differingPairs(snaps.map((s) => s.root))) {
    const diff = await diffTrees(clients[i]!, clients[j]!);
    if (diff) pairs.push({ a: snaps[i]!.node, b: snaps[j]!.node, diff });
  }
  if (o.json) {
    const roots = snaps.map((s) => ({ node: s.node, root: s.root, count: s.count }));
    process.stdout.write(
      `${JSON.stringify({ roots, equal: pairs.length === 0, pairs }, null, 2)}\n`,
    );
  } else {
    const printer = new StoryPrinter((text) => process.stdout.write(text), terminalWidth());
    printer.show({ type: 'roots', snapshots: snaps });
    for (const p of pairs) printer.show({ type: 'tree-diff', ...p });
  }
  // Like diff(1): 0 when every root is equal, 1 when some differ (with --json too).
  if (new Set(snaps.map((s) => s.root)).size > 1) throw new TreesDifferError(pairs.length);
}
