import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadHasher } from '../../../../src/node/replica/hash.js';
import { Store } from '../../../../src/node/replica/store.js';
import { Sketch } from '../../../../src/node/sync/riblt/sketch.js';
import {
  compareTags,
  IndexSequence,
  itemOf,
  tagOf,
} from '../../../../src/node/sync/riblt/symbol.js';
import { rng } from '../../../helpers/random.js';
import { entry } from '../../../helpers/replica.js';

const SYMBOLS = 600;

describe('RIBLT sketch', () => {
  for (const seed of [1, 2, 3, 4, 5]) {
    it(`kept up to date on every write, delete, merge and purge equals one built from scratch (seed ${seed})`, async () => {
      const random = rng(seed);
      const kept = new Sketch(SYMBOLS);
      const store = new Store(await loadHasher(), kept);
      let wall = 1;
      for (let op = 0; op < 3000; op++) {
        const key = `k${Math.floor(random() * 400)}`;
        const r = random();
        if (r < 0.5) store.apply(entry(key, `v${op}`, (wall += 1), 'a'));
        else if (r < 0.7) store.apply(entry(key, null, (wall += 1), 'b'));
        else if (r < 0.9) store.apply(entry(key, `old${op}`, Math.floor(random() * wall), 'c'));
        else store.purgeTombstones(wall - Math.floor(random() * 200));
      }
      const scratch = new Sketch(SYMBOLS);
      for (const e of store.entries()) scratch.added(e);
      assert.equal(kept.items, store.size);
      assert.deepEqual(kept.run(0, SYMBOLS), scratch.run(0, SYMBOLS));
      const empty = new Sketch(SYMBOLS);
      for (const e of store.entries()) kept.removed(e);
      assert.deepEqual(kept.run(0, SYMBOLS), empty.run(0, SYMBOLS), 'removing all empties it');
    });
  }

  it('maps every item to symbol 0, then to increasing indices, index i with probability ~1/(1+i/2)', () => {
    const random = rng(7);
    const hits = new Map<number, number>();
    const items = 20_000;
    for (let n = 0; n < items; n++) {
      const item = itemOf({
        place: Math.floor(random() * 2 ** 32),
        lo: Math.floor(random() * 2 ** 32),
        version: { wall: Math.floor(random() * 1e15) },
      });
      const seq = new IndexSequence(item);
      let last = -1;
      for (let i = seq.next(); i < 200; i = seq.next()) {
        assert.ok(i > last, 'strictly increasing');
        if (last === -1) assert.equal(i, 0, 'symbol 0 first');
        last = i;
        hits.set(i, (hits.get(i) ?? 0) + 1);
      }
    }
    for (const i of [0, 1, 2, 10, 50, 150]) {
      const share = (hits.get(i) ?? 0) / items;
      const expected = 1 / (1 + i / 2);
      assert.ok(
        Math.abs(share - expected) < 0.15 * expected + 0.005,
        `index ${i}: ${share} vs ${expected}`,
      );
    }
  });

  it('gives 200,000 random items 200,000 different index sequences (64 bits of generator state)', () => {
    // With a 32-bit state ~4.7 pairs of 200,000 items share their whole sequence (the birthday
    // bound); such a pair can never be peeled apart. With 64 bits, chance alone (~60 bits in
    // the indices of a sequence) makes a shared one vanishingly rare.
    const random = rng(13);
    const seen = new Set<string>();
    const items = 200_000;
    for (let n = 0; n < items; n++) {
      const seq = new IndexSequence(
        itemOf({
          place: Math.floor(random() * 2 ** 32),
          lo: Math.floor(random() * 2 ** 32),
          version: { wall: Math.floor(random() * 1e15) },
        }),
      );
      const indices: number[] = [];
      for (let i = seq.next(); i < 65_536; i = seq.next()) indices.push(i);
      seen.add(indices.join(','));
    }
    assert.equal(seen.size, items);
  });

  it('an overwrite in one call (both sequences at once) equals removing and adding', () => {
    const random = rng(11);
    const item = () => ({
      place: Math.floor(random() * 2 ** 32),
      lo: Math.floor(random() * 2 ** 32),
      version: { wall: Math.floor(random() * 1e12) },
    });
    const pairs = Array.from({ length: 500 }, () => [item(), item()] as const);
    const together = new Sketch(SYMBOLS);
    const apart = new Sketch(SYMBOLS);
    for (const [old] of pairs) {
      together.added(old);
      apart.added(old);
    }
    for (const [old, next] of pairs) {
      together.replaced(old, next);
      apart.removed(old);
      apart.added(next);
    }
    assert.deepEqual(together.run(0, SYMBOLS), apart.run(0, SYMBOLS));
  });

  it("puts an item exactly at its IndexSequence's indices (the decoder's)", () => {
    const random = rng(12);
    for (let n = 0; n < 50; n++) {
      const source = {
        place: Math.floor(random() * 2 ** 32),
        lo: Math.floor(random() * 2 ** 32),
        version: { wall: Math.floor(random() * 1e12) },
      };
      const sketch = new Sketch(SYMBOLS);
      sketch.added(source);
      const expected: number[] = [];
      const seq = new IndexSequence(itemOf(source));
      for (let i = seq.next(); i < SYMBOLS; i = seq.next()) expected.push(i);
      const touched: number[] = [];
      for (let i = 0; i < SYMBOLS; i++) if (sketch.symbol(i).some((w) => w !== 0)) touched.push(i);
      assert.deepEqual(touched, expected);
    }
  });

  it('costs the same memory whatever the number of keys', async () => {
    const sketch = new Sketch(SYMBOLS);
    const before = sketch.bytes;
    const store = new Store(await loadHasher(), sketch);
    for (let i = 0; i < 5000; i++) store.apply(entry(`k${i}`, 'v', i + 1));
    assert.equal(sketch.bytes, before);
    assert.equal(sketch.bytes, SYMBOLS * 16);
  });

  it('tags a version by its 1/16 s (versions are in microseconds), so hints hold for ~34 minutes', () => {
    const wall = 1_795_000_000_123_456;
    const step = 62_500;
    assert.equal(tagOf(wall + step) - tagOf(wall), 1);
    const later = tagOf(wall + 30 * 60 * 16 * step);
    assert.equal(compareTags(later, tagOf(wall)), 30 * 60 * 16, 'half an hour later, still ahead');
    const tooLate = tagOf(wall + 40 * 60 * 16 * step);
    assert.ok(compareTags(tooLate, tagOf(wall)) < 0, 'forty minutes later, the hint wraps');
  });
});
