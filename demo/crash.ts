// A crash: node 3 is killed with SIGKILL, misses writes, restarts from its data directory with
// everything it had acknowledged, and anti-entropy brings it the rest.
import {
  background,
  expectEverywhere,
  put,
  REPAIR_OUTLINE,
  repairAndVerify,
  showKeys,
} from './steps.js';
import type { Scenario } from '../src/story/scenario.js';

const KEYS = ['user:dave', 'user:erin'];

export const crash: Scenario = {
  name: 'crash',
  summary:
    'Node 3 is killed with kill -9, misses writes, restarts from its data directory and is repaired',
  minNodes: 3,
  outline: [
    'A write every node acknowledges',
    'Node 3 crashes; writes go on',
    'After the restart',
    ...REPAIR_OUTLINE,
  ],
  durable: true,
  async play(ctx) {
    const { cluster } = ctx;
    await background(ctx);
    await ctx.section('A write every node acknowledges (and keeps on disk)');
    ctx.show({ type: 'writes', writes: [await put(ctx, 1, 'user:dave', 'dave_v1', false)] });

    await ctx.section(`${cluster.nodes[2]!.id} crashes (SIGKILL), and writes go on without it`);
    await ctx.phase(
      `kill -9 ${cluster.nodes[2]!.id}`,
      () => cluster.kill(3, 'SIGKILL'),
      () => `${cluster.nodes[2]!.id} killed with SIGKILL`,
    );
    ctx.show({
      type: 'writes',
      writes: [
        await put(ctx, 1, 'user:dave', 'dave_v2', false),
        await put(ctx, 2, 'user:erin', 'erin_data', false),
      ],
    });

    await ctx.phase(
      `restarting ${cluster.nodes[2]!.id} from its data directory`,
      () => cluster.restart(3),
      (n) => `${n.id} restarted from its data directory`,
    );
    const before = await showKeys(
      ctx,
      `After the restart: ${cluster.nodes[2]!.id} has what it acknowledged, not what it missed`,
      KEYS,
    );
    return repairAndVerify(ctx, KEYS, before, 3, (after) => [
      ...expectEverywhere(after, 'user:dave', 'dave_v2'),
      ...expectEverywhere(after, 'user:erin', 'erin_data'),
    ]);
  },
};
