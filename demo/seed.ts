// The seed guide's scenario (cli.md): two direct writes of user:alice make node 1 and node 2
// disagree and node 3 miss the key; a normal write of user:bob shows what replication does;
// one anti-entropy trigger repairs everything, and the newer write wins everywhere.
import {
  background,
  BEFORE,
  expectEverywhere,
  put,
  repairAndVerify,
  repairParts,
  showBefore,
} from './steps.js';
import type { Part, Scenario } from '../src/story/scenario.js';

const STORY_KEYS = ['user:alice', 'user:bob'];

const PARTS = {
  replicated: { short: 'A normal write is replicated', title: 'A normal write is replicated' },
  direct: {
    short: 'Direct writes bypass replication',
    title: 'Direct writes bypass replication (as a partition or a crash would)',
  },
} satisfies Record<string, Part>;

export const seed: Scenario = {
  name: 'seed',
  summary:
    'The guide: direct writes make user:alice differ on nodes 1 and 2, one trigger repairs all',
  minNodes: 2,
  parts: [PARTS.replicated, PARTS.direct, BEFORE, ...repairParts(1)],
  async play(ctx) {
    await background(ctx);

    await ctx.section(PARTS.replicated);
    ctx.show({ type: 'writes', writes: [await put(ctx, 1, 'user:bob', 'bob_data', false)] });

    await ctx.section(PARTS.direct);
    const first = await put(ctx, 1, 'user:alice', 'alice_data_from_node1', true);
    const second = await put(ctx, 2, 'user:alice', 'alice_data_from_node2_DIFFERENT', true);
    ctx.show({ type: 'writes', writes: [first, second] });

    const before = await showBefore(ctx, STORY_KEYS);
    return repairAndVerify(ctx, STORY_KEYS, before, 1, (after) =>
      expectEverywhere(after, 'user:alice', 'alice_data_from_node2_DIFFERENT'),
    );
  },
};
