// The same divergence repaired three times, once by each strategy: the Merkle walk, the rateless
// RIBLT exchange and the full exchange, on one cluster whose nodes keep both the tree and the
// sketch. Each round's cost goes into one table at the end, so the difference is seen, not told.
import { STRATEGIES, type Strategy } from '../src/api/strategies.js';
import { fullRoundBytes } from '../src/format.js';
import { background, outcome, readKeys, snapshots, triggerAndShow, verify } from './steps.js';
import type { CostRow } from '../src/story/events.js';
import type { Part, Scenario, ScenarioContext, ShownRound } from '../src/story/scenario.js';

/** Per round: keys rewritten on node 2, written new on node 1 only, deleted on node 2 only. */
const REWRITTEN = 10;
const ADDED = 5;
const DELETED = 5;
const VALUE_BYTES = 100;

/** One part per strategy, played in STRATEGIES order, then the table. */
const PARTS: Record<Strategy, Part> = {
  merkle: { short: 'Merkle walk', title: 'The Merkle walk repairs it (the default)' },
  riblt: {
    short: 'RIBLT',
    title: 'The rateless exchange (RIBLT) repairs the same divergence',
  },
  full: { short: 'Full exchange', title: 'The full exchange repairs the same divergence' },
};
const SIDE_BY_SIDE: Part = {
  short: 'Side by side',
  title: 'Side by side: what each strategy cost for the same divergence',
};

const value = (text: string) => text.padEnd(VALUE_BYTES, '.');
const shared = (i: number) => `cmp:shared:${String(i).padStart(2, '0')}`;
const added = (round: number, i: number) => `cmp:${round}:new:${i}`;
const deleted = (round: number, i: number) => `cmp:${round}:gone:${i}`;

export const strategies: Scenario = {
  name: 'strategies',
  summary:
    'The same divergence repaired by each strategy in turn (merkle, riblt, full); their costs in one table',
  minNodes: 2,
  strategy: 'riblt',
  parts: [...STRATEGIES.map((s) => PARTS[s]), SIDE_BY_SIDE],
  async play(ctx) {
    const { cluster } = ctx;
    await background(ctx);
    await setUp(ctx);
    const rows: CostRow[] = [];
    const reports: ShownRound[] = [];
    const problems: string[] = [];
    const storyKeys = [shared(0), added(0, 0), deleted(0, 0)];
    const before = await readKeys(cluster, storyKeys);
    let snapsBefore = await snapshots(cluster);
    for (const [round, strategy] of STRATEGIES.entries()) {
      await ctx.section(PARTS[strategy]);
      await diverge(ctx, round);
      const snaps = await snapshots(cluster);
      if (round === 0) snapsBefore = snaps;
      const report = await triggerAndShow(ctx, 1, snaps, strategy);
      reports.push(report);
      rows.push(costRow(strategy, report));
      const { converged } = await verify(cluster);
      if (!converged) problems.push(`after the ${strategy} round the replicas still differ`);
    }
    await ctx.section(SIDE_BY_SIDE);
    ctx.show({ type: 'costs', rows });
    const after = await readKeys(cluster, storyKeys);
    return outcome(await verify(cluster), problems, before, after, snapsBefore, reports);
  },
};

/** Keys every round rewrites, and one set per round to delete later, written normally. */
async function setUp(ctx: ScenarioContext): Promise<void> {
  const items = [
    ...Array.from({ length: REWRITTEN }, (_, i) => ({ key: shared(i), value: value('shared') })),
    ...STRATEGIES.flatMap((_, r) =>
      Array.from({ length: DELETED }, (_, i) => ({ key: deleted(r, i), value: value('doomed') })),
    ),
  ];
  await ctx.phase(
    'writing the keys the rounds will make differ',
    () => ctx.cluster.clients[0]!.batch(items, false),
    (r) => `${r.count} keys written normally (replicated to every node)`,
  );
}

/** The same shape of divergence each round: newer on node 2, new on node 1, deleted on node 2. */
async function diverge(ctx: ScenarioContext, round: number): Promise<void> {
  const [one, two] = [ctx.cluster.clients[0]!, ctx.cluster.clients[1]!];
  const [id1, id2] = [ctx.cluster.nodes[0]!.id, ctx.cluster.nodes[1]!.id];
  const tag = `round ${round + 1}`;
  await two.batch(
    [
      ...Array.from({ length: REWRITTEN }, (_, i) => ({
        key: shared(i),
        value: value(`${tag} from ${id2}`),
      })),
      ...Array.from({ length: DELETED }, (_, i) => ({ key: deleted(round, i), deleted: true })),
    ],
    true,
  );
  await one.batch(
    Array.from({ length: ADDED }, (_, i) => ({
      key: added(round, i),
      value: value(`${tag} from ${id1}`),
    })),
    true,
  );
  ctx.show({
    type: 'note',
    text:
      `Direct writes: ${id2} rewrites ${REWRITTEN} keys and deletes ${DELETED}; ` +
      `${id1} writes ${ADDED} new keys. ${REWRITTEN + DELETED + ADDED} keys differ, ` +
      `values of ${VALUE_BYTES} bytes.`,
  });
}

function costRow(strategy: Strategy, report: ShownRound): CostRow {
  return {
    strategy,
    roundTrips: Math.max(0, ...report.peers.map((p) => p.roundTrips)),
    bytes: report.peers.reduce((sum, p) => sum + p.bytes.sent + p.bytes.received, 0),
    moved: report.peers.reduce((sum, p) => sum + p.counts.pulled + p.counts.pushed, 0),
    // Like with like: a round of full exchanges makes as many passes with each peer as this one.
    fullBytes: report.peers.reduce(
      (sum, p) => sum + (fullRoundBytes(report.fullExchangeBytes[p.peer], p.passes) ?? 0),
      0,
    ),
    symbols: report.peers.reduce((sum, p) => sum + (p.riblt?.symbols ?? 0), 0),
    ...(report.peers.some((p) => p.riblt?.fallback !== undefined) ? { fellBack: true } : {}),
  };
}
