// The replica's store: last write wins with a total order, tombstones, listing in key order.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Entry, EntryRow } from '../../../src/node/replica/entry.js';
import { loadHasher } from '../../../src/node/replica/hash.js';
import { digestHex } from '../../../src/node/tree/digest.js';
import { Store } from '../../../src/node/replica/store.js';
import { compareUtf8 } from '../../../src/node/replica/key-order.js';
import { pick, rng, shuffle } from '../../helpers/random.js';
import { entry } from '../../helpers/replica.js';

const hasher = await loadHasher();

function randomEntries(seed: number, n: number): Entry[] {
  const random = rng(seed);
  return Array.from({ length: n }, () =>
    entry(
      `k${Math.floor(random() * 20)}`,
      random() < 0.2 ? null : pick(random, ['a', 'b', 'c']),
      Math.floor(random() * 5),
      pick(random, ['n1', 'n2']),
      Math.floor(random() * 2),
    ),
  );
}

function state(store: Store): string {
  return (
    JSON.stringify([...store.entries()].map((e) => [e.key, e.value, e.version]).sort()) +
    digestHex(store.tree.root().digest)
  );
}

function applied(entries: Entry[]): Store {
  const s = new Store(hasher);
  for (const e of entries) s.apply(e);
  return s;
}

describe('store: last write wins', () => {
  it('keeps the newer version and ignores older or repeated entries', () => {
    const s = new Store(hasher);
    assert.equal(s.apply(entry('k', 'new', 10)), 'applied');
    assert.equal(s.apply(entry('k', 'old', 9)), 'unchanged');
    assert.equal(s.apply(entry('k', 'new', 10)), 'unchanged');
    assert.equal(s.get('k')?.value, 'new');
  });

  it('orders by wall, then logical, then node id', () => {
    const s = new Store(hasher);
    s.apply(entry('k', 'a', 10, 'n2', 0));
    s.apply(entry('k', 'b', 10, 'n1', 1));
    assert.equal(s.get('k')?.value, 'b', 'logical beats node id');
    s.apply(entry('k', 'c', 10, 'n3', 1));
    assert.equal(s.get('k')?.value, 'c', 'node id breaks the last tie');
  });

  it('at an equal version prefers the tombstone, then the larger value digest', () => {
    const s = new Store(hasher);
    s.apply(entry('k', 'x', 10));
    s.apply(entry('k', null, 10));
    assert.equal(s.get('k')?.value, null);
    const one = applied([entry('v', 'x', 1), entry('v', 'y', 1)]);
    const two = applied([entry('v', 'y', 1), entry('v', 'x', 1)]);
    assert.equal(one.get('v')?.value, two.get('v')?.value);
  });

  it('a tombstone hides the key and counts as an entry', () => {
    const s = applied([entry('k', 'v', 1), entry('k', null, 2)]);
    assert.equal(s.liveCount, 0);
    assert.equal(s.size, 1);
    assert.equal(s.tombstoneCount, 1);
  });

  for (const seed of [1, 2, 3, 4, 5]) {
    it(`merge is idempotent, commutative and associative (seed ${seed})`, () => {
      const random = rng(seed);
      const entries = randomEntries(seed, 200);
      const reference = state(applied(entries));
      assert.equal(state(applied(shuffle(random, entries))), reference, 'any order');
      assert.equal(state(applied([...entries, ...entries])), reference, 'applied twice');
      const cut = Math.floor(random() * entries.length);
      const left = applied(entries.slice(0, cut));
      for (const e of applied(entries.slice(cut)).entries()) left.apply(e);
      assert.equal(state(left), reference, 'merging two partial replicas');
    });
  }

  it('purges expired tombstones whatever order they arrived in, and not ones a newer write replaced', () => {
    const random = rng(21);
    const walls = shuffle(
      random,
      Array.from({ length: 300 }, (_, i) => i + 1),
    );
    const s = applied(walls.map((w) => entry(`t${w}`, null, w)));
    s.apply(entry('t10', 'back again', 1000));
    const purged = s.purgeTombstones(101);
    assert.equal(purged.length, 99, 't1..t100 but t10, which holds a newer value');
    assert.ok(!purged.includes('t10'));
    assert.equal(s.get('t10')?.value, 'back again');
    assert.equal(s.get('t101')?.value, null);
    assert.deepEqual(s.purgeTombstones(101), [], 'nothing twice');
    assert.equal(s.tree.root().count, s.size);
  });

  it('purges tombstones older than the cut-off, and only those', () => {
    const s = applied([entry('a', null, 5), entry('b', null, 50), entry('c', 'v', 1)]);
    assert.deepEqual(s.purgeTombstones(10), ['a']);
    assert.equal(s.get('a'), undefined);
    assert.equal(s.get('b')?.value, null);
    assert.equal(s.get('c')?.value, 'v');
    assert.equal(state(s), state(applied([entry('b', null, 50), entry('c', 'v', 1)])));
  });
});

