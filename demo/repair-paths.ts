// The three repair paths side by side. Node 3 goes down for a moment while writes go on: node 1
// keeps the writes it missed as hints and replays them when it returns, with no anti-entropy
// round. A key only node 2 holds is read with read=all and repaired on the spot. A key written
// while node 1's hints were off reaches node 3 only by the Merkle round. The story ends with one
// table: what each path repaired, how long it took, and the bytes it moved, all as the nodes
// counted and recorded them.
import {
  expectEverywhere,
  outcome,
  put,
  readKeys,
  repairParts,
  showKeys,
  showStates,
  showTreeDifferences,
  triggerAndShow,
  verify,
  winners,
} from './steps.js';
import { background } from './steps.js';
import {
  PathTraffic,
  repairedSince,
  repairedTotals,
  roundTraffic,
  PAIR,
  type Moved,
} from './steps/paths.js';
import { readAll, switchHints } from '../src/cluster/repair-client.js';
import { allStats, roundsRun } from '../src/cluster/stats-sum.js';
import { until } from './wait.js';
import type { RepairPathRow } from '../src/story/events.js';
import type { Part, Scenario, ScenarioContext, ScenarioResult } from '../src/story/scenario.js';

/** Written while node 3 is down, hinted for it. */
const HINTED = ['user:alice', 'user:bob', 'user:carol'];
/** Written while node 3 is down and node 1's hints are off: only anti-entropy brings it. */
const UNHINTED = 'user:dave';
/** Written on node 2 alone, then read from every replica. */
const READ = 'user:erin';
const KEYS = [...HINTED, UNHINTED, READ];
/** The node that goes down (1-based), and the one that writes and keeps its hints. */
const DOWN = 3;
const WRITER = 1;
/** Hints are replayed within 2 s of the peer answering again; a loaded machine gets more. */
const HINT_DEADLINE_MS = 20_000;
const value = (key: string) => `${key.slice('user:'.length)}_data`;

const PARTS = {
  down: {
    short: 'Node 3 goes down for a moment',
    title: (cluster) => `${cluster.nodes[DOWN - 1]!.id} goes down for a moment; writes go on`,
  },
  hints: {
    short: 'Hints repair it, no round',
    title: (cluster) =>
      `${cluster.nodes[DOWN - 1]!.id} is back: hints repair it, with no anti-entropy round`,
  },
  read: {
    short: 'Read from all: read repair',
    title: (cluster) =>
      `A key only ${cluster.nodes[1]!.id} holds, read from every replica: read repair`,
  },
  table: { short: 'Three paths side by side', title: 'Three repair paths side by side' },
} satisfies Record<string, Part>;

export const repairPaths: Scenario = {
  name: 'repair-paths',
  summary:
    'Node 3 misses writes for a moment: hints repair it on its return, a read from all repairs ' +
    'a stale key on the spot, and the Merkle round repairs what neither touched',
  minNodes: 3,
  parts: [PARTS.down, PARTS.hints, PARTS.read, ...repairParts(WRITER), PARTS.table],
  durable: true,
  hints: true,
  async play(ctx) {
    await background(ctx);
    const traffic = await PathTraffic.open(ctx.cluster);
    try {
      return await story(ctx, traffic);
    } finally {
      traffic.close();
    }
  },
};

async function story(ctx: ScenarioContext, traffic: PathTraffic): Promise<ScenarioResult> {
  const { cluster } = ctx;
  const atStart = await allStats(cluster.clients);
  const counted = repairedTotals(atStart);
  const roundsAtStart = roundsRun(atStart);
  const held = await outage(ctx);
  const hint = await hintsReplayed(ctx, traffic, held, roundsAtStart);
  const read = await readFromAll(ctx, traffic);

  const [trees, round, settled] = repairParts(WRITER);
  await ctx.section(trees);
  const before = await readKeys(cluster, KEYS);
  const snaps = await showTreeDifferences(ctx);
  await ctx.section(round);
  const report = await triggerAndShow(ctx, WRITER, snaps);
  const after = await showKeys(ctx, settled, KEYS);
  ctx.show({ type: 'winners', winners: winners(before, after) });
  const checks = KEYS.flatMap((k) => expectEverywhere(after, k, value(k)));
  const result = outcome(await verify(cluster), checks, before, after, snaps, [report]);

  await ctx.section(PARTS.table);
  const repairedBy = repairedSince(counted, repairedTotals(await allStats(cluster.clients)));
  const row = (path: RepairPathRow['path'], ms: number, t: Moved): RepairPathRow => ({
    path,
    entries: repairedBy[path],
    ms: Math.round(ms * 10) / 10,
    bytes: t.bytes,
    messages: t.messages,
  });
  const rows = [
    row('hint', hint.ms, hint.traffic),
    row('readRepair', read.ms, read.traffic),
    row('antiEntropy', report.durationMs, roundTraffic(report)),
  ];
  ctx.show({ type: 'repair-paths', rows, returned: cluster.nodes[DOWN - 1]!.id });
  return { ...result, repairedBy, repairPaths: rows };
}

