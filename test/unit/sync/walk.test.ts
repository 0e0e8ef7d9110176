// The leaner walk: when a side lists a differing subtree and when it probes it, and that random
// divergent pairs big enough for every decision still end at the LWW maximum in one exchange.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runExchange } from '../../../src/node/sync/exchange.js';
import { indexAt, MAX_LEVEL } from '../../../src/node/tree/shape.js';
import {
  follow,
  INITIATOR_LIST_THRESHOLD,
  LIST_THRESHOLD,
  walkGoesOn,
} from '../../../src/node/sync/walk.js';
import { rng } from '../../helpers/random.js';
import { MAX_VALUE, dump, entry, lwwMaximum, sharedPair, wire } from '../../helpers/replica.js';

describe('walk decisions', () => {
  it('the responder lists up to LIST_THRESHOLD entries and probes above', () => {
    for (const goesOn of [false, true]) {
      assert.equal(follow(1, 4, 'responder', goesOn), 'list');
      assert.equal(follow(LIST_THRESHOLD, 4, 'responder', goesOn), 'list');
      assert.equal(follow(LIST_THRESHOLD + 1, 4, 'responder', goesOn), 'probe');
    }
  });

  it('the initiator probes small subtrees only when the walk goes on anyway', () => {
    assert.equal(follow(3, 4, 'initiator', false), 'list', 'a pure pull ends a round trip sooner');
    assert.equal(follow(3, 4, 'initiator', true), 'probe');
    assert.equal(follow(INITIATOR_LIST_THRESHOLD, 4, 'initiator', true), 'list');
    assert.equal(follow(INITIATOR_LIST_THRESHOLD + 1, 4, 'initiator', true), 'probe');
    assert.equal(follow(LIST_THRESHOLD + 1, 4, 'initiator', false), 'probe');
  });

  it('the deepest level is always listed: it has no children to probe', () => {
    assert.equal(follow(1_000, MAX_LEVEL, 'responder', true), 'list');
    assert.equal(follow(2, MAX_LEVEL, 'initiator', true), 'list');
  });

  it('the walk goes on when a followed subtree above the deepest level is too big to list', () => {
    assert.equal(walkGoesOn([]), false);
    assert.equal(walkGoesOn([{ count: LIST_THRESHOLD, level: 3 }]), false);
    assert.equal(
      walkGoesOn([
        { count: 2, level: 3 },
        { count: LIST_THRESHOLD + 1, level: 3 },
      ]),
      true,
    );
    assert.equal(walkGoesOn([{ count: 50, level: MAX_LEVEL }]), false);
  });
});

/** Two replicas that share `shared` entries and differ in `diverge` random ways. */
async function pair(seed: number, shared: number, diverge: number) {
  const random = rng(seed);
  const { a, b, all, put } = await sharedPair(shared, (i) => 1_000_000 + i);
  for (let i = 0; i < diverge; i++) {
    const roll = random();
    const key = random() < 0.7 ? `key:${Math.floor(random() * shared)}` : `new:${i}`;
    const wall = 5_000_000 + Math.floor(random() * 10_000);
    if (roll < 0.05) {
      // Same version, different content on each side: what duplicate node ids do.
      put(a, entry(key, `dup-a-${i}`, wall, 'nd'));
      put(b, entry(key, random() < 0.5 ? null : `dup-b-${i}`, wall, 'nd'));
      continue;
    }
    const side = roll < 0.5 ? a : b;
    const value = random() < 0.2 ? null : `diverged-${i}`;
    put(side, entry(key, value, wall, side === a ? 'na' : 'nb', Math.floor(random() * 3)));
  }
  return { a, b, all };
}

describe('the leaner walk on random divergent pairs', () => {
  // Sizes where the initiator meets subtrees of 2-4 entries next to bigger ones (it probes
  // them) and subtrees of 2-4 alone (it lists them), at several depths.
  for (const [seed, shared, diverge] of [
    [1, 20_000, 200],
    [2, 20_000, 2_000],
    [3, 60_000, 60],
    [4, 60_000, 1_500],
    [5, 5_000, 40],
    [6, 300, 25],
  ] as const) {
    it(`${shared} keys, ${diverge} differences: the LWW maximum in one exchange (seed ${seed})`, async () => {
      const { a, b, all } = await pair(seed, shared, diverge);
      const result = await runExchange(a, wire(b), 'merkle', MAX_VALUE);
      const expected = await lwwMaximum(all);
      assert.deepEqual(dump(a), expected);
      assert.deepEqual(dump(b), expected);
      assert.ok(result.roundTrips <= 6, `${result.roundTrips} round trips`);
      const again = await runExchange(b, wire(a), 'merkle', MAX_VALUE);
      assert.equal(again.status, 'in_sync');
      assert.equal(again.roundTrips, 1);
    });
  }

  it('a pure pull from a subtree of 2-4 entries ends with the answer to a list: 2 round trips', async () => {
    // 300 keys: the responder probes a 16-ish entry level-1 node, the initiator meets the
    // key's level-2 subtree holding 2-4 entries and nothing bigger, so it lists it.
    const { a, b } = await pair(7, 300, 0);
    const small = [...a.store.entries()].find((e) => {
      const count = a.store.tree.node(2, indexAt(e.place, 2)).count;
      return count >= 2 && count <= LIST_THRESHOLD;
    })!;
    b.merge(entry(small.key, 'newer', 9_000_000, 'nb'));
    const result = await runExchange(a, wire(b), 'merkle', MAX_VALUE);
    assert.deepEqual(result.keys.pulled, [small.key]);
    assert.equal(result.roundTrips, 2);
  });
});
