// A key with many siblings, at the limit, on real processes: its set (far larger than
// --max-value-bytes, though every value is under it) replicates, is repaired by anti-entropy of
// every strategy and by read repair; the write that would take it past the limit is refused
// with 413 before it is stored or acknowledged, and changes nothing.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Cluster } from '../../src/cluster/cluster.js';
import type { LaunchedNode } from '../../src/cluster/launcher.js';
import { maxSetBytes } from '../../src/node/conflicts/set-limit.js';
import { testCluster } from '../helpers/cli.js';
import { request } from '../helpers/http.js';

/** A small value limit, so that a set at its limit is a few KB: values of 900 bytes. */
const MAX_VALUE_BYTES = 1000;
const VALUE_BYTES = 900;

const put = (n: LaunchedNode, key: string, value: string, direct = true) =>
  request(n.address, 'PUT', `/kv/${key}${direct ? '/direct' : ''}`, JSON.stringify({ value }));
const get = async (n: LaunchedNode, key: string) =>
  (await request(n.address, 'GET', `/kv/${key}`)).json;
const root = async (n: LaunchedNode) =>
  (await request(n.address, 'GET', '/merkle/snapshot')).json.root as string;
const valueOf = (label: string) => label.padEnd(VALUE_BYTES, '.');

/** Blind writes of `key` on `n` until one is refused; returns the values acknowledged. */
async function fill(n: LaunchedNode, key: string, label: string): Promise<string[]> {
  const kept: string[] = [];
  for (let i = 0; ; i++) {
    const value = valueOf(`${label}-${i}`);
    const r = await put(n, key, value);
    if (r.status !== 200) {
      assert.equal(r.status, 413);
      assert.equal(r.json.error.code, 'payload_too_large');
      assert.match(r.json.error.message, /write with its context/);
      return kept;
    }
    kept.push(value);
    assert.ok(i < 100, 'a write is refused at the limit');
  }
}

describe('siblings at the set limit', () => {
  let cluster: Cluster;
  let nodes: LaunchedNode[] = [];

  before(async () => {
    cluster = await testCluster(3, [
      ...['--conflicts', 'siblings', '--ae-strategy', 'riblt'],
      ...['--max-value-bytes', String(MAX_VALUE_BYTES), '--hints', 'off'],
    ]);
    nodes = cluster.nodes;
  });

  after(() => cluster.stop());

  for (const strategy of ['merkle', 'riblt', 'full']) {
    it(`${strategy}: two nodes' sets at the limit merge everywhere; one more write is refused`, async () => {
      const [a, b, c] = nodes as [LaunchedNode, LaunchedNode, LaunchedNode];
      const key = `many:${strategy}`;
      const fromA = await fill(a, key, 'a');
      const fromB = await fill(b, key, 'b');
      assert.ok(fromA.length >= 2 && fromB.length >= 2);
      const heldA = await get(a, key);
      assert.equal(heldA.values.length, fromA.length, 'the refused write changed nothing');
      assert.ok(
        JSON.stringify(heldA.siblings).length > MAX_VALUE_BYTES,
        'the set is larger than a value may be',
      );
      const report = (
        await request(c.address, 'POST', '/anti-entropy/trigger', JSON.stringify({ strategy }))
      ).json;
      for (const p of report.peers) assert.equal(p.status, 'repaired', JSON.stringify(p));
      await request(a.address, 'POST', '/anti-entropy/trigger', JSON.stringify({ strategy }));
      const all = [...fromA, ...fromB].sort();
      for (const n of nodes) assert.deepEqual([...(await get(n, key)).values].sort(), all);
      assert.equal(new Set(await Promise.all(nodes.map(root))).size, 1);
      assert.ok(all.length * VALUE_BYTES > maxSetBytes(MAX_VALUE_BYTES) / 2);
    });
  }

  it('a batch that would take a key past the limit is refused whole, before any item is stored', async () => {
    const [a] = nodes as [LaunchedNode];
    const items = Array.from({ length: 20 }, (_, i) => ({ key: 'batch', value: valueOf(`b${i}`) }));
    const r = await request(a.address, 'POST', '/kv', JSON.stringify({ items, direct: true }));
    assert.equal(r.status, 413);
    assert.equal(r.json.error.code, 'payload_too_large');
    assert.equal((await request(a.address, 'GET', '/kv/batch')).status, 404);
  });

  it('a replicated write of a large set is acknowledged by every peer; read repair carries one too', async () => {
    const [a, b, c] = nodes as [LaunchedNode, LaunchedNode, LaunchedNode];
    await put(a, 'wide', valueOf('one'), false);
    const two = await put(a, 'wide', valueOf('two'), false);
    assert.equal(two.status, 200);
    assert.deepEqual(two.json.replication.failed, []);
    assert.equal(two.json.replication.acked.length, 2);
    for (const n of [b, c]) assert.equal((await get(n, 'wide')).values.length, 2);

    await put(b, 'rr', valueOf('from-b'));
    await put(c, 'rr', valueOf('from-c'));
    const read = await request(a.address, 'GET', '/kv/rr?read=all');
    assert.equal(read.status, 200);
    assert.equal(read.json.values.length, 2);
    for (const n of nodes) assert.equal((await get(n, 'rr')).values.length, 2);
  });
});
