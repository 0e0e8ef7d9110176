// What the siblings paths cost per write and per compare: a local write decodes the held set
// once and encodes the new one once (not a second decode of both and a sync), and comparing two
// sets builds and encodes no joined set. The compare keeps its meaning: it agrees with "b holds
// all of a" read off sync() on random concurrent sets.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  descends,
  join,
  sync,
  update,
  values,
  type SiblingSet,
} from '../../../src/node/conflicts/dvvset.js';
import { decodeSet, encodeSet } from '../../../src/node/conflicts/encoding.js';
import { siblingEntry } from '../../../src/node/conflicts/entry.js';
import { loadHasher } from '../../../src/node/replica/hash.js';
import { HybridClock } from '../../../src/node/replica/hlc.js';
import { LocalReplica } from '../../../src/node/replica/local.js';
import { compareSets } from '../../../src/node/replica/order.js';
import { Store } from '../../../src/node/replica/store.js';
import { newCounters } from '../../../src/node/stats.js';
import { pick, rng } from '../../helpers/random.js';

const hasher = await loadHasher();

/** How many times fn parses and serialises JSON (a set's decode and encode are one each). */
function jsonCalls(fn: () => void): { parses: number; encodes: number } {
  const { parse, stringify } = JSON;
  const calls = { parses: 0, encodes: 0 };
  JSON.parse = (...args: Parameters<typeof parse>) => {
    calls.parses += 1;
    return parse(...args) as unknown;
  };
  JSON.stringify = ((...args: Parameters<typeof stringify>) => {
    calls.encodes += 1;
    return stringify(...args);
  }) as typeof stringify;
  try {
    fn();
  } finally {
    JSON.parse = parse;
    JSON.stringify = stringify;
  }
  return calls;
}

/** Random sets of one key on three nodes, some concurrent, some descending from others. */
function randomSets(seed: number, count: number): SiblingSet[] {
  const random = rng(seed);
  const nodes = ['node-10000', 'node-10001', 'node-9999'];
  const sets: SiblingSet[] = [[]];
  for (let wall = 1; sets.length <= count; wall++) {
    const base = pick(random, sets);
    const roll = random();
    const next =
      roll < 0.4
        ? sync(base, pick(random, sets))
        : update(base, roll < 0.7 ? join(pick(random, sets)) : [], pick(random, nodes), {
            value: random() < 0.1 ? null : `v${wall}`,
            wall,
            logical: 0,
          });
    if (next.length > 0) sets.push(next);
  }
  return sets.slice(1);
}

describe('siblings: the cost of a write and of a compare', () => {
  it('a local write over a set of siblings decodes the held set once and encodes the new one once', () => {
    const store = new Store(hasher, undefined, undefined, 'siblings');
    const replica = new LocalReplica({
      store,
      clock: new HybridClock('node-9999', () => 1_000),
      counters: newCounters(),
      tombstoneTtlMs: 60_000,
      nowMicros: () => 1_000,
    });
    replica.put('k', 'a');
    replica.put('k', 'b');
    const calls = jsonCalls(() => replica.put('k', 'c'));
    assert.deepEqual(calls, { parses: 1, encodes: 1 });
    const held = decodeSet(store.get('k')!.value!);
    assert.deepEqual(
      values(held).map((v) => v.value),
      ['c', 'b', 'a'],
      'three blind writes stand as three siblings',
    );
  });

  it('comparing two sets encodes nothing', () => {
    const [a, b] = randomSets(3, 2).map((s) => siblingEntry('k', s));
    const calls = jsonCalls(() => compareSets(a!, b!));
    assert.equal(calls.encodes, 0);
  });

  for (let seed = 1; seed <= 20; seed++) {
    it(`seed ${seed}: compareSets and descends agree with sync on random sets`, () => {
      const sets = randomSets(seed, 24);
      for (const x of sets) {
        for (const y of sets) {
          const holds = encodeSet(sync(x, y)) === encodeSet(x);
          assert.equal(descends(x, y), holds);
          const [ex, ey] = [siblingEntry('k', x), siblingEntry('k', y)];
          const expected = ex.value === ey.value ? 0 : encodeSet(sync(y, x)) === ey.value ? -1 : 1;
          assert.equal(compareSets(ex, ey), expected);
        }
      }
    });
  }
});
