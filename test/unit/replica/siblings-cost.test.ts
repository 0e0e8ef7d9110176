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
import { SET_VALUES, SetTooLargeError } from '../../../src/node/conflicts/set-limit.js';
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

/** A siblings replica on a still clock; `maxValueBytes` gives its sets their room. */
function siblingsReplica(maxValueBytes?: number): LocalReplica {
  return new LocalReplica({
    store: new Store(hasher, undefined, undefined, 'siblings'),
    clock: new HybridClock('node-9999', () => 1_000),
    counters: newCounters(),
    tombstoneTtlMs: 60_000,
    nowMicros: () => 1_000,
    ...(maxValueBytes === undefined ? {} : { maxValueBytes }),
  });
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
    const replica = siblingsReplica();
    const store = replica.store;
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

  it('a batch decodes each held set once and encodes each new set once, checked as built', () => {
    const replica = siblingsReplica(1_000);
    const store = replica.store;
    replica.put('j', 'a');
    replica.put('k', 'a');
    replica.put('k', 'b');
    const batch = [
      { key: 'k', value: 'c' },
      { key: 'j', value: 'b' },
      { key: 'k', value: 'd' },
    ];
    const calls = jsonCalls(() => replica.putMany(batch));
    assert.deepEqual(calls, { parses: 2, encodes: 3 });
    const held = (key: string) => values(decodeSet(store.get(key)!.value!)).map((v) => v.value);
    assert.deepEqual(held('k'), ['d', 'c', 'b', 'a'], 'blind writes stand beside the held ones');
    assert.deepEqual(held('j'), ['b', 'a']);
  });

  it('a batch is refused where writes one by one are, and then stores none of its writes', () => {
    const replica = () => siblingsReplica(100);
    const big = { key: 'k', value: 'x'.repeat(100) };
    const single = replica();
    let room = 0;
    while (room <= SET_VALUES) {
      try {
        single.put(big.key, big.value);
      } catch (error) {
        assert.ok(error instanceof SetTooLargeError);
        break;
      }
      room += 1;
    }
    assert.ok(room > 0 && room < SET_VALUES, `${room} values of 100 bytes fit in the set`);
    const over = replica();
    const writes = [{ key: 'j', value: 'first' }, ...Array.from({ length: room + 1 }, () => big)];
    assert.throws(() => over.putMany(writes), SetTooLargeError);
    assert.equal(over.store.size, 0, 'nothing stored, not even the writes before the one refused');
    assert.equal(over.putMany(writes.slice(0, -1)).length, room + 1);
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
