// Concurrent writes: two clients read user:carol, then write it at once on two nodes, as two app
// servers would. Under last write wins both writes are acknowledged and one is gone once the
// replicas agree; the nodes then restart with --conflicts siblings, the same writes are both
// kept, and a third client's write with the context of both merges them.
import {
  expectEverywhere,
  ids,
  outcome,
  put,
  readKeys,
  snapshots,
  triggerAndShow,
  verify,
} from './steps.js';
import { causality, causalityGraph, causalityNotes, countLost } from './steps/causality.js';
import { putAfterRead, readSets, SIBLING_JOIN } from './steps/siblings.js';
import type { KeyState } from '../src/cluster/client.js';
import type { WriteLine } from '../src/story/events.js';
import type { Part, Scenario, ScenarioContext, ScenarioResult } from '../src/story/scenario.js';

const KEY = 'user:carol';
const BASE = 'carol_v1';
const FROM_A = 'carol_from_client_A';
const FROM_B = 'carol_from_client_B';
const MERGED = 'carol_A_and_B_merged';

const PARTS = {
  lww: {
    short: 'Two writes at once, last write wins',
    title: `Last write wins: two clients read ${KEY}, then write it at once on two nodes`,
  },
  lwwAfter: {
    short: 'After anti-entropy: one value',
    title: 'After anti-entropy (last write wins)',
  },
  siblings: {
    short: 'The same writes, with siblings',
    title: 'The nodes restart with --conflicts siblings; the same clients, the same writes',
  },
  siblingsAfter: {
    short: 'After anti-entropy: both values',
    title: 'After anti-entropy (siblings)',
  },
  resolve: {
    short: 'A write with the context merges them',
    title: 'A third client reads both values and writes one with the context',
  },
} satisfies Record<string, Part>;

/** What one mode's half of the story did: its two writes, the round, the keys after. */
interface Half {
  writes: [WriteLine, WriteLine];
  after: Record<string, KeyState[]>;
  result: ScenarioResult;
}

export const concurrent: Scenario = {
  name: 'concurrent',
  summary:
    'Two clients write one key at once on two nodes: last write wins loses an acknowledged write, siblings keep both',
  minNodes: 3,
  parts: Object.values(PARTS),
  async play(ctx) {
    const lww = await lwwHalf(ctx);
    const lostLww = countLost(lww.writes, lww.after[KEY] ?? []);
    await ctx.phase(
      'restarting every node with --conflicts siblings',
      async () => {
        for (let i = 1; i <= ctx.cluster.nodes.length; i++)
          await ctx.cluster.restartInMode(i, 'siblings');
      },
      () => `${ctx.cluster.nodes.length} nodes restarted with --conflicts siblings (empty)`,
    );
    const siblings = await siblingsHalf(ctx);
    const lostSiblings = countLost(siblings.writes, siblings.after[KEY] ?? [], SIBLING_JOIN);
    const lostWrites = { lww: lostLww.length, siblings: lostSiblings.length };
    const nodes = ids(ctx.cluster);
    ctx.show({
      type: 'causality',
      lines: causality(lww.writes, lostLww, siblings.writes, MERGED),
      graph: causalityGraph(nodes[0]!, siblings.writes, MERGED, nodes.at(-1)!),
      notes: causalityNotes(lww.writes, lostLww, MERGED),
    });
    ctx.show({
      type: 'note',
      text: `acknowledged writes lost: lww ${lostWrites.lww} of 2, siblings ${lostWrites.siblings} of 2`,
    });
    const problems = [
      ...(lostWrites.lww === 1 ? [] : [`last write wins lost ${lostWrites.lww} writes, not 1`]),
      ...(lostWrites.siblings === 0 ? [] : [`siblings lost ${lostWrites.siblings} writes`]),
    ];
    const result = siblings.result;
    return {
      ...result,
      converged: lww.result.converged && result.converged && problems.length === 0,
      problems: [...lww.result.problems, ...result.problems, ...problems],
      antiEntropy: [...lww.result.antiEntropy, ...result.antiEntropy],
      lostWrites,
    };
  },
};

/** Last write wins: both writes acknowledged, then one value everywhere. */
async function lwwHalf(ctx: ScenarioContext): Promise<Half> {
  await ctx.section(PARTS.lww);
  const base = await put(ctx, 1, KEY, BASE, false);
  const [a, b] = await Promise.all([
    put(ctx, 1, KEY, FROM_A, false),
    put(ctx, 2, KEY, FROM_B, false),
  ]);
  ctx.show({ type: 'writes', writes: [base, a, b] });
  ctx.show({ type: 'note', text: readNote(ctx, BASE) });
  const before = await readKeys(ctx.cluster, [KEY]);
  const snaps = await snapshots(ctx.cluster);
  const report = await triggerAndShow(ctx, 1, snaps);
  await ctx.section(PARTS.lwwAfter);
  const after = await readKeys(ctx.cluster, [KEY]);
  showRows(ctx, after);
  const kept = after[KEY]?.[0]?.value;
  const verdict = await verify(ctx.cluster);
  const checks = kept === FROM_A || kept === FROM_B ? expectEverywhere(after, KEY, kept) : [];
  return {
    writes: [a, b],
    after,
    result: outcome(verdict, checks, before, after, snaps, [report]),
  };
}

/** Siblings: both writes acknowledged and kept, then merged by a write with their context. */
async function siblingsHalf(ctx: ScenarioContext): Promise<Half> {
  await ctx.section(PARTS.siblings);
  const base = await put(ctx, 1, KEY, BASE, false);
  const [readA, readB] = await Promise.all([readSets(ctx, KEY), readSets(ctx, KEY)]);
  const [a, b] = await Promise.all([
    putAfterRead(ctx, 1, KEY, FROM_A, readA.reads[0]!.context),
    putAfterRead(ctx, 2, KEY, FROM_B, readB.reads[1]!.context),
  ]);
  ctx.show({ type: 'writes', writes: [base, a, b] });
  ctx.show({ type: 'note', text: readNote(ctx, BASE) });
  const before = (await readSets(ctx, KEY)).rows;
  const snaps = await snapshots(ctx.cluster);
  const report = await triggerAndShow(ctx, 1, snaps);
  await ctx.section(PARTS.siblingsAfter);
  const { rows } = await readSets(ctx, KEY);
  const after = { [KEY]: rows };
  showRows(ctx, after);
  await ctx.section(PARTS.resolve);
  const last = ctx.cluster.nodes.length;
  const both = await readSets(ctx, KEY);
  const merged = await putAfterRead(ctx, last, KEY, MERGED, both.reads[last - 1]!.context);
  ctx.show({ type: 'writes', writes: [merged] });
  const settled = { [KEY]: (await readSets(ctx, KEY)).rows };
  showRows(ctx, settled);
  const verdict = await verify(ctx.cluster);
  const checks = expectEverywhere(settled, KEY, MERGED);
  return {
    writes: [a, b],
    after,
    result: outcome(verdict, checks, { [KEY]: before }, settled, snaps, [report]),
  };
}

/** Both clients read the same value before writing. */
function readNote(ctx: ScenarioContext, value: string): string {
  const [first, second] = ids(ctx.cluster);
  return (
    `Client A read "${value}" on ${first} and client B read it on ${second}; each then wrote ` +
    'its own value at the same moment, and each write was acknowledged.'
  );
}

function showRows(ctx: ScenarioContext, states: Record<string, KeyState[]>): void {
  ctx.show({ type: 'keys', keys: [KEY], states, nodes: ids(ctx.cluster), background: 0 });
}
