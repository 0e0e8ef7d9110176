// Keys chosen to collide, written to real nodes. A client who reads this source can compute the
// public placement hash and pick keys that all share one of the tree's 4,096 level-3 nodes (the
// leaves of a tree of ~100k keys, which every write of one of them scans). A node without a
// cluster key puts them all there; a node with one places keys with its tree key, so the same
// keys spread out like any others. Counted (entries per tree node, from GET /merkle/level), not
// timed; and every crafted key is still read back.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { loadHasher } from '../../src/node/replica/hash.js';
import type { Cluster } from '../../src/cluster/cluster.js';
import { testCluster } from '../helpers/cli.js';

/** Crafted keys: enough that sharing one tree node stands far out of ordinary chance. */
const CRAFTED = 200;
/** Level 3 of the tree: 16^3 nodes, each the keys whose placement starts with the same 12 bits. */
const LEVEL = 3;
const LEVEL_MASK = 0xfff00000;

/** Keys whose public placement shares its first 12 bits with that of the first. */
async function craftedKeys(): Promise<string[]> {
  const open = await loadHasher();
  const keys: string[] = [];
  let target: number | undefined;
  for (let i = 0; keys.length < CRAFTED; i++) {
    const key = `crafted:${i}`;
    const at = (open.place(key) & LEVEL_MASK) >>> 0;
    target ??= at;
    if (at === target) keys.push(key);
  }
  return keys;
}

/** The most entries any level-3 tree node of this node holds, once the keys are written. */
async function mostInOneNode(cluster: Cluster, keys: readonly string[]): Promise<number> {
  const client = cluster.clients[0]!;
  await client.batch(
    keys.map((key) => ({ key, value: `v:${key}` })),
    true,
  );
  const level = await client.treeLevel(LEVEL);
  assert.equal(
    level.counts.reduce((a, b) => a + b, 0),
    keys.length,
  );
  const read = await Promise.all(keys.map((key) => client.key(key)));
  read.forEach((state, i) => assert.equal(state.value, `v:${keys[i]}`, `${keys[i]} reads back`));
  return Math.max(...level.counts);
}

describe('keys chosen to collide, on a node', () => {
  let keys: string[];
  let open: Cluster;
  let keyed: Cluster;
  before(async () => {
    keys = await craftedKeys();
    [open, keyed] = await Promise.all([
      testCluster(1),
      testCluster(1, ['--cluster-key', 'collide-test-key']),
    ]);
  });
  after(() => Promise.all([open?.stop(), keyed?.stop()]));

  it('without a cluster key they share one tree node; under one they spread like any keys', async () => {
    assert.equal(await mostInOneNode(open, keys), CRAFTED, 'public placement: the attack works');
    const most = await mostInOneNode(keyed, keys);
    // 200 keys in 4,096 nodes by chance: at most a few in one (the fewest keys craft a target).
    assert.ok(most <= 6, `under the cluster key the most crafted keys in one node: ${most}`);
  });
});
