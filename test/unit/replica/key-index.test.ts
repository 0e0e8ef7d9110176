// The store's key index against a Map doing the same operations: with well-spread hashes, and
// with hashes drawn from a handful of values so that probe runs collide, wrap around the end of
// the table and are cut by removals (the backward shift must keep every key findable).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { KeyIndex, type Keyed } from '../../../src/node/replica/key-index.js';
import { rng } from '../../helpers/random.js';

interface Item extends Keyed {
  readonly n: number;
}

function assertSame(
  index: KeyIndex<Item>,
  model: Map<string, Item>,
  hashOf: (k: string) => number,
) {
  assert.equal(index.size, model.size);
  for (const [key, item] of model) assert.equal(index.get(key, hashOf(key)), item, key);
  assert.deepEqual(
    [...index.values()].sort((a, b) => a.n - b.n),
    [...model.values()].sort((a, b) => a.n - b.n),
  );
  assert.deepEqual(index.keys().sort(), [...model.keys()].sort());
}

describe('key index', () => {
  const cases: [string, (random: () => number) => (k: string) => number][] = [
    [
      'spread hashes',
      (random) => {
        const hashes = new Map<string, number>();
        return (k) => {
          if (!hashes.has(k)) hashes.set(k, Math.floor(random() * 2 ** 32) >>> 0);
          return hashes.get(k)!;
        };
      },
    ],
    // Few distinct hashes, near the top of the table and at its end: long runs that wrap.
    ['colliding hashes', () => (k) => [0, 15, 31, 2 ** 32 - 1, 7][Number(k.slice(1)) % 5]!],
  ];
  for (const [name, makeHash] of cases) {
    for (const seed of [1, 2, 3]) {
      it(`matches a Map through 20,000 random adds, replaces and removals (${name}, seed ${seed})`, () => {
        const random = rng(seed);
        const hashOf = makeHash(random);
        const index = new KeyIndex<Item>();
        const model = new Map<string, Item>();
        let n = 0;
        for (let op = 0; op < 20_000; op++) {
          const key = `k${Math.floor(random() * 600)}`;
          const hash = hashOf(key);
          if (random() < 0.35) {
            assert.equal(index.delete(key, hash), model.get(key));
            model.delete(key);
          } else {
            const item: Item = { key, place: hash, n: n++ };
            assert.equal(index.set(item), model.get(key));
            model.set(key, item);
          }
          assert.equal(index.get(key, hash), model.get(key));
          if (op % 1000 === 0) assertSame(index, model, hashOf);
        }
        assertSame(index, model, hashOf);
        // A clone answers the same and changes on its own.
        const copy = index.clone();
        assertSame(copy, model, hashOf);
        for (const key of [...model.keys()]) copy.delete(key, hashOf(key));
        assert.equal(copy.size, 0);
        assertSame(index, model, hashOf);
      });
    }
  }

  it('grows past many doublings and finds every key', () => {
    const index = new KeyIndex<Item>();
    const hash = (i: number) => Math.imul(i, 0x9e3779b1) >>> 0;
    for (let i = 0; i < 50_000; i++) index.set({ key: `k${i}`, place: hash(i), n: i });
    assert.equal(index.size, 50_000);
    for (let i = 0; i < 50_000; i++) assert.equal(index.get(`k${i}`, hash(i))!.n, i);
    assert.equal(index.get('absent', hash(-1)), undefined);
  });

  it('fails an iteration that a removal would upset, and lets one see what is added', () => {
    const index = new KeyIndex<Item>();
    for (let i = 0; i < 4; i++) index.set({ key: `k${i}`, place: i, n: i });
    assert.throws(() => {
      for (const item of index.values()) index.delete(item.key, item.place);
    }, /removed while the index was iterated/);
    const seen: string[] = [];
    for (const item of index.values()) {
      seen.push(item.key);
      if (item.n < 3) index.set({ key: `${item.key}+`, place: item.place, n: 99 });
    }
    assert.equal(seen.length, index.size);
  });
});
