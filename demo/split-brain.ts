// Split brain: {node 1} | {node 2, node 3}; both sides accept a write of the same key. When the
// partition heals, last-write-wins picks one winner everywhere, and the other write is lost.
import {
  background,
  expectEverywhere,
  othersThan,
  put,
  repairAndVerify,
  repairParts,
  showKeys,
} from './steps.js';
import type { Part, Scenario } from '../src/story/scenario.js';

const KEYS = ['user:frank'];

const PARTS = {
  split: {
    short: 'Split the cluster',
    title: (cluster) =>
      `Split the cluster: {${cluster.nodes[0]!.id}} | {${cluster.nodes
        .slice(1)
        .map((n) => n.id)
        .join(', ')}}`,
  },
  writes: { short: 'A write on each side', title: 'Each side accepts a write of the same key' },
  before: { short: 'Two versions of the truth', title: 'Two versions of the truth' },
  heal: { short: 'The partition heals', title: 'The partition heals' },
} satisfies Record<string, Part>;

export const splitBrain: Scenario = {
  name: 'split-brain',
  summary:
    'Partition {1} | {2, 3}, conflicting writes on both sides, heal: LWW keeps one and drops the other',
  minNodes: 3,
  parts: [PARTS.split, PARTS.writes, PARTS.before, PARTS.heal, ...repairParts(1)],
  async play(ctx) {
    const { cluster } = ctx;
    await background(ctx);
    await ctx.section(PARTS.split);
    await cluster.clients[0]!.partition(othersThan(cluster, 1));

    await ctx.section(PARTS.writes);
    const left = await put(ctx, 1, 'user:frank', 'frank_from_the_minority', false);
    const right = await put(ctx, 2, 'user:frank', 'frank_from_the_majority', false);
    ctx.show({ type: 'writes', writes: [left, right] });
    const before = await showKeys(ctx, PARTS.before, KEYS);

    await ctx.section(PARTS.heal);
    await cluster.clients[0]!.heal();
    const result = await repairAndVerify(ctx, KEYS, before, 1, (after) =>
      expectEverywhere(after, 'user:frank', 'frank_from_the_majority'),
    );
    ctx.show({
      type: 'note',
      text:
        `Lost: "${left.value}" (written on ${left.node}). It was acknowledged to its client, ` +
        'yet the later write won everywhere: that is last-write-wins, and why systems that ' +
        'cannot lose writes keep siblings or use CRDTs instead.',
    });
    return result;
  },
};
