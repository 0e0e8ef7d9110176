// Deletes under partition. Part 1: a delete that node 3 missed is repaired by its tombstone, and
// the value does not come back. Part 2: the same with a tombstone ttl shorter than the
// partition: the tombstone is purged first, and node 3's old value comes back everywhere.
import {
  background,
  combine,
  expectEverywhere,
  othersThan,
  put,
  readKeys,
  repairAndVerify,
  repairParts,
  showKeys,
} from './steps.js';
import type { Part, ScenarioContext, Scenario } from '../src/story/scenario.js';
import { until } from './wait.js';

/** Short enough to expire while the demo waits; long enough for part 1 to finish first even on a
 * loaded machine (at 2 s, a load average of 14 on 2 cores let it expire mid-repair: resurrection). */
const TOMBSTONE_TTL = '5s';
const PURGE_DEADLINE_MS = 15_000;

const PARTS = {
  missed: { short: 'Part 1: a delete node 3 misses', title: 'Part 1: a delete that node 3 misses' },
  healed: {
    short: 'Healed: node 3 still holds the value',
    title: 'Healed: node 3 still holds the value',
  },
  outlasts: {
    short: 'Part 2: the partition outlasts the ttl',
    title: `Part 2: the partition outlasts the tombstone ttl (${TOMBSTONE_TTL})`,
  },
  purged: {
    short: 'Healed: the tombstone is gone',
    title: 'Healed: the tombstone is gone, node 3 still holds the value',
  },
} satisfies Record<string, Part>;

async function deleteWhileCut(ctx: ScenarioContext, key: string): Promise<void> {
  const { cluster } = ctx;
  await cluster.clients[2]!.partition(othersThan(cluster, 3));
  const deleted = await cluster.clients[0]!.del(key, false);
  const failed = deleted.replication?.failed.map((f) => f.peer).join(', ') || 'none';
  ctx.show({
    type: 'note',
    text:
      `${cluster.nodes[2]!.id} is cut off; DELETE /kv/${key} on ${cluster.nodes[0]!.id} ` +
      `leaves a tombstone on the others (failed: ${failed})`,
  });
}

export const deletes: Scenario = {
  name: 'delete',
  summary:
    'A delete node 3 missed is repaired without resurrection; then a tombstone ttl too short brings the value back',
  minNodes: 3,
  parts: [
    PARTS.missed,
    PARTS.healed,
    ...repairParts(3),
    PARTS.outlasts,
    PARTS.purged,
    ...repairParts(3),
  ],
  nodeArgs: () => ['--tombstone-ttl', TOMBSTONE_TTL],
  async play(ctx) {
    const { cluster } = ctx;
    await background(ctx);
    await ctx.section(PARTS.missed);
    ctx.show({ type: 'writes', writes: [await put(ctx, 1, 'user:gina', 'gina_data', false)] });
    await deleteWhileCut(ctx, 'user:gina');
    await cluster.clients[2]!.heal();
    const before = await showKeys(ctx, PARTS.healed, ['user:gina']);
    const first = await repairAndVerify(ctx, ['user:gina'], before, 3, (after) =>
      expectEverywhere(after, 'user:gina', null),
    );
    ctx.show({
      type: 'note',
      text: 'The tombstone is newer than the value, so anti-entropy carries the delete to node 3: nothing comes back.',
    });

    await ctx.section(PARTS.outlasts);
    ctx.show({ type: 'writes', writes: [await put(ctx, 1, 'user:hank', 'hank_data', false)] });
    await deleteWhileCut(ctx, 'user:hank');
    const purged = `nodes 1 and 2 to purge the tombstone (ttl ${TOMBSTONE_TTL})`;
    await ctx.phase(`waiting for ${purged}`, () =>
      until(purged, PURGE_DEADLINE_MS, async () => {
        const states = (await readKeys(cluster, ['user:hank']))['user:hank']!;
        return states.slice(0, 2).every((s) => s.state === 'missing');
      }),
    );
    await cluster.clients[2]!.heal();
    const beforeHank = await showKeys(ctx, PARTS.purged, ['user:hank']);
    const second = await repairAndVerify(ctx, ['user:hank'], beforeHank, 3, (after) =>
      expectEverywhere(after, 'user:hank', 'hank_data'),
    );
    ctx.show({
      type: 'note',
      text:
        "Resurrection: with no tombstone left to compare against, node 3's old value looks " +
        'like a write the others missed, and anti-entropy copies it back. The tombstone ttl ' +
        'must outlast the longest partition plus the anti-entropy interval.',
    });

    return combine(first, second);
  },
};
