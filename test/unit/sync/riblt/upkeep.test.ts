// The kept sketch at a larger scale than sketch.test.ts: a store filled in bulk (restore), then
// tens of thousands of writes, deletes, stale and equal-version rivals and purges; and the same
// entries merged in different orders on several replicas. The kept sketch must equal the one
// built from scratch from the store, symbol for symbol, whatever the order of operations.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Entry, EntryRow } from '../../../../src/node/replica/entry.js';
import { loadHasher } from '../../../../src/node/replica/hash.js';
import { Store } from '../../../../src/node/replica/store.js';
import { Sketch } from '../../../../src/node/sync/riblt/sketch.js';
import { rng, shuffle } from '../../../helpers/random.js';
import { entry } from '../../../helpers/replica.js';

const SYMBOLS = 4096;
const KEYS = 5000;
const NODES = ['n1', 'n2', 'n3'];

/** The store's sketch built from scratch. */
function fresh(store: Store): Sketch {
  const s = new Sketch(SYMBOLS);
  for (const e of store.entries()) s.added(e);
  return s;
}

function assertKept(kept: Sketch, store: Store, when: string): void {
  assert.equal(kept.items, store.size, `${when}: items`);
  assert.deepEqual(kept.run(0, SYMBOLS), fresh(store).run(0, SYMBOLS), `${when}: symbols`);
}

describe('RIBLT sketch upkeep at scale', () => {
  for (const seed of [21, 22]) {
    it(`after a bulk restore and 30,000 mixed operations equals one built from scratch (seed ${seed})`, async () => {
      const random = rng(seed);
      const kept = new Sketch(SYMBOLS);
      const store = new Store(await loadHasher(), kept);
      const rows: EntryRow[] = Array.from({ length: KEYS }, (_, i) => [
        `k${i}`,
        i % 7 === 0 ? null : `v${i}`,
        1000 + i,
        0,
        NODES[i % 3]!,
        null,
        null,
        null,
      ]);
      store.restore([rows.slice(0, 2000), rows.slice(2000)]);
      assertKept(kept, store, 'restored');
      let wall = 10_000;
      for (let op = 1; op <= 30_000; op++) {
        const key = `k${Math.floor(random() * KEYS * 1.2)}`;
        const node = NODES[Math.floor(random() * 3)]!;
        const r = random();
        const current = store.get(key);
        if (r < 0.35) store.apply(entry(key, `w${op}`, (wall += 1), node));
        else if (r < 0.5) store.apply(entry(key, null, (wall += 1), node));
        else if (r < 0.65) store.apply(entry(key, `s${op}`, Math.floor(random() * wall), node));
        else if (r < 0.85 && current) {
          // A rival at the very same version: the tombstone, then the larger value digest wins.
          const rival = random() < 0.3 ? null : `eq${op}`;
          store.apply({ key, value: rival, version: current.version });
        } else if (r < 0.87) store.purgeTombstones(wall - Math.floor(random() * 3000));
        else store.apply(entry(key, `w${op}`, wall, node, op)); // same wall, higher logical
        if (op % 10_000 === 0) assertKept(kept, store, `after ${op} operations`);
      }
      store.purgeTombstones(wall + 1);
      assertKept(kept, store, 'after purging every tombstone');
    });
  }

  it('the same entries merged in four different orders give four equal sketches', async () => {
    const random = rng(23);
    const all: Entry[] = [];
    for (let i = 0; i < 12_000; i++) {
      const key = `k${Math.floor(random() * 3000)}`;
      const wall = 1 + Math.floor(random() * 400); // few walls: many equal versions
      const node = NODES[Math.floor(random() * 3)]!;
      all.push(entry(key, random() < 0.2 ? null : `v${i % 50}`, wall, node));
    }
    const hasher = await loadHasher();
    const sketches: Sketch[] = [];
    const roots: bigint[] = [];
    for (let order = 0; order < 4; order++) {
      const kept = new Sketch(SYMBOLS);
      const store = new Store(hasher, kept);
      for (const e of order === 0 ? all : shuffle(random, all)) store.apply(e);
      assertKept(kept, store, `order ${order}`);
      sketches.push(kept);
      roots.push(store.tree.root().digest);
    }
    for (const s of sketches.slice(1))
      assert.deepEqual(s.run(0, SYMBOLS), sketches[0]!.run(0, SYMBOLS));
    assert.equal(new Set(roots).size, 1);
  });
});
