import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Entry } from '../../../../src/node/replica/entry.js';
import { loadHasher, type Hasher } from '../../../../src/node/replica/hash.js';
import { Store } from '../../../../src/node/replica/store.js';
import { runExchange, type Replica, type Transport } from '../../../../src/node/sync/exchange.js';
import { runLength, Sketch } from '../../../../src/node/sync/riblt/sketch.js';
import { nextBatch } from '../../../../src/node/sync/riblt/session.js';
import { itemsFromPeeled } from '../../../../src/node/sync/riblt/estimate.js';
import { NEXT_MARGIN, NEXT_SYMBOLS_PER_ITEM } from '../../../../src/node/sync/riblt/constants.js';
import { decodeMessage, encodeMessage } from '../../../../src/node/sync/wire/message.js';
import { rng } from '../../../helpers/random.js';
import {
  MAX_VALUE,
  type Divergence,
  divergentPair as divergent,
  dump,
  entry,
  lwwMaximum,
  replica,
  sharedPair,
  wire,
} from '../../../helpers/replica.js';
import { LO_MASK } from '../../../../src/node/sync/riblt/symbol.js';

const SYMBOLS = 4096;

/** 60% of the changes rewrite a shared key; walls spread over 100 s. */
const RIBLT_DIVERGENCE: Divergence = {
  rewriteShare: 0.6,
  sharedWall: (i) => 1_000_000 + i * 1000,
  changedWall: (random) => 10_000_000_000 + Math.floor(random() * 100_000_000),
};

/** Two riblt replicas with `shared` equal entries and `diverge` random differences of every kind. */
const divergentPair = (
  seed: number,
  shared: number,
  diverge: number,
  make: () => Promise<Replica> = () => replica(SYMBOLS),
) => divergent(seed, shared, diverge, { ...RIBLT_DIVERGENCE, make });

async function converges(a: Replica, b: Replica, all: Entry[], send: Transport = wire(b)) {
  const result = await runExchange(a, send, 'riblt', MAX_VALUE);
  const expected = await lwwMaximum(all);
  assert.deepEqual(dump(a), expected);
  assert.deepEqual(dump(b), expected);
  assert.equal(a.store.tree.root().digest, b.store.tree.root().digest);
  const again = await runExchange(b, wire(a), 'riblt', MAX_VALUE);
  assert.equal(again.status, 'in_sync');
  assert.equal(again.roundTrips, 1);
  return result;
}

