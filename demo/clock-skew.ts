// Clock skew: node 3's clock runs 5 s behind. The hybrid clock still orders a write made after
// seeing another one after it; but a write made without having seen the other can lose to an
// earlier one, which is where last-write-wins still surprises.
import {
  background,
  BEFORE,
  expectEverywhere,
  put,
  repairAndVerify,
  repairParts,
  showBefore,
} from './steps.js';
import type { Part, Scenario, ScenarioContext, ScenarioResult } from '../src/story/scenario.js';
import type { KeyState } from '../src/cluster/client.js';
import { ids, snapshots, triggerAndShow } from './steps.js';
import { countLost } from './steps/causality.js';
import { readSets, SIBLING_JOIN } from './steps/siblings.js';

const SKEW_MS = -5_000;
const KEYS = ['user:ivy', 'user:jack'];

const PARTS = {
  skew: {
    short: "Node 3's clock runs behind",
    title: (cluster) =>
      `${cluster.nodes[2]!.id}'s clock runs ${-SKEW_MS / 1000} s behind the others (--clock-skew-ms ${SKEW_MS})`,
  },
  concurrent: {
    short: 'Two concurrent writes',
    title: 'Two writes where neither node saw the other first',
  },
  siblings: {
    short: 'The same writes, with siblings',
    title: 'The nodes restart with --conflicts siblings: the same two writes of user:jack',
  },
} satisfies Record<string, Part>;

export const clockSkew: Scenario = {
  name: 'clock-skew',
  summary:
    "Node 3's clock runs 5 s behind: the hybrid clock keeps causal order; concurrent writes can still surprise",
  minNodes: 3,
  parts: [PARTS.skew, PARTS.concurrent, BEFORE, ...repairParts(1), PARTS.siblings],
  nodeArgs: (i) => (i === 3 ? ['--clock-skew-ms', String(SKEW_MS)] : []),
  async play(ctx) {
    const { cluster } = ctx;
    const [first, , third] = cluster.nodes;
    await background(ctx);
    await ctx.section(PARTS.skew);
    const seen = await put(ctx, 1, 'user:ivy', 'ivy_first', false);
    const after = await put(ctx, 3, 'user:ivy', 'ivy_second_from_the_slow_clock', true);
    ctx.show({ type: 'writes', writes: [seen, after] });
    ctx.show({
      type: 'note',
      text:
        `${third!.id} had seen ${first!.id}'s write, so its hybrid clock moved past it: ` +
        'the second write gets the larger version despite a clock 5 s behind.',
    });

    await ctx.section(PARTS.concurrent);
    const early = await put(ctx, 1, 'user:jack', 'jack_written_first', true);
    const late = await put(ctx, 3, 'user:jack', 'jack_written_later_on_the_slow_clock', true);
    ctx.show({ type: 'writes', writes: [early, late] });
    const before = await showBefore(ctx, KEYS);
    const result = await repairAndVerify(ctx, KEYS, before, 1, (states) => [
      ...expectEverywhere(states, 'user:ivy', 'ivy_second_from_the_slow_clock'),
      ...expectEverywhere(states, 'user:jack', 'jack_written_first'),
    ]);
    ctx.show({
      type: 'note',
      text:
        `user:jack: the write made later in real time lost, because ${third!.id}'s clock said ` +
        'it was earlier and nothing told it otherwise. Last-write-wins trusts clocks for ' +
        'concurrent writes.',
    });
    const lostLww = countLost([early, late], states(result, 'user:jack'));
    const lostSiblings = await siblingsAgain(ctx);
    const lostWrites = { lww: lostLww.length, siblings: lostSiblings };
    ctx.show({
      type: 'note',
      text: `acknowledged writes lost: lww ${lostWrites.lww} of 2, siblings ${lostWrites.siblings} of 2`,
    });
    return { ...result, lostWrites };
  },
};

/** The key's value on every node once the lww half converged, as rows to count from. */
function states(result: ScenarioResult, key: string): KeyState[] {
  return Object.entries(result.after).map(([node, keys]) => ({
    node,
    address: node,
    state: keys[key]?.state ?? 'missing',
    value: keys[key]?.value ?? null,
    version: keys[key]?.version ?? null,
  }));
}

/** The same two writes of user:jack on nodes in siblings mode: how many are lost (none). */
async function siblingsAgain(ctx: ScenarioContext): Promise<number> {
  const { cluster } = ctx;
  await ctx.section(PARTS.siblings);
  await ctx.phase(
    'restarting every node with --conflicts siblings',
    async () => {
      for (let i = 1; i <= cluster.nodes.length; i++) await cluster.restartInMode(i, 'siblings');
    },
    () => `${cluster.nodes.length} nodes restarted with --conflicts siblings (the skew kept)`,
  );
  const early = await put(ctx, 1, 'user:jack', 'jack_written_first', true);
  const late = await put(ctx, 3, 'user:jack', 'jack_written_later_on_the_slow_clock', true);
  ctx.show({ type: 'writes', writes: [early, late] });
  await triggerAndShow(ctx, 1, await snapshots(cluster));
  const { rows } = await readSets(ctx, 'user:jack');
  ctx.show({
    type: 'keys',
    keys: ['user:jack'],
    states: { 'user:jack': rows },
    nodes: ids(cluster),
    background: 0,
  });
  return countLost([early, late], rows, SIBLING_JOIN).length;
}
