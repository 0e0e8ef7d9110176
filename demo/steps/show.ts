// Telling the story: the keys on every node, where the trees differ, one round and its cost.
import type { KeyState } from '../../src/cluster/client.js';
import { differingPairs, diffTrees, informativePairs } from '../../src/cluster/tree-diff.js';
import type { Snapshot } from '../../src/api/http.js';
import type { Strategy } from '../../src/api/strategies.js';
import type { Part, ScenarioContext, ShownRound } from '../../src/story/scenario.js';
import { ids, readKeys, snapshots } from './read.js';
import { roundCounts } from '../../src/format.js';

/** Tree differences drawn for at most this many pairs of nodes. */
const MAX_PAIRS_SHOWN = 3;

/** A numbered part that shows the story keys on every node; returns what it read. */
export async function showKeys(
  ctx: ScenarioContext,
  part: Part,
  keys: readonly string[],
): Promise<Record<string, KeyState[]>> {
  await ctx.section(part);
  return showStates(ctx, keys);
}

/** The keys on every node, as a table under the part being played; returns what it read. */
export async function showStates(
  ctx: ScenarioContext,
  keys: readonly string[],
): Promise<Record<string, KeyState[]>> {
  const states = await readKeys(ctx.cluster, keys);
  ctx.show({
    type: 'keys',
    keys: [...keys],
    states,
    nodes: ids(ctx.cluster),
    background: ctx.options.backgroundKeys,
  });
  return states;
}

/** Shows each node's root and, for pairs that differ, the path down to the differing keys. */
export async function showTreeDifferences(ctx: ScenarioContext): Promise<Snapshot[]> {
  const { cluster } = ctx;
  const snaps = await snapshots(cluster);
  ctx.show({ type: 'roots', snapshots: snaps });
  const roots = snaps.map((s) => s.root);
  const pairs = differingPairs(roots);
  const shown = informativePairs(roots).slice(0, MAX_PAIRS_SHOWN);
  // The pairs' walks are read-only and independent: walked at once, shown in order.
  const diffs = await Promise.all(
    shown.map(([i, j]) => diffTrees(cluster.clients[i]!, cluster.clients[j]!)),
  );
  shown.forEach(([i, j], k) => {
    const diff = diffs[k];
    if (diff) ctx.show({ type: 'tree-diff', a: snaps[i]!.node, b: snaps[j]!.node, diff });
  });
  if (pairs.length > shown.length)
    ctx.show({ type: 'tree-diff-more', pairs: pairs.length - shown.length });
  return snaps;
}

/** Triggers a round on one node and shows the report beside what a full exchange would cost. */
export async function triggerAndShow(
  ctx: ScenarioContext,
  node: number,
  before: Snapshot[],
  strategy?: Strategy,
): Promise<ShownRound> {
  const { cluster } = ctx;
  const self = before[node - 1]!;
  const report = await ctx.phase(
    `anti-entropy round on ${cluster.nodes[node - 1]!.id}${strategy ? ` (${strategy})` : ''}`,
    () => cluster.clients[node - 1]!.trigger(undefined, strategy),
    (r) => `anti-entropy round on ${r.node}: ${roundCounts(r)}`,
  );
  // A report names peers as the node knows them (localhost:P, ae-1.ae:9999 for nodes that run
  // elsewhere), not always by the addresses this CLI uses: the cluster says whose they are.
  const idsByAddress = Object.fromEntries(report.peers.map((p) => [p.peer, cluster.idOf(p.peer)]));
  const fullCost = Object.fromEntries(
    report.peers.flatMap((p) => {
      const i = cluster.nodes.findIndex((n) => n.id === idsByAddress[p.peer]);
      const cost = self.fullExchangeBytes + (before[i]?.fullExchangeBytes ?? 0);
      return i < 0 || i === node - 1 ? [] : [[p.peer, cost]];
    }),
  );
  await ctx.awaitMessages?.(report);
  ctx.show({ type: 'exchange', report, ids: idsByAddress, fullCost });
  return { ...report, fullExchangeBytes: fullCost };
}