/** Node 3 down; writes through node 1, one of them with its hints off. */
async function outage(ctx: ScenarioContext): Promise<number> {
  const { cluster } = ctx;
  const down = cluster.nodes[DOWN - 1]!;
  const writer = cluster.clients[WRITER - 1]!;
  await ctx.section(PARTS.down);
  await ctx.phase(
    `stopping ${down.id}`,
    () => cluster.kill(DOWN, 'SIGKILL'),
    () => `${down.id} is down`,
  );
  const writes = [];
  for (const key of HINTED) writes.push(await put(ctx, WRITER, key, value(key), false));
  await switchHints(writer, false);
  writes.push(await put(ctx, WRITER, UNHINTED, value(UNHINTED), false));
  await switchHints(writer, true);
  ctx.show({ type: 'writes', writes });
  const held = (await writer.stats()).hints.pending;
  const me = cluster.nodes[WRITER - 1]!.id;
  ctx.show({
    type: 'note',
    text:
      `${me} keeps the ${HINTED.length} writes ${down.id} missed as hints for it ` +
      `(${held} held: the write's replication.failed says "hinted": true). ${UNHINTED} was ` +
      `written while ${me}'s hinted handoff was switched off, so nobody keeps it for ${down.id}.`,
  });
  return held;
}

/** Node 3 back: waits for node 1's hints to reach it, and shows that no round ran. */
async function hintsReplayed(
  ctx: ScenarioContext,
  traffic: PathTraffic,
  held: number,
  roundsAtStart: number,
): Promise<{ ms: number; traffic: Moved }> {
  const { cluster } = ctx;
  const writer = cluster.clients[WRITER - 1]!;
  await ctx.section(PARTS.hints);
  await ctx.phase(
    `starting ${cluster.nodes[DOWN - 1]!.id} again from its data directory`,
    () => cluster.restart(DOWN),
    (n) => `${n.id} answers again`,
  );
  // The records' clock: milliseconds since the Unix epoch, on this machine.
  const returnedAt = performance.timeOrigin + performance.now();
  const replayed = `${cluster.nodes[WRITER - 1]!.id} to replay its hints`;
  await ctx.phase(
    `waiting for ${replayed}`,
    () => until(replayed, HINT_DEADLINE_MS, async () => (await writer.stats()).hints.pending === 0),
    () => 'every hint replayed',
  );
  const t = await traffic.settled('hint', `${held} hinted entries`, (h) => h.entries >= held);
  await showStates(ctx, [...HINTED, UNHINTED]);
  const rounds = roundsRun(await allStats(cluster.clients)) - roundsAtStart;
  // A hint can land between the node's start and the moment this CLI saw it answer: the node
  // was back by its first answered hint at the latest, so the time starts there if that is earlier.
  const ms = t.lastAt - Math.min(returnedAt, t.firstAt > 0 ? t.firstAt : returnedAt);
  const down = cluster.nodes[DOWN - 1]!.id;
  ctx.show({
    type: 'note',
    text:
      `${down} had every hinted write ${Math.round(ms)} ms after it answered again ` +
      `(GET /kv says "via": "hint" there), and anti-entropy rounds run since it went down: ` +
      `${rounds} on every node. ${UNHINTED} is still missing on ${down}: nobody kept it.`,
  });
  return { ms, traffic: t };
}

/** Writes a key on node 2 alone, then reads it from every replica through node 1. */
async function readFromAll(
  ctx: ScenarioContext,
  traffic: PathTraffic,
): Promise<{ ms: number; traffic: Moved }> {
  const { cluster } = ctx;
  await ctx.section(PARTS.read);
  const before = traffic.of('read-repair');
  ctx.show({ type: 'writes', writes: [await put(ctx, 2, READ, value(READ), true)] });
  const reader = cluster.nodes[WRITER - 1]!.id;
  const started = performance.now();
  const { readRepair } = await ctx.phase(
    `GET /kv/${READ}?read=all on ${reader}`,
    () => readAll(cluster.clients[WRITER - 1]!, READ),
    (r) => `read from every replica: ${r.readRepair.repaired.length} repaired before the answer`,
  );
  const ms = performance.now() - started;
  // A read of every peer, then a write to each stale one: a message and its answer each.
  const writes = readRepair.repaired.filter((a) => cluster.idOf(a) !== reader).length;
  const sent = PAIR * (cluster.nodes.length - 1 + writes);
  await traffic.settled(
    'read-repair',
    `the read's ${sent} messages`,
    (t) => t.messages >= before.messages + sent,
  );
  const moved = traffic.since('read-repair', before);
  await showStates(ctx, [READ]);
  const repaired = readRepair.repaired.map((a) => cluster.idOf(a));
  ctx.show({
    type: 'note',
    text:
      `${reader} read ${READ} from itself and every peer, found the newest on ` +
      `${cluster.nodes[1]!.id}, and wrote it to ${repaired.join(' and ')} before it answered ` +
      `(the answer's readRepair.repaired; GET /kv says "via": "read-repair" there).`,
  });
  return { ms, traffic: moved };
}
