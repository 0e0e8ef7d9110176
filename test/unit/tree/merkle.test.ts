// The tictac Merkle tree: kept incrementally it equals one built from scratch, it does not
// depend on the order of writes, and its deep levels agree with the stored ones.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Entry } from '../../../src/node/replica/entry.js';
import { loadHasher } from '../../../src/node/replica/hash.js';
import { Store } from '../../../src/node/replica/store.js';
import { join, split } from '../../../src/node/tree/digest.js';
import { MerkleTree } from '../../../src/node/tree/merkle.js';
import { pick, rng, shuffle } from '../../helpers/random.js';
import { entry } from '../../helpers/replica.js';

const hasher = await loadHasher();

function applied(entries: Entry[]): Store {
  const s = new Store(hasher);
  for (const e of entries) s.apply(e);
  return s;
}

describe('merkle tree', () => {
  for (const seed of [11, 12, 13]) {
    it(`kept incrementally equals one built from scratch (seed ${seed})`, () => {
      const random = rng(seed);
      const s = new Store(hasher);
      for (let i = 0; i < 3000; i++) {
        const key = `key-${Math.floor(random() * 1500)}`;
        s.apply(entry(key, random() < 0.1 ? null : `v${i}`, i + 1, pick(random, ['a', 'b'])));
        if (i % 1000 === 999) s.purgeTombstones(i - 200);
      }
      const fresh = new MerkleTree([...s.entries()]);
      assert.equal(s.tree.root().digest, fresh.root().digest);
      assert.equal(s.tree.root().count, s.size);
      for (let level = 0; level <= 3; level++) {
        for (let index = 0; index < 16 ** level; index += 7) {
          assert.deepEqual(
            s.tree.node(level, index),
            fresh.node(level, index),
            `node [${level}, ${index}]`,
          );
        }
      }
    });
  }

  it('gives the same root whatever order the writes came in', () => {
    const entries = Array.from({ length: 2000 }, (_, i) => entry(`k${i}`, `v${i}`, i + 1));
    const a = applied(entries);
    const b = applied(shuffle(rng(7), entries));
    assert.equal(a.tree.root().digest, b.tree.root().digest);
    assert.notEqual(a.tree.storedDepth, 0);
  });

  it('grows its stored depth with the data, and deep levels agree with stored ones', () => {
    const s = applied(Array.from({ length: 20_000 }, (_, i) => entry(`k${i}`, 'v', i + 1)));
    assert.ok(s.tree.storedDepth >= 2, `depth ${s.tree.storedDepth}`);
    const small = new MerkleTree([...s.entries()].slice(0, 10));
    for (const e of [...s.entries()].slice(0, 10)) {
      // A level deeper than `small` stores is computed from its leaf and matches a direct sum.
      const index = e.place >>> (32 - 4 * 5);
      const expected = [...s.entries()].slice(0, 10).filter((x) => x.place >>> (32 - 20) === index);
      assert.equal(small.node(5, index).count, expected.length);
    }
    const children = s.tree.children(0, 0);
    assert.equal(
      children.reduce((n, c) => n + c.count, 0),
      20_000,
    );
    assert.equal(
      children.reduce((d, c) => d ^ c.digest, 0n),
      s.tree.root().digest,
    );
  });

  // Sizes on both sides of the depth thresholds (512 and 8192 entries).
  for (const size of [0, 1, 512, 513, 9000]) {
    it(`filled in bulk equals one built by adding items one by one (${size} items)`, () => {
      const items = [
        ...applied(
          Array.from({ length: size }, (_, i) => entry(`k${i}`, i % 5 ? `v${i}` : null, i + 1)),
        ).entries(),
      ];
      const added = new MerkleTree(items);
      const filled = new MerkleTree<(typeof items)[number]>();
      filled.fill(items.values(), items.length);
      assert.equal(filled.size, size);
      assert.equal(filled.storedDepth, added.storedDepth);
      for (let level = 0; level <= filled.storedDepth; level++) {
        for (let index = 0; index < 16 ** level; index++) {
          assert.deepEqual(filled.node(level, index), added.node(level, index));
        }
      }
      const leaves = 16 ** filled.storedDepth;
      for (let leaf = 0; leaf < leaves; leaf += 1 + Math.floor(leaves / 97)) {
        const keys = (tree: MerkleTree<(typeof items)[number]>) =>
          [...tree.itemsUnder(filled.storedDepth, leaf)].map((x) => x.key).sort();
        assert.deepEqual(keys(filled), keys(added), `leaf ${leaf}`);
      }
      // A filled tree keeps working incrementally, deep levels included.
      if (size > 0) {
        filled.remove(items[0]!);
        added.remove(items[0]!);
        assert.deepEqual(filled.root(), added.root());
        assert.deepEqual(filled.children(4, 3), added.children(4, 3));
      }
    });
  }

  it('refuses to fill a tree that already holds items', () => {
    const items = [...applied([entry('a', 'v', 1)]).entries()];
    const tree = new MerkleTree(items);
    assert.throws(() => tree.fill(items, items.length), /not empty/);
  });

  it('splits a digest into signed 32-bit halves that join back to it', () => {
    const cases: [bigint, number, number][] = [
      [0n, 0, 0],
      [0xffff_ffff_ffff_ffffn, -1, -1],
      [0x8000_0000_7fff_ffffn, -2147483648, 2147483647],
      [0x0123_4567_89ab_cdefn, 0x01234567, 0x89abcdef | 0],
    ];
    for (const [digest, hi, lo] of cases) {
      assert.deepEqual(split(digest), { hi, lo });
      assert.equal(join(hi, lo), digest);
    }
  });

  it('refuses a count that is not the number of items it was given', () => {
    const items = [...applied([entry('a', 'v', 1), entry('b', 'v', 2)]).entries()];
    assert.throws(() => new MerkleTree<(typeof items)[number]>().fill(items, 3), /2 items, not 3/);
  });
});
