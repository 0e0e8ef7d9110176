// Two versions of one key that make the same RIBLT item (their tags tie and their digests' low
// bits agree): the coded symbols cannot see the difference, and one trigger must still converge
// three replicas, as the seed story's two direct writes of one key do once in 256 runs.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Entry } from '../../../../src/node/replica/entry.js';
import { itemOf } from '../../../../src/node/sync/riblt/symbol.js';
import { triggeredRound } from '../../../helpers/round.js';
import { dump, entry, replica, wire } from '../../../helpers/replica.js';

const SYMBOLS = 4096;
/** Wall clocks (µs) 1 ms apart: one tag step is 62.5 ms. */
const WALL = 1_000_000_000;

/** A second version of `first`'s key, newer, whose item is the same as first's. */
async function sameItemVersion(first: Entry): Promise<Entry> {
  const probe = await replica();
  probe.merge(first);
  const a = itemOf(probe.store.get(first.key)!);
  for (let i = 0; ; i++) {
    const other = await replica();
    const e = entry(first.key, `second ${i}`, WALL + 1_000, 'n2');
    other.merge(e);
    const b = itemOf(other.store.get(first.key)!);
    if (b.place === a.place && b.tag === a.tag && b.lo === a.lo) return e;
  }
}

describe('riblt: two versions of a key that make one item', () => {
  it('one trigger on node 1 converges three replicas', async () => {
    const nodes = [await replica(SYMBOLS), await replica(SYMBOLS), await replica(SYMBOLS)];
    const bob = entry('user:bob', 'bob', WALL - 5_000_000, 'n1');
    for (const r of nodes) r.merge(bob);
    const first = entry('user:alice', 'first', WALL, 'n1');
    nodes[0]!.merge(first);
    nodes[1]!.merge(await sameItemVersion(first));
    const report = await triggeredRound(
      nodes[0]!,
      { b: wire(nodes[1]!), c: wire(nodes[2]!) },
      'riblt',
    );
    const withB = report.peers[0]!;
    assert.equal(withB.status, 'repaired', 'the exchange with node 2 saw the difference');
    assert.match(withB.riblt?.fallback ?? '', /made one item/);
    assert.deepEqual(withB.keys.pulled, ['user:alice']);
    const roots = nodes.map((r) => r.store.tree.root().digest);
    assert.deepEqual(roots, [roots[0], roots[0], roots[0]]);
    const [a, b, c] = nodes.map(dump);
    assert.deepEqual(b, a, JSON.stringify(report.peers));
    assert.deepEqual(c, a, JSON.stringify(report.peers));
  });
});
