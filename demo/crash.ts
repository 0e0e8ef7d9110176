// A crash: node 3 is killed with SIGKILL, misses writes, restarts from its data directory with
// everything it had acknowledged, and anti-entropy brings it the rest.
import {
  background,
  expectEverywhere,
  put,
  repairAndVerify,
  repairParts,
  showKeys,
} from './steps.js';
import type { Part, Scenario } from '../src/story/scenario.js';

const KEYS = ['user:dave', 'user:erin'];

/** A crash: the node gets no chance to flush or say goodbye. */
const SIGNAL = 'SIGKILL';

const PARTS = {
  acknowledged: {
    short: 'A write every node acknowledges',
    title: 'A write every node acknowledges (and keeps on disk)',
  },
  crash: {
    short: 'Node 3 crashes; writes go on',
    title: (cluster) =>
      `${cluster.nodes[2]!.id} crashes (${cluster.killedBy(SIGNAL)}), and writes go on without it`,
  },
  restarted: {
    short: 'After the restart',
    title: (cluster) =>
      `After the restart: ${cluster.nodes[2]!.id} has what it acknowledged, not what it missed`,
  },
} satisfies Record<string, Part>;

export const crash: Scenario = {
  name: 'crash',
  summary:
    'Node 3 is killed with kill -9, misses writes, restarts from its data directory and is repaired',
  minNodes: 3,
  parts: [PARTS.acknowledged, PARTS.crash, PARTS.restarted, ...repairParts(3)],
  durable: true,
  async play(ctx) {
    const { cluster } = ctx;
    await background(ctx);
    await ctx.section(PARTS.acknowledged);
    ctx.show({ type: 'writes', writes: [await put(ctx, 1, 'user:dave', 'dave_v1', false)] });

    await ctx.section(PARTS.crash);
    const how = cluster.killedBy(SIGNAL);
    await ctx.phase(
      how === SIGNAL
        ? `kill -9 ${cluster.nodes[2]!.id}`
        : `${cluster.nodes[2]!.id} taken down by ${how}`,
      () => cluster.kill(3, SIGNAL),
      () => `${cluster.nodes[2]!.id} killed with ${how}`,
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
    const before = await showKeys(ctx, PARTS.restarted, KEYS);
    return repairAndVerify(ctx, KEYS, before, 3, (after) => [
      ...expectEverywhere(after, 'user:dave', 'dave_v2'),
      ...expectEverywhere(after, 'user:erin', 'erin_data'),
    ]);
  },
};
