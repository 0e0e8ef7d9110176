// The seed guide's scenario (cli.md): two direct writes of user:alice make node 1 and node 2
// disagree and node 3 miss the key; a normal write of user:bob shows what replication does;
// one anti-entropy trigger repairs everything, and the newer write wins everywhere.
import { byNode, ids, loadBackground, put, readKeys, roots, showTreeDifferences, snapshots, triggerAndShow, verify, winners } from './steps.js';
import type { Scenario } from './types.js';

const STORY_KEYS = ['user:alice', 'user:bob'];

export const seed: Scenario = {
  name: 'seed',
  summary: 'The guide: direct writes make user:alice differ on nodes 1 and 2, one trigger repairs all',
  minNodes: 2,
  async play(ctx) {
    const { cluster, options } = ctx;
    const count = cluster.nodes.length;
    if (options.backgroundKeys > 0) {
      await ctx.phase(`writing ${options.backgroundKeys} keys normally`, () => loadBackground(cluster, options.backgroundKeys), () =>
        `${options.backgroundKeys.toLocaleString('en-US')} keys written normally (replicated to all ${count})`,
      );
    }

    await ctx.section('A normal write is replicated');
    ctx.show({ type: 'writes', writes: [await put(ctx, 1, 'user:bob', 'bob_data', false)] });

    await ctx.section('Direct writes bypass replication (as a partition or a crash would)');
    const first = await put(ctx, 1, 'user:alice', 'alice_data_from_node1', true);
    const second = await put(ctx, 2, 'user:alice', 'alice_data_from_node2_DIFFERENT', true);
    ctx.show({ type: 'writes', writes: [first, second] });

    await ctx.section('Before anti-entropy');
    const before = await readKeys(cluster, STORY_KEYS);
    ctx.show({ type: 'keys', keys: STORY_KEYS, states: before, nodes: ids(cluster), background: options.backgroundKeys });

    await ctx.section('Merkle trees: where the replicas differ');
    const snapsBefore = await showTreeDifferences(ctx);

    await ctx.section(`Anti-entropy, triggered on ${cluster.nodes[0]!.id}`);
    const report = await triggerAndShow(ctx, 1, snapsBefore);

    await ctx.section('After anti-entropy');
    const after = await readKeys(cluster, STORY_KEYS);
    ctx.show({ type: 'keys', keys: STORY_KEYS, states: after, nodes: ids(cluster), background: options.backgroundKeys });
    ctx.show({ type: 'winners', winners: winners(before, after) });

    const verdict = await verify(cluster);
    return {
      converged: verdict.converged,
      problems: verdict.problems,
      before: byNode(before),
      after: byNode(after),
      roots: { before: roots(snapsBefore), after: roots(await snapshots(cluster)) },
      antiEntropy: [report],
      keys: verdict.keys,
    };
  },
};
