// The simulator in siblings mode runs the same engine: replicas that write the same keys at
// once, blind, converge on the reference's root, which holds every write as a sibling (the
// reference merges every write made), whatever messages were lost or replicas crashed. What
// only siblings give is asserted on the replicas themselves: two concurrent writes of one key
// both stand on every replica, a write made with the context of a read resolves them to one
// value everywhere, and every acknowledged write is either standing or covered by that context.
// The same writes under last write wins keep one value: the contrast the test rests on.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { simulate, type SimOptions } from '../../../src/sim/simulate.js';
import { SIM_DEFAULTS } from '../../../src/sim/constants.js';
import { World } from '../../../src/sim/world.js';
import { keyName } from '../../../src/sim/workload.js';
import { covers, join, values, type Dotted } from '../../../src/node/conflicts/dvvset.js';
import { decodeSet } from '../../../src/node/conflicts/encoding.js';
import type { ReplicaHost } from '../../../src/sim/replica-host.js';

const small: SimOptions = {
  ...SIM_DEFAULTS,
  nodes: 12,
  keys: 50,
  writes: 40,
  selection: 'random',
  strategy: 'merkle',
  maxRounds: 200,
  conflicts: 'siblings',
};

for (const strategy of ['merkle', 'riblt', 'full'] as const) {
  test(`${strategy}: concurrent writes on 12 replicas converge to the set of all of them`, async () => {
    const r = await simulate({ ...small, strategy, loss: 0.05, churn: 0.05 });
    assert.equal(r.converged, true);
    assert.equal(r.conflicts, 'siblings');
    const again = await simulate({ ...small, strategy, loss: 0.05, churn: 0.05 });
    assert.equal(JSON.stringify(again), JSON.stringify(r), 'the same seed, the same run');
  });
}

/** Virtual time one phase may take to converge (the runs above take a few dozen rounds). */
const PHASE_LIMIT_MS = 200 * SIM_DEFAULTS.intervalMs;
const KEY = keyName(7);

/** Runs the world until every replica holds the reference's root. */
async function converge(world: World): Promise<void> {
  const done = () => {
    world.settle();
    return world.convergedCount === world.hosts.length;
  };
  if (done()) return;
  const stopped = await world.scheduler.run(world.scheduler.now + PHASE_LIMIT_MS, done);
  assert.equal(stopped, 'stopped', 'every replica reached the reference root');
}

/** Every replica's standing values of KEY, one list per replica. */
function standing(world: World): Dotted[][] {
  return world.hosts.map((h) => values(decodeSet(h.store.get(KEY)!.value!)));
}

/** Two concurrent writes of KEY on two replicas (one crashes and comes back), then converge. */
async function concurrentWrites(o: SimOptions): Promise<{ world: World; written: string[] }> {
  const world = await World.create({ ...o, writes: 0, loss: 0.05 });
  const [a, b, c] = [world.hosts[1]!, world.hosts[8]!, world.hosts[4]!];
  const valueOn = (h: ReplicaHost) => h.store.get(KEY)!.value;
  world.write(a, KEY);
  world.write(b, KEY);
  const written = [valueOn(a)!, valueOn(b)!];
  for (const h of world.hosts) h.start();
  c.crash();
  world.scheduler.after(3 * SIM_DEFAULTS.intervalMs, () => c.restart());
  await converge(world);
  return { world, written };
}

for (const strategy of ['merkle', 'riblt', 'full'] as const) {
  test(`${strategy}: both concurrent writes stand on every replica, and a context write resolves them`, async () => {
    const { world } = await concurrentWrites({ ...small, strategy });
    const before = standing(world);
    const text = world.hosts[0]!.store.get(KEY)!.value;
    for (const h of world.hosts) assert.equal(h.store.get(KEY)!.value, text, 'one set everywhere');
    const writers = before[0]!.filter((v) => v.node !== 'loader').map((v) => v.node);
    assert.deepEqual(writers.sort(), [world.hosts[1]!.id, world.hosts[8]!.id].sort());
    assert.equal(before[0]!.length, 3, "the loader's value and both writes, none superseded");

    // A client reads on a third replica and writes back with that read's context.
    const reader = world.hosts[5]!;
    const context = join(decodeSet(reader.store.get(KEY)!.value!));
    world.write(reader, KEY, context);
    await converge(world);
    const after = standing(world);
    for (const s of after) {
      assert.equal(s.length, 1, 'the context write superseded every value it had read');
      assert.equal(s[0]!.node, reader.id);
    }
    // Nothing acknowledged was lost: every write stood until a write that had seen it.
    for (const v of before[0]!)
      assert.ok(covers(after[0]![0]!.seen, v.node, v.counter), `${v.node}:${v.counter} covered`);
  });
}

test('the same two writes under last write wins keep one value: what siblings must not do', async () => {
  const { world, written } = await concurrentWrites({ ...small, conflicts: 'lww' });
  const held = new Set(world.hosts.map((h) => h.store.get(KEY)!.value));
  assert.equal(held.size, 1);
  assert.equal(written.filter((w) => held.has(w)).length, 1, 'one acknowledged write is gone');
});
