// The anti-entropy exchange in memory: replicas that differ in every way converge to the LWW maximum.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runExchange } from '../../../src/node/sync/exchange.js';
import { rng } from '../../helpers/random.js';
import {
  MAX_VALUE,
  type Divergence,
  divergentPair as divergent,
  dump,
  entry,
  lwwMaximum,
  replica,
  wire,
} from '../../helpers/replica.js';

/** Half the changes rewrite a shared key; walls within a millisecond of each other. */
const MERKLE_DIVERGENCE: Divergence = {
  rewriteShare: 0.5,
  sharedWall: (i) => 1000 + i,
  changedWall: (random) => 10_000_000 + Math.floor(random() * 1000),
};

const divergentPair = (seed: number, shared: number, diverge: number) =>
  divergent(seed, shared, diverge, MERKLE_DIVERGENCE);

describe('anti-entropy exchange (in memory)', () => {
  it('identical replicas: one round trip and a few hundred bytes, whatever the size', async () => {
    for (const n of [0, 10, 20_000]) {
      const { a, b } = await divergentPair(1, n, 0);
      const result = await runExchange(a, wire(b), 'merkle', MAX_VALUE);
      assert.equal(result.status, 'in_sync');
      assert.equal(result.roundTrips, 1);
      assert.ok(
        result.bytes.sent + result.bytes.received <= 512,
        `${JSON.stringify(result.bytes)} at ${n} keys`,
      );
    }
  });

  for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
    it(`brings a random divergent pair to the LWW maximum in one exchange (seed ${seed})`, async () => {
      const random = rng(seed * 31);
      const { a, b, all } = await divergentPair(
        seed,
        Math.floor(random() * 3000),
        Math.floor(random() * 300),
      );
      await runExchange(a, wire(b), 'merkle', MAX_VALUE);
      const expected = await lwwMaximum(all);
      assert.deepEqual(dump(a), expected);
      assert.deepEqual(dump(b), expected);
      assert.equal(a.store.tree.root().digest, b.store.tree.root().digest);
      const again = await runExchange(b, wire(a), 'merkle', MAX_VALUE);
      assert.equal(again.status, 'in_sync');
    });
  }

  it('repairs tombstones like values: a delete is not undone by a replica that missed it', async () => {
    const a = await replica();
    const b = await replica();
    a.merge(entry('user:alice', 'x', 1));
    b.merge(entry('user:alice', 'x', 1));
    a.merge(entry('user:alice', null, 2));
    const result = await runExchange(b, wire(a), 'merkle', MAX_VALUE);
    assert.deepEqual(result.keys.pulled, ['user:alice']);
    assert.equal(b.store.get('user:alice')?.value, null);
  });

  it('settles one empty side by shipping entries, not lists', async () => {
    const { a, b } = await divergentPair(3, 0, 0);
    for (let i = 0; i < 500; i++) a.merge(entry(`k${i}`, 'v', i + 1));
    const result = await runExchange(b, wire(a), 'merkle', MAX_VALUE);
    assert.equal(result.keys.pulled.length, 500);
    assert.equal(result.roundTrips, 1, 'the first answer already carries every entry');
    assert.equal(b.store.tree.root().digest, a.store.tree.root().digest);
  });

  it('ships bytes in proportion to the differences, not to the data', async () => {
    const costs: number[] = [];
    for (const n of [2_000, 50_000]) {
      const { a, b } = await divergentPair(9, n, 0);
      for (let i = 0; i < 20; i++) b.merge(entry(`key:${i * 37}`, 'changed', 99_999_999, 'nb'));
      const result = await runExchange(a, wire(b), 'merkle', MAX_VALUE);
      assert.equal(result.keys.pulled.length, 20);
      assert.equal(result.keys.pushed.length, 0);
      costs.push(result.bytes.sent + result.bytes.received);
    }
    const [small, large] = costs as [number, number];
    assert.ok(large < small * 2.5, `25x the data cost ${large} bytes against ${small}`);
    const full = await divergentPair(9, 50_000, 0);
    const fullResult = await runExchange(full.a, wire(full.b), 'full', MAX_VALUE);
    assert.ok(
      fullResult.bytes.sent + fullResult.bytes.received > large * 50,
      'the full exchange ships everything',
    );
  });

  it('a full-data exchange converges too', async () => {
    const { a, b, all } = await divergentPair(4, 500, 100);
    const result = await runExchange(a, wire(b), 'full', MAX_VALUE);
    assert.equal(result.roundTrips, 1);
    assert.deepEqual(dump(a), await lwwMaximum(all));
    assert.deepEqual(dump(b), dump(a));
  });
});
