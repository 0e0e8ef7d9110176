// Split brain: {node 1} | {node 2, node 3}; both sides accept a write of the same key. When the
// partition heals, last-write-wins picks one winner everywhere, and the other write is lost.
import {
  background,
  expectEverywhere,
  othersThan,
  put,
  REPAIR_OUTLINE,
  repairAndVerify,
  showKeys,
} from './steps.js';
import type { Scenario } from '../src/story/scenario.js';

const KEYS = ['user:frank'];

export const splitBrain: Scenario = {
  name: 'split-brain',
  summary:
    'Partition {1} | {2, 3}, conflicting writes on both sides, heal: LWW keeps one and drops the other',
  minNodes: 3,
  outline: [
    'Split the cluster',
    'A write on each side',
    'Two versions of the truth',
    'The partition heals',
    ...REPAIR_OUTLINE,
  ],
  async play(ctx) {
    const { cluster } = ctx;
    const first = cluster.nodes[0]!;
    await background(ctx);
    await ctx.section(
      `Split the cluster: {${first.id}} | {${cluster.nodes
        .slice(1)
        .map((n) => n.id)
        .join(', ')}}`,
    );
    await cluster.clients[0]!.partition(othersThan(cluster, 1));

    await ctx.section('Each side accepts a write of the same key');
    const left = await put(ctx, 1, 'user:frank', 'frank_from_the_minority', false);
    const right = await put(ctx, 2, 'user:frank', 'frank_from_the_majority', false);
    ctx.show({ type: 'writes', writes: [left, right] });
    const before = await showKeys(ctx, 'Two versions of the truth', KEYS);

    await ctx.section('The partition heals');
    await cluster.clients[0]!.heal();
    const result = await repairAndVerify(ctx, KEYS, before, 1, (after) =>
      expectEverywhere(after, 'user:frank', 'frank_from_the_majority'),
    );
    ctx.show({
      type: 'note',
      text: `Lost: "${left.value}" (written on ${left.node}). It was acknowledged to its client, yet the later write won everywhere: that is last-write-wins, and why systems that cannot lose writes keep siblings or use CRDTs instead.`,
    });
    return result;
  },
};
