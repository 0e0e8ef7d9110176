// The store's key index against a Map doing the same operations: with its own hash, and with
// hashes drawn from a handful of values so that probe runs collide, wrap around the end of the
// table and are cut by removals (the backward shift must keep every key findable).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { KeyIndex, keyHash, type Keyed } from '../../../src/node/replica/key-index.js';
import { rng } from '../../helpers/random.js';

interface Item extends Keyed {
  readonly n: number;
}

function assertSame(index: KeyIndex<Item>, model: Map<string, Item>) {
  assert.equal(index.size, model.size);
  for (const [key, item] of model) assert.equal(index.get(key), item, key);
  const byN = (a: Item, b: Item) => a.n - b.n;
  assert.deepEqual([...index.values()].sort(byN), [...model.values()].sort(byN));
  assert.deepEqual(index.keys().sort(), [...model.keys()].sort());
}

describe('key index', () => {
  const hashes: [string, ((key: string) => number) | undefined][] = [
    ['its own hash', undefined],
    // Few distinct hashes, at the start of the table and at its end: long runs that wrap.
    ['colliding hashes', (k) => [0, 15, 31, -1, 7][Number(k.slice(1)) % 5]!],
  ];
  for (const [name, hash] of hashes) {
    for (const seed of [1, 2, 3]) {
      it(`matches a Map through 20,000 random adds, replaces and removals (${name}, seed ${seed})`, () => {
        const random = rng(seed);
        const index = new KeyIndex<Item>(hash);
        const model = new Map<string, Item>();
        let n = 0;
        for (let op = 0; op < 20_000; op++) {
          const key = `k${Math.floor(random() * 600)}`;
          if (random() < 0.35) {
            assert.equal(index.delete(key), model.get(key));
            model.delete(key);
          } else {
            const item: Item = { key, n: n++ };
            assert.equal(index.set(item), model.get(key));
            model.set(key, item);
          }
          assert.equal(index.get(key), model.get(key));
          if (op % 1000 === 0) assertSame(index, model);
        }
        assertSame(index, model);
        // A clone answers the same and changes on its own.
        const copy = index.clone();
        assertSame(copy, model);
        for (const key of [...model.keys()]) copy.delete(key);
        assert.equal(copy.size, 0);
        assertSame(index, model);
      });
    }
  }

  it('grows past many doublings and finds every key', () => {
    const index = new KeyIndex<Item>();
    for (let i = 0; i < 50_000; i++) index.set({ key: `k${i}`, n: i });
    assert.equal(index.size, 50_000);
    for (let i = 0; i < 50_000; i++) assert.equal(index.get(`k${i}`)!.n, i);
    assert.equal(index.get('absent'), undefined);
  });

  it('hashes keys that differ in one character, or only past the first ones, apart', () => {
    const keys = Array.from({ length: 4096 }, (_, i) => `user:${String(i).padStart(6, '0')}`);
    const low = new Set(keys.map((k) => keyHash(k) & 4095));
    // 4,096 keys into 4,096 buckets: a uniform hash fills ~63% of them.
    assert.ok(low.size > 2400, `only ${low.size} of 4096 low-bit buckets used`);
    assert.notEqual(keyHash('a'.repeat(100) + 'b'), keyHash('a'.repeat(100) + 'c'));
    assert.notEqual(keyHash('\u{1F600}'), keyHash('\u{1F601}'));
  });

  it('fails an iteration that a removal would upset, and lets one see what is added', () => {
    const index = new KeyIndex<Item>();
    for (let i = 0; i < 4; i++) index.set({ key: `k${i}`, n: i });
    assert.throws(() => {
      for (const item of index.values()) index.delete(item.key);
    }, /removed while the index was iterated/);
    const seen: string[] = [];
    for (const item of index.values()) {
      seen.push(item.key);
      if (item.n < 3) index.set({ key: `${item.key}+`, n: 99 });
    }
    assert.equal(seen.length, index.size);
  });
});
