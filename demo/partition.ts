// A network partition: node 3 is cut off while a write goes through node 1, so node 3 is left
// stale; the partition heals and one anti-entropy round brings node 3 up to date.
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

const KEYS = ['user:carol'];

const PARTS = {
  cut: {
    short: 'Node 3 is cut off',
    title: (cluster) => `Cut ${cluster.nodes[2]!.id} off from every other node (both directions)`,
  },
  write: {
    short: 'A write cannot reach node 3',
    title: 'A normal write through node 1 cannot reach node 3',
  },
  before: {
    short: 'Before healing',
    title: (cluster) => `Before healing: ${cluster.nodes[2]!.id} is stale`,
  },
  heal: { short: 'The partition heals', title: 'The partition heals' },
} satisfies Record<string, Part>;

export const partition: Scenario = {
  name: 'partition',
  summary:
    'Node 3 is cut off while node 1 takes a write; after healing, anti-entropy repairs node 3',
  minNodes: 3,
  parts: [PARTS.cut, PARTS.write, PARTS.before, PARTS.heal, ...repairParts(1)],
  async play(ctx) {
    const { cluster } = ctx;
    const third = cluster.nodes[2]!;
    await background(ctx);
    await ctx.section(PARTS.cut);
    await cluster.clients[2]!.partition(othersThan(cluster, 3));
    ctx.show({
      type: 'note',
      text:
        `POST /admin/partition on ${third.id}: it neither sends to nor accepts from ` +
        othersThan(cluster, 3).join(', '),
    });

    await ctx.section(PARTS.write);
    ctx.show({ type: 'writes', writes: [await put(ctx, 1, 'user:carol', 'carol_data', false)] });
    const before = await showKeys(ctx, PARTS.before, KEYS);

    await ctx.section(PARTS.heal);
    await cluster.clients[2]!.heal();
    ctx.show({
      type: 'note',
      text: `POST /admin/heal on ${third.id}: the network is whole again, but nothing resends the lost write`,
    });
    return repairAndVerify(ctx, KEYS, before, 1, (after) =>
      expectEverywhere(after, 'user:carol', 'carol_data'),
    );
  },
};