describe('riblt exchange (in memory)', () => {
  it('identical replicas: one round trip and a few hundred bytes, whatever the size', async () => {
    for (const n of [0, 10, 20_000]) {
      const { a, b } = await divergentPair(1, n, 0);
      const result = await runExchange(a, wire(b), 'riblt', MAX_VALUE);
      assert.equal(result.status, 'in_sync');
      assert.equal(result.roundTrips, 1);
      const bytes = result.bytes.sent + result.bytes.received;
      assert.ok(bytes <= 512, `${bytes} bytes at ${n} keys`);
    }
  });

  for (const seed of [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]) {
    it(`brings a random divergent pair to the LWW maximum (seed ${seed})`, async () => {
      const random = rng(seed * 31);
      const { a, b, all } = await divergentPair(
        seed,
        Math.floor(random() * 3000),
        1 + Math.floor(random() * 400),
      );
      const result = await converges(a, b, all);
      assert.equal(result.riblt?.fallback, undefined, 'decoded without the walk');
      assert.ok(result.riblt!.decoded > 0);
      assert.ok(result.roundTrips <= 4, `${result.roundTrips} round trips`);
    });
  }

  it('a difference past the kept symbols decodes with symbols computed from the entries', async () => {
    const small = () => replica(64);
    const { a, b, all } = await divergentPair(11, 2000, 300, small);
    const result = await converges(a, b, all);
    assert.equal(result.riblt?.fallback, undefined);
    assert.ok(result.riblt!.symbols > 64, `${result.riblt!.symbols} symbols`);
    assert.equal(result.levels, 0, 'no walk');
  });

  it('past the most an exchange sends, it walks and says how many items it estimated', () => {
    const reason = nextBatch(4096, { items: 9000, atLeast: false }, 4, 8192);
    assert.equal(
      reason,
      "about 9000 differing items (a key's two versions are two), more than 8192 coded " +
        'symbols decode (4 decoded in 4096)',
    );
    const saturated = nextBatch(4096, { items: 8192, atLeast: true }, 0, 8192);
    assert.match(String(saturated), /^more than 8192 differing items/);
    // Within it: enough to reach NEXT_SYMBOLS_PER_ITEM an item of the estimate.
    assert.deepEqual(nextBatch(4096, { items: 4000, atLeast: false }, 0, 8192), {
      from: 4096,
      count: Math.ceil(NEXT_SYMBOLS_PER_ITEM * 4000 + NEXT_MARGIN * Math.sqrt(4000)) - 4096,
    });
  });

  it('sizes the next batch from the items peeled as well as the empty symbols', () => {
    // 2,000 symbols, 1,800 items by the empty ones. Peeled, 300 (fewer than 1,800 items peel
    // there) reads more items and 420 fewer: the batch follows, between the two readings.
    const count = (peeled: number) => {
      const next = nextBatch(2000, { items: 1800, atLeast: false }, peeled);
      assert.ok(typeof next !== 'string');
      return next.count;
    };
    const emptiesAlone =
      Math.ceil(NEXT_SYMBOLS_PER_ITEM * 1800 + NEXT_MARGIN * Math.sqrt(1800)) - 2000;
    assert.equal(count(0), emptiesAlone, 'none peeled says nothing: the empty symbols alone');
    assert.ok(count(300) > emptiesAlone, `${count(300)} after 300 peeled`);
    assert.ok(count(420) < emptiesAlone, `${count(420)} after 420 peeled`);
    const peeledAlone = itemsFromPeeled(2000, 300)!;
    assert.ok(
      count(300) <
        Math.ceil(NEXT_SYMBOLS_PER_ITEM * peeledAlone + NEXT_MARGIN * Math.sqrt(peeledAlone)) -
          2000,
    );
  });

  it('falls back when a symbol arrives corrupted, and loses nothing', async () => {
    const { a, b, all } = await divergentPair(12, 1500, 60);
    const tamper: Transport = async (body) => {
      const answer = decodeMessage(await wire(b)(body), MAX_VALUE);
      const symbols = answer.riblt?.symbols;
      if (symbols && runLength(symbols) > 3) symbols.words[4 * 3]! ^= 1 << 7;
      return encodeMessage(answer);
    };
    const result = await converges(a, b, all, tamper);
    assert.ok(result.riblt?.fallback, 'fell back');
  });

  it('keys that share a placement hash converge (the places settle both ways)', async () => {
    const real = await loadHasher();
    // Only 8 places: every key collides with hundreds of others.
    const crowded: Hasher = { ...real, place: (key) => real.place(key) & 0x7 };
    const make = async (): Promise<Replica> => {
      const sketch = new Sketch(SYMBOLS);
      const store = new Store(crowded, sketch);
      return { store, sketch, merge: (e: Entry) => store.apply(e) };
    };
    for (const seed of [13, 14, 15]) {
      const { a, b, all } = await divergentPair(seed, 300, 40, make);
      await converges(a, b, all);
    }
  });

  it('an entry pushed to a place the peer settles is not shipped back', async () => {
    const real = await loadHasher();
    const shared: Hasher = {
      ...real,
      place: (key) => (key === 'old' || key === 'fresh' ? 42 : real.place(key)),
    };
    const make = async (): Promise<Replica> => {
      const sketch = new Sketch(SYMBOLS);
      const store = new Store(shared, sketch);
      return { store, sketch, merge: (e: Entry) => store.apply(e) };
    };
    const a = await make();
    const b = await make();
    // 'fresh' is new on a; 'old', equal on both, shares its place; b's other key differs, so
    // b's answer settles places and ships 'old' back, which must not send 'fresh' round again.
    const all = [entry('old', 'v1', 1_000_000), entry('fresh', 'new', 5_000_000, 'na')];
    all.push(entry('k0', 'newer', 9_000_000, 'nb'));
    for (let i = 0; i < 50; i++) all.push(entry(`k${i}`, 'same', 2_000_000));
    for (const e of [all[0]!, ...all.slice(3)]) {
      a.merge(e);
      b.merge(e);
    }
    a.merge(all[1]!);
    b.merge(all[2]!);
    let freshSent = 0;
    const counting: Transport = async (body) => {
      const keys = decodeMessage(body, MAX_VALUE).entries.map((e) => e.key);
      freshSent += keys.filter((key) => key === 'fresh').length;
      return wire(b)(body);
    };
    const result = await converges(a, b, all, counting);
    assert.equal(result.riblt?.fallback, undefined);
    assert.equal(freshSent, 1, 'fresh went to b once');
  });

  it('versions within one hint step tie: the initiator sends its own and gets the newer one, never its own back', async () => {
    for (const initiatorNewer of [true, false]) {
      const a = await replica(SYMBOLS);
      const b = await replica(SYMBOLS);
      const all = [entry('k', 'v1', 2_000_000)];
      for (let i = 0; i < 50; i++) all.push(entry(`s${i}`, 'same', 1_000_000));
      for (const e of all) {
        a.merge(e);
        b.merge(e);
      }
      // 10 µs apart: the same 1/16 s, so the same wall-clock tag.
      const [older, newer] = [
        entry('k', 'older', 2_000_010, 'x'),
        entry('k', 'newer', 2_000_020, 'y'),
      ];
      all.push(older, newer);
      a.merge(initiatorNewer ? newer : older);
      b.merge(initiatorNewer ? older : newer);
      const result = await converges(a, b, all);
      assert.equal(result.riblt?.fallback, undefined);
      assert.deepEqual(result.keys.pushed, ['k']);
      assert.deepEqual(result.keys.pulled, initiatorNewer ? [] : ['k']);
    }
  });

  it('two versions of a key that make the same item: the roots after settling send it to the walk', async () => {
    // Within one hint step and with the same low 8 digest bits: invisible to the symbols.
    const hasher = await loadHasher();
    const loOf = (e: Entry) => {
      const probe = new Store(hasher);
      probe.apply(e);
      return probe.get(e.key)!.lo & LO_MASK;
    };
    const mine = entry('k', 'mine', 3_000_010, 'x');
    const target = loOf(mine);
    let theirs = entry('k', 'theirs-0', 3_000_020, 'y');
    for (let i = 1; loOf(theirs) !== target; i++)
      theirs = entry('k', `theirs-${i}`, 3_000_020, 'y');
    const { a, b, all, put } = await sharedPair(
      20,
      (i) => 1_000_000 + i,
      () => replica(SYMBOLS),
    );
    put(a, mine);
    put(b, theirs);
    put(a, entry('only-a', 'x', 4_000_000, 'x'));
    const result = await converges(a, b, all);
    assert.match(result.riblt?.fallback ?? '', /roots still differ/);
  });

  it('a wrong newer-than hint (versions ~50 days apart) costs a message, not an entry', async () => {
    const a = await replica(SYMBOLS);
    const b = await replica(SYMBOLS);
    const day = 86_400_000_000;
    const all = [
      entry('old-on-a', 'a', 1_000_000),
      entry('old-on-a', 'b', 1_000_000 + 50 * day, 'nb'),
      entry('old-on-b', 'a', 2_000_000 + 50 * day, 'na'),
      entry('old-on-b', 'b', 2_000_000, 'nb'),
    ];
    a.merge(all[0]!);
    b.merge(all[1]!);
    a.merge(all[2]!);
    b.merge(all[3]!);
    await converges(a, b, all);
  });

  it('talks to a peer without a sketch by walking the tree', async () => {
    const a = await replica(SYMBOLS);
    const b = await replica();
    const all = [entry('x', '1', 5), entry('y', '2', 6)];
    a.merge(all[0]!);
    b.merge(all[1]!);
    const result = await converges(a, b, all);
    assert.match(result.riblt?.fallback ?? '', /no RIBLT sketch/);
  });
});
