// Bit rot: while node 3 is down, one byte of a value it stored flips on its disk. At start-up
// it checks every row against its checksum, finds the damaged one and treats it as missing
// (never serves or sends it); the other nodes are untouched; anti-entropy brings the good copy
// back and writes it over the row, and the scrub then reads every row again and finds none
// damaged, which also measures what a scrub costs.
import path from 'node:path';
import { flipStoredByte } from './steps/damage.js';
import { expectEverywhere, put, repairAndVerify, repairParts, showKeys } from './steps.js';
import { background } from './steps.js';
import { until } from './wait.js';
import { measureScrub, SCRUB_PER } from '../src/bench/scrub.js';
import type { Part, Scenario, ScenarioContext } from '../src/story/scenario.js';
import type { StatsAnswer } from '../src/api/http.js';

const KEY = 'user:carol';
const VALUE = 'carol_data';
/** The damaged node (1-based). */
const DAMAGED = 3;
/** Its scrub's interval in the story: a pass within a second of the repair, to show it. */
const STORY_SCRUB = '500ms';
const count = (n: number) => n.toLocaleString('en-US');
/** A scrub pass must end within this long of the repair (it reads ~1,000 rows). */
const SCRUB_DEADLINE_MS = 15_000;

const PARTS = {
  stored: { short: 'A write every node stores', title: 'A write every node keeps on disk' },
  flip: {
    short: "A byte flips on node 3's disk",
    title: (cluster) =>
      `One byte flips on ${cluster.nodes[DAMAGED - 1]!.id}'s disk while it is down`,
  },
  found: {
    short: 'Found at start-up',
    title: (cluster) =>
      `${cluster.nodes[DAMAGED - 1]!.id} restarts, checks every row, serves nothing damaged`,
  },
  scrub: { short: 'The scrub reads it all again', title: 'The scrub reads every row again' },
} satisfies Record<string, Part>;

export const bitRot: Scenario = {
  name: 'bit-rot',
  summary:
    "A byte of a value flips on node 3's disk while it is down; on restart it finds the damage, " +
    'never serves or spreads it, and anti-entropy restores the good copy',
  minNodes: 3,
  parts: [PARTS.stored, PARTS.flip, PARTS.found, ...repairParts(DAMAGED), PARTS.scrub],
  durable: true,
  nodeArgs: (i) => (i === DAMAGED ? ['--scrub-interval', STORY_SCRUB] : []),
  async play(ctx) {
    const { cluster } = ctx;
    const node = cluster.nodes[DAMAGED - 1]!;
    await background(ctx);
    await ctx.section(PARTS.stored);
    ctx.show({ type: 'writes', writes: [await put(ctx, 1, KEY, VALUE, false)] });

    await ctx.section(PARTS.flip);
    await ctx.phase(
      `stopping ${node.id}`,
      () => node.stop(),
      () => `${node.id} stopped`,
    );
    const dir = cluster.dataDir(DAMAGED);
    if (dir === undefined) throw new Error(`bit-rot: ${node.id} has no data directory`);
    const flip = await flipStoredByte(dir, KEY, 'value');
    const hex = (b: number) => `0x${b.toString(16).padStart(2, '0')}`;
    const damaged =
      VALUE.slice(0, flip.at) + String.fromCharCode(flip.after) + VALUE.slice(flip.at + 1);
    ctx.show({
      type: 'note',
      text:
        `byte ${flip.offset.toLocaleString('en-US')} of ${node.id}'s ${path.basename(flip.file)}: ` +
        `${hex(flip.before)} → ` +
        `${hex(flip.after)}, so the stored value of ${KEY} reads ${JSON.stringify(damaged)}; ` +
        'its digest and checksum, stored beside it, still describe the good one',
    });

    const restarted = await ctx.phase(
      `restarting ${node.id} from its data directory`,
      () => cluster.restart(DAMAGED),
      (n) => `${n.id} restarted from its data directory`,
    );
    const corrupt = await corruptByNode(ctx);
    ctx.show({
      type: 'note',
      text:
        `${restarted.id} checked every row against its checksum at start-up and found ` +
        `${corrupt[restarted.id]} damaged (/stats "corrupt"; its log names ${KEY}): it treats ` +
        `${KEY} as missing, so it neither serves it nor sends it to a peer. The other nodes ` +
        `found ${corrupt[cluster.nodes[0]!.id]} and ${corrupt[cluster.nodes[1]!.id]}.`,
    });
    const before = await showKeys(ctx, PARTS.found, [KEY]);
    const stats = () => cluster.clients[DAMAGED - 1]!.stats();
    const runsAtRepair = (await stats()).scrub.runs;
    const result = await repairAndVerify(ctx, [KEY], before, DAMAGED, (after) =>
      expectEverywhere(after, KEY, VALUE),
    );

    await ctx.section(PARTS.scrub);
    const s = await afterNextScrub(ctx, runsAtRepair);
    const own = {
      rows: Math.round(s.scrub.rowsChecked / s.scrub.runs),
      ms: s.scrub.lastRunMs ?? 0,
    };
    const big = await ctx.phase(
      `timing a scrub of ${count(SCRUB_PER)} rows in a scratch data directory`,
      () => measureScrub(SCRUB_PER),
      (c) => `a scrub of ${count(c.rows)} rows: ${count(Math.round(c.ms))} ms`,
    );
    const scrub = {
      rows: own.rows,
      ms: Math.round(own.ms * 10) / 10,
      msPer100k: Math.round((big.ms * 100_000) / big.rows),
      corrupt: s.corrupt,
    };
    ctx.show({
      type: 'note',
      text:
        `${restarted.id}'s scrub (--scrub-interval ${STORY_SCRUB} here, 1h by default) read its ` +
        `${count(scrub.rows)} rows back in ${scrub.ms} ms and found nothing new damaged: the ` +
        `repaired ${KEY} is on disk. A scrub reads and checks ${count(SCRUB_PER)} rows in about ` +
        `${count(scrub.msPer100k)} ms on this machine, read through a connection of its own a ` +
        'page at a time, so the node keeps answering while it runs.',
    });
    const { file, offset, before: was, after: is } = flip;
    const shown = { file, offset, before: was, after: is };
    return { ...result, damage: { node: restarted.id, key: KEY, flip: shown, corrupt, scrub } };
  },
};

/** The damaged node's /stats once it has run a scrub after its first `runs`. */
async function afterNextScrub(ctx: ScenarioContext, runs: number): Promise<StatsAnswer> {
  const stats = () => ctx.cluster.clients[DAMAGED - 1]!.stats();
  const next = `${ctx.cluster.nodes[DAMAGED - 1]!.id}'s next scrub`;
  await until(next, SCRUB_DEADLINE_MS, async () => (await stats()).scrub.runs > runs);
  return stats();
}

/** Each node's /stats "corrupt", by node id. */
async function corruptByNode(ctx: ScenarioContext): Promise<Record<string, number>> {
  const { cluster } = ctx;
  const all = await Promise.all(cluster.clients.map((c) => c.stats()));
  return Object.fromEntries(all.map((s, i) => [cluster.nodes[i]!.id, s.corrupt]));
}
