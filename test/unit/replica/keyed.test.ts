// Keys chosen to collide. A client who knows a hash can pick keys that all land in one slot
// run of the store's index, or in one leaf of the tree. The index is keyed on every node, the
// tree under a cluster key: the same crafted keys then spread out, which these tests count
// (slots probed, entries per tree node), never time. Equal data still give equal roots on
// nodes that share the key.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { HASH_SCHEME, hashKeys, loadHasher } from '../../../src/node/replica/hash.js';
import { KeyIndex, keyHash, type Keyed } from '../../../src/node/replica/key-index.js';
import { Store } from '../../../src/node/replica/store.js';
import { entry } from '../../helpers/replica.js';
import { rng } from '../../helpers/random.js';

/** Deterministic "random" bytes for a node's index key. */
const bytes = (seed: number) => (n: number) =>
  Buffer.from(Array.from({ length: n }, (_, i) => (seed * 31 + i * 7) & 0xff));

/** `count` keys whose `hash` agrees with that of the first on the bits under `mask`. */
function crafted(hash: (key: string) => number, mask: number, count: number): string[] {
  const keys: string[] = [];
  let target: number | undefined;
  for (let i = 0; keys.length < count; i++) {
    const key = `k${i}`;
    const h = hash(key) & mask;
    target ??= h;
    if (h === target) keys.push(key);
  }
  return keys;
}

/** Slots probed per operation: `keys` inserted, then each looked up once. */
function probesPerOp(hash: (key: string) => number, keys: readonly string[]): number {
  const index = new KeyIndex<Keyed>(hash);
  for (const key of keys) index.set({ key });
  for (const key of keys) assert.ok(index.get(key));
  return index.probes / (2 * keys.length);
}

describe('keys chosen to collide', () => {
  const N = 1_000;
  // The table holds 1,000 keys in 2,048 slots: keys equal in the low 11 bits share a home slot.
  const HOME = 2_047;

  it('in the index: a run that grows with every key unkeyed, about one probe keyed', async () => {
    const keys = crafted(keyHash, HOME, N);
    const unkeyed = probesPerOp(keyHash, keys);
    const node = await loadHasher(hashKeys(undefined, bytes(1)));
    const keyed = probesPerOp(node.index, keys);
    assert.ok(unkeyed > N / 4, `unkeyed: ${unkeyed} probes an operation (the attack works)`);
    assert.ok(keyed < 3, `keyed: ${keyed} probes an operation`);
    // The same keys of no design: about what the keyed index pays.
    const plain = probesPerOp(
      keyHash,
      Array.from({ length: N }, (_, i) => `plain:${i}`),
    );
    assert.ok(keyed < 2 * plain, `keyed ${keyed} against ${plain} for ordinary keys`);
  });

  it('in the tree: one node holds them all with public placement, a few under a cluster key', async () => {
    const open = await loadHasher();
    // Level 3 of the tree: 4,096 nodes, each the keys whose placement starts with 12 bits.
    const keys = crafted(open.place, 0xfff00000, 200);
    const largest = async (hasher: Awaited<ReturnType<typeof loadHasher>>) => {
      const store = new Store(hasher);
      keys.forEach((key, i) => store.apply(entry(key, `v${i}`, 1 + i)));
      let most = 0;
      for (let i = 0; i < 4096; i++) most = Math.max(most, store.tree.node(3, i).count);
      return most;
    };
    assert.equal(await largest(open), keys.length);
    const keyed = await largest(await loadHasher(hashKeys('s3cret', bytes(2))));
    assert.ok(keyed <= 6, `the most crafted keys in one level-3 node under a key: ${keyed}`);
  });

  it('equal data give equal roots under one cluster key, whatever the order and the index key', async () => {
    const random = rng(7);
    const entries = Array.from({ length: 300 }, (_, i) =>
      entry(
        `key:${i}`,
        i % 9 === 0 ? null : `value ${i}`,
        1_000 + Math.floor(random() * 50),
        `n${i % 3}`,
      ),
    );
    const rootOf = async (clusterKey: string | undefined, seed: number, order: typeof entries) => {
      const store = new Store(await loadHasher(hashKeys(clusterKey, bytes(seed))));
      for (const e of order) store.apply(e);
      return store.tree.root().digest;
    };
    const a = await rootOf('s3cret', 1, entries);
    assert.equal(await rootOf('s3cret', 2, [...entries].reverse()), a);
    assert.notEqual(await rootOf('another', 1, entries), a);
    assert.notEqual(await rootOf(undefined, 1, entries), a);
    assert.equal(
      await rootOf(undefined, 1, entries),
      await rootOf(undefined, 3, [...entries].reverse()),
    );
  });

  it('labels stored hashes by key: another key hashes a data directory again', async () => {
    const a = await loadHasher(hashKeys('s3cret', bytes(1)));
    const b = await loadHasher(hashKeys('another', bytes(1)));
    assert.equal((await loadHasher(hashKeys(undefined, bytes(1)))).scheme, HASH_SCHEME);
    assert.notEqual(a.scheme, HASH_SCHEME);
    assert.notEqual(a.scheme, b.scheme);
    assert.ok(a.scheme > 0 && a.scheme <= 0x7fffffff);
    assert.equal((await loadHasher(hashKeys('s3cret', bytes(9)))).scheme, a.scheme);
  });

  it('keyed digests still order a tombstone apart from an empty value, and values apart', async () => {
    const h = await loadHasher(hashKeys('s3cret', bytes(1)));
    const v = { wall: 5, logical: 0, node: 'n1' };
    assert.notEqual(h.entryDigest('k', v, null), h.entryDigest('k', v, ''));
    assert.notEqual(h.valueDigest('a'), h.valueDigest('b'));
    assert.notEqual(h.entryDigest('k', v, 'a'), h.entryDigest('k', { ...v, logical: 1 }, 'a'));
  });
});