describe('store: listing', () => {
  it('pages live keys in UTF-8 byte order under a prefix', () => {
    const s = applied(
      ['user:b', 'user:a', 'user:c', 'item:1', 'user:d'].map((k, i) => entry(k, 'v', i + 1)),
    );
    s.apply(entry('user:c', null, 99));
    const first = s.list('user:', 2, null);
    assert.deepEqual(
      first.items.map((e) => e.key),
      ['user:a', 'user:b'],
    );
    assert.equal(first.next, 'user:b');
    const second = s.list('user:', 2, first.next);
    assert.deepEqual(
      second.items.map((e) => e.key),
      ['user:d'],
    );
    assert.equal(second.next, null);
  });

  it('compares strings as UTF-8 bytes, not UTF-16 units', () => {
    const keys = ['\u{1F600}', '\uFFFD', 'a', '\u00e9'];
    const byBytes = [...keys].sort((x, y) => Buffer.compare(Buffer.from(x), Buffer.from(y)));
    assert.deepEqual([...keys].sort(compareUtf8), byBytes);
  });
});

describe('stored entry', () => {
  it('keeps the wall clock exactly, in two halves, whatever its size and sign', () => {
    const walls = [
      0,
      1,
      2 ** 31 - 1,
      2 ** 31,
      2 ** 32 - 1,
      2 ** 32,
      2 ** 32 + 1,
      1_800_000_000_123_456,
    ];
    for (const wall of [
      ...walls,
      Number.MAX_SAFE_INTEGER,
      -1,
      -(2 ** 32) - 1,
      Number.MIN_SAFE_INTEGER,
    ]) {
      const e = new Store(hasher);
      e.apply(entry('k', 'v', wall));
      assert.equal(e.get('k')!.wall, wall);
      assert.deepEqual(e.get('k')!.version, { wall, logical: 0, node: 'n1' });
    }
  });
});

describe('store: restore from rows', () => {
  const rows = (entries: Entry[]): EntryRow[] =>
    entries.map((e) => [
      e.key,
      e.value,
      e.version.wall,
      e.version.logical,
      e.version.node,
      null,
      null,
      null,
    ]);
  /** Rows as a node stores them: with the placement and digest it computed. */
  const hashedRows = (store: Store, keys: string[]): EntryRow[] =>
    keys.map((k) => {
      const e = store.get(k)!;
      return [e.key, e.value, e.wall, e.logical, e.node, e.place | 0, e.hi, e.lo];
    });

  it('equals the store that applied the same entries, and returns the newest version', () => {
    const random = rng(21);
    const entries = Array.from({ length: 5000 }, (_, i) =>
      entry(
        `k${i}`,
        random() < 0.1 ? null : `v${i}`,
        1 + Math.floor(random() * 900),
        pick(random, ['a', 'b']),
        i % 3,
      ),
    );
    const applied = new Store(hasher);
    for (const e of entries) applied.apply(e);
    // Every other row carries its hashes, as a data directory written by this build does; the
    // rest have none, as one from before hashes were stored.
    const shuffled = shuffle(rng(22), entries);
    const all = shuffled.map((e, i) =>
      i % 2 === 0 ? hashedRows(applied, [e.key])[0]! : rows([e])[0]!,
    );
    const restored = new Store(hasher);
    const { newest, unhashed } = restored.restore([all.slice(0, 1234), all.slice(1234)]);
    assert.deepEqual(
      unhashed.map((e) => e.key),
      shuffled.filter((_, i) => i % 2 === 1).map((e) => e.key),
    );
    assert.equal(digestHex(restored.tree.root().digest), digestHex(applied.tree.root().digest));
    assert.equal(restored.tree.storedDepth, applied.tree.storedDepth);
    assert.equal(restored.size, applied.size);
    assert.equal(restored.liveCount, applied.liveCount);
    assert.equal(restored.tombstoneCount, applied.tombstoneCount);
    for (const e of applied.entries()) {
      assert.deepEqual(restored.get(e.key), e);
      // The placement and the wall clock are read through getters (private fields, kept as small
      // integers), which deepEqual skips.
      assert.deepEqual(restored.get(e.key)!.version, e.version);
      assert.equal(restored.get(e.key)!.place, e.place);
    }
    const expected = entries.reduce((a, b) => (applied.compare(b, a) > 0 ? b : a)).version;
    assert.deepEqual(newest, expected);
    // Tombstones wait for expiry as if they had been applied.
    assert.deepEqual(restored.purgeTombstones(500).sort(), applied.purgeTombstones(500).sort());
    assert.equal(restored.tree.root().digest, applied.tree.root().digest);
  });

  it('takes the stored hashes as they are instead of hashing the row again', () => {
    const applied = new Store(hasher);
    applied.apply(entry('k', 'a', 1));
    const [row] = hashedRows(applied, ['k']);
    const altered: EntryRow = [row![0], row![1], row![2], row![3], row![4], row![5], 7, 9];
    const restored = new Store(hasher);
    assert.deepEqual(restored.restore([[altered]]).unhashed, []);
    assert.deepEqual([restored.get('k')!.hi, restored.get('k')!.lo], [7, 9]);
    assert.equal(restored.get('k')!.place, applied.get('k')!.place);
  });

  it('refuses a key twice or a store that is not empty', () => {
    const twice = rows([entry('k', 'a', 1), entry('k', 'b', 2)]);
    assert.throws(() => new Store(hasher).restore([twice]), /appears twice/);
    const full = new Store(hasher);
    full.apply(entry('k', 'a', 1));
    assert.throws(() => full.restore([]), /not empty/);
  });
});
