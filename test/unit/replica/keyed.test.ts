// Keys chosen to collide. A client who knows a hash can pick keys that all land in one slot
// run of the store's index, or in one leaf of the tree. The index is keyed on every node, the
// tree under a cluster key (with the tree key drawn from it): the same crafted keys then spread
// out, which these tests count (slots probed, entries per tree node), never time. Equal data
// still give equal roots on nodes that share the key, and in a simulation given it.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  HASH_SCHEME,
  clusterHashKeys,
  hashKeys,
  loadHasher,
} from '../../../src/node/replica/hash.js';
import { treeKeyFingerprint, treeKeyWords } from '../../../src/node/replica/tree-key.js';
import { KeyIndex, keyHash, type Keyed } from '../../../src/node/replica/key-index.js';
import { Store } from '../../../src/node/replica/store.js';
import { indexAt } from '../../../src/node/tree/shape.js';
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

  it('in the tree: a write of a crafted key scans a leaf of all of them with public placement, of a few under a key', async () => {
    const open = await loadHasher();
    const keys = crafted(open.place, 0xfff00000, 200);
    // 20,000 ordinary keys first: the tree then stores 3 levels (4,096 leaves of ~5 entries),
    // so the crafted keys' level-3 node is the very leaf a write of one of them scans.
    const leafOfCrafted = async (hasher: Awaited<ReturnType<typeof loadHasher>>) => {
      const store = new Store(hasher);
      for (let i = 0; i < 20_000; i++) store.apply(entry(`plain:${i}`, 'v', 1 + i));
      keys.forEach((key, i) => store.apply(entry(key, `v${i}`, 1 + i)));
      assert.equal(store.tree.storedDepth, 3);
      // What an overwrite of each crafted key scans (MerkleTree.replace looks in its leaf).
      const scanned = keys.map((key) => store.tree.node(3, indexAt(hasher.place(key), 3)).count);
      let most = 0;
      for (let i = 0; i < 4096; i++) most = Math.max(most, store.tree.node(3, i).count);
      return { crafted: Math.max(...scanned), anyLeaf: most };
    };
    const unkeyed = await leafOfCrafted(open);
    assert.ok(unkeyed.crafted > 200, `public placement: a leaf of ${unkeyed.crafted} entries`);
    const keyed = await leafOfCrafted(await loadHasher(hashKeys('s3cret', bytes(3))));
    // Under the key the crafted keys' leaves are leaves like any other: the largest of them is
    // no larger than the largest leaf of ordinary keys.
    assert.ok(keyed.crafted <= keyed.anyLeaf, `keyed: ${keyed.crafted} against ${keyed.anyLeaf}`);
    assert.ok(
      keyed.crafted < 20,
      `keyed: the largest leaf a crafted write scans: ${keyed.crafted}`,
    );
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

describe('the tree key', () => {
  it('is drawn from the cluster key alone: the same on every node, another under another key', () => {
    assert.deepEqual(treeKeyWords('s3cret'), treeKeyWords('s3cret'));
    assert.notDeepEqual(treeKeyWords('s3cret'), treeKeyWords('s3cret2'));
    assert.match(treeKeyFingerprint('s3cret'), /^[0-9a-f]{16}$/);
    assert.equal(treeKeyFingerprint('s3cret'), treeKeyFingerprint('s3cret'));
    assert.notEqual(treeKeyFingerprint('s3cret'), treeKeyFingerprint('another'));
  });

  it('is never the cluster key, nor shows it: the words and the fingerprint hold none of its bytes', () => {
    const key = '0123456789abcdef';
    const words = Buffer.alloc(16);
    treeKeyWords(key).forEach((w, i) => words.writeInt32LE(w, 4 * i));
    assert.notDeepEqual(words, Buffer.from(key));
    assert.ok(!treeKeyFingerprint(key).includes(key.slice(0, 8)));
    assert.ok(!Buffer.from(treeKeyFingerprint(key), 'hex').equals(words.subarray(0, 8)));
  });

  it('a simulation given the cluster key hashes as the nodes do, whatever their index keys', async () => {
    const node = await loadHasher(hashKeys('s3cret', bytes(4)));
    const sim = await loadHasher(clusterHashKeys('s3cret'));
    const v = { wall: 1_800_000_000_000_000, logical: 2, node: 'node-9999' };
    assert.equal(sim.place('user:alice'), node.place('user:alice'));
    assert.equal(sim.entryDigest('user:alice', v, 'x'), node.entryDigest('user:alice', v, 'x'));
    assert.equal(sim.scheme, node.scheme);
    const open = await loadHasher(clusterHashKeys(undefined));
    assert.equal(open.scheme, HASH_SCHEME);
    assert.equal(open.place('user:alice'), (await loadHasher()).place('user:alice'));
  });
});
