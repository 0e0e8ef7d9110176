// No trigger: the nodes run anti-entropy rounds every 500 ms (with jitter) and converge by
// themselves; the run reports how long it took.
import {
  background,
  ids,
  outcome,
  put,
  readKeys,
  showKeys,
  snapshots,
  verify,
  winners,
} from './steps.js';
import type { Part, Scenario } from '../src/story/scenario.js';
import { until } from './wait.js';
import type { Cluster } from '../src/cluster/cluster.js';
import { allStats, roundsRun } from '../src/cluster/stats-sum.js';

const INTERVAL_MS = 500;
const DEADLINE_MS = 20_000;
const KEYS = ['user:kim'];

const PARTS = {
  direct: {
    short: 'Direct writes, no trigger',
    title: 'Direct writes on two nodes, and no trigger',
  },
  after: { short: 'Right after the writes', title: 'Right after the writes' },
  waiting: {
    short: 'Waiting for periodic rounds',
    title: `Waiting for periodic rounds (every ${INTERVAL_MS} ms ± 20%)`,
  },
} satisfies Record<string, Part>;

export const periodic: Scenario = {
  name: 'periodic',
  summary: `No trigger: nodes run their own rounds every ${INTERVAL_MS} ms and converge; reports how long it took`,
  minNodes: 2,
  parts: [PARTS.direct, PARTS.after, PARTS.waiting],
  aeIntervalMs: INTERVAL_MS,
  async play(ctx) {
    const { cluster } = ctx;
    await background(ctx);
    await ctx.section(PARTS.direct);
    const last = cluster.nodes.length;
    const roundsBefore = await rounds(cluster);
    const writes = [
      await put(ctx, 1, 'user:kim', 'kim_from_node1', true),
      await put(ctx, last, 'user:kim', `kim_from_node${last}`, true),
    ];
    // The nodes differ from here, and their rounds run on whatever the story does meanwhile:
    // convergence is timed from the writes, not from after the story has read them back.
    const wroteAt = performance.now();
    ctx.show({ type: 'writes', writes });
    const before = await showKeys(ctx, PARTS.after, KEYS);
    const snapsBefore = await snapshots(cluster);
    await ctx.section(PARTS.waiting);
    const oneRoot = 'one root on every node';
    const took = await ctx.phase(
      `waiting for ${oneRoot}`,
      async () => {
        await until(
          oneRoot,
          DEADLINE_MS,
          async () => new Set((await snapshots(cluster)).map((s) => s.root)).size === 1,
        );
        return performance.now() - wroteAt;
      },
      (ms) =>
        `every node has the same root ${(ms / 1000).toFixed(2)} s after the writes, with no trigger`,
    );
    const roundsAfter = await rounds(cluster);
    const after = await readKeys(cluster, KEYS);
    ctx.show({
      type: 'keys',
      keys: KEYS,
      states: after,
      nodes: ids(cluster),
      background: ctx.options.backgroundKeys,
    });
    ctx.show({ type: 'winners', winners: winners(before, after) });
    const perNode = (roundsAfter.rounds - roundsBefore.rounds) / cluster.nodes.length;
    ctx.show({
      type: 'note',
      text:
        `Converged ${(took / 1000).toFixed(2)} s after the writes, by the nodes' own rounds: ` +
        `about ${perNode.toFixed(1)} per node, ${withWhom(roundsAfter)}.`,
    });
    return {
      ...outcome(await verify(cluster), [], before, after, snapsBefore, []),
      convergedAfterMs: Math.round(took),
    };
  },
};

/** Rounds the nodes have run so far (their /stats), and how many peers each round talks to. */
async function rounds(
  cluster: Cluster,
): Promise<{ rounds: number; peersPerRound: number; peers: number }> {
  const stats = await allStats(cluster.clients);
  return {
    rounds: roundsRun(stats),
    peersPerRound: stats[0]!.peersPerRound,
    peers: stats[0]!.peers.length,
  };
}

/** "each with all 2 peers", or "each with 1 of 8 peers picked at random (--ae-peers-per-round)". */
function withWhom(r: { peersPerRound: number; peers: number }): string {
  return r.peersPerRound < r.peers
    ? `each with ${r.peersPerRound} of ${r.peers} peers picked at random (--ae-peers-per-round)`
    : `each with all ${r.peers} peers`;
}
