// A full exchange's size kept by an observer of the store on every change: after random
// sequences of writes, overwrites, deletes, merges from other nodes, purges and a restore, it
// equals the count from scratch (fullMessageBytes), which equals the encoded message.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadHasher } from '../../../../src/node/replica/hash.js';
import { Store } from '../../../../src/node/replica/store.js';
import type { EntryRow } from '../../../../src/node/replica/entry.js';
import { WallIndex } from '../../../../src/node/sync/wire/wall-index.js';
import { emptyMessage, encodeMessage } from '../../../../src/node/sync/wire/message.js';
import {
  FullExchangeSize,
  FullSize,
  fullMessageBytes,
} from '../../../../src/node/sync/wire/full-size.js';
import { entry } from '../../../helpers/replica.js';
import { pick, rng } from '../../../helpers/random.js';

/** The first message of a full exchange of the store, encoded. */
function encodedFull(store: Store): number {
  const m = emptyMessage();
  m.entries.push(...store.entries());
  m.dumps.push({ level: 0, index: 0 });
  return encodeMessage(m).length;
}

const NOW = 1_700_000_000_000_000;

describe('the full exchange size, kept on every change of the store', () => {
  for (const seed of [1, 2, 3, 4, 5]) {
    it(`equals the count from scratch after random operations (seed ${seed})`, async () => {
      const random = rng(seed);
      const store = new Store(await loadHasher());
      const kept = FullSize.follow(store);
      assert.equal(kept.bytes(), fullMessageBytes(store), 'empty');
      const keys = Array.from({ length: 60 }, (_, i) => (i % 7 === 0 ? `ключ-${i}` : `k${i}`));
      const nodes = ['n1', 'n2', 'node-three', 'n4'];
      // Walls spread so that offsets from the smallest take 1 to 6 bytes, and the smallest moves.
      const spans = [100, 20_000, 3_000_000, 500_000_000, 80_000_000_000];
      for (let step = 0; step < 1500; step++) {
        const roll = random();
        if (roll < 0.85) {
          const wall = NOW + Math.floor(random() * pick(random, spans)) - 1_000_000;
          const value = random() < 0.2 ? null : 'v'.repeat(Math.floor(random() * 300));
          store.apply(
            entry(pick(random, keys), value, wall, pick(random, nodes), Math.floor(random() * 300)),
          );
        } else {
          store.purgeTombstones(NOW + Math.floor(random() * 2_000_000) - 1_000_000);
        }
        assert.equal(kept.bytes(), fullMessageBytes(store), `step ${step}`);
        if (step % 100 === 0) assert.equal(kept.bytes(), encodedFull(store));
      }
      assert.equal(kept.bytes(), encodedFull(store));
      // A copy of these entries restored in bulk, then changed again.
      const rows: EntryRow[] = [...store.entries()].map((e) => [
        e.key,
        e.value,
        e.wall,
        e.logical,
        e.node,
        e.place,
        e.hi,
        e.lo,
      ]);
      const restored = new Store(await loadHasher());
      const followed = FullSize.follow(restored);
      assert.equal(followed.bytes(), fullMessageBytes(restored));
      restored.restore([rows]);
      assert.equal(followed.bytes(), fullMessageBytes(restored));
      assert.equal(followed.bytes(), kept.bytes());
      restored.apply(entry('after-restore', 'x', NOW + 5_000_000_000, 'n9'));
      assert.equal(followed.bytes(), encodedFull(restored));
      // Sums started from a store already filled, then kept.
      const late = new Store(await loadHasher());
      late.restore([rows]);
      const started = FullSize.follow(late);
      assert.equal(started.bytes(), kept.bytes());
      late.apply(entry('after-restore', 'x', NOW + 5_000_000_000, 'n9'));
      assert.equal(started.bytes(), encodedFull(late));
    });
  }

  it('leaves the count to fullMessageBytes past 64 node ids', async () => {
    const store = new Store(await loadHasher());
    const kept = FullSize.follow(store);
    for (let i = 0; i < 64; i++) store.apply(entry(`k${i}`, 'v', NOW + i, `node-${i}`));
    assert.equal(kept.bytes(), encodedFull(store));
    store.apply(entry('k64', 'v', NOW, 'node-64'));
    assert.equal(kept.bytes(), undefined);
    store.apply(entry('k64', 'w', NOW + 1, 'node-0'));
    assert.equal(kept.bytes(), encodedFull(store), 'back to 64 ids');
    assert.throws(() => FullSize.follow(store), /attached already/);
  });

  it('reports the kept size, or past 64 node ids the count from scratch', async () => {
    const store = new Store(await loadHasher());
    const reported = new FullExchangeSize(store);
    assert.equal(reported.bytes(), encodedFull(store), 'empty');
    for (let i = 0; i < 65; i++) store.apply(entry(`k${i}`, 'v', NOW + i, `node-${i}`));
    assert.equal(reported.bytes(), encodedFull(store), 'counted from scratch');
    store.apply(entry('k65', 'v', NOW + 7_000_000_000, 'node-65'));
    assert.equal(reported.bytes(), encodedFull(store), 'counted again once the root moved');
    store.apply(entry('k64', 'w', NOW + 1, 'node-0'));
    store.apply(entry('k65', 'w', NOW + 2, 'node-0'));
    assert.equal(reported.bytes(), encodedFull(store), 'kept again at 64 ids');
  });
});

describe('wall index', () => {
  it('answers min and counts like a sorted array, through inserts, removals and splits', () => {
    const random = rng(7);
    // The same walls held naively in an array, to compare with.
    const held = Array.from({ length: 3000 }, () => Math.floor(random() * 1e6));
    const index = WallIndex.of(Float64Array.from(held));
    for (let step = 0; step < 6000; step++) {
      if (random() < 0.55 || held.length === 0) {
        // Mostly the newest walls (appends), sometimes anywhere, sometimes a duplicate.
        const wall =
          random() < 0.5
            ? 1e6 + step
            : random() < 0.2 && held.length > 0
              ? pick(random, held)
              : Math.floor(random() * 1e6);
        index.insert(wall);
        held.push(wall);
      } else {
        const wall = random() < 0.9 ? pick(random, held) : -1;
        const at = held.indexOf(wall);
        assert.equal(index.remove(wall), at !== -1);
        if (at !== -1) held.splice(at, 1);
      }
      if (step % 50 === 0) {
        assert.equal(index.size, held.length);
        assert.equal(index.min(), held.length === 0 ? Infinity : Math.min(...held));
        const bound = Math.floor(random() * 1.1e6);
        assert.equal(index.countAtLeast(bound), held.filter((w) => w >= bound).length);
      }
    }
  });
});
