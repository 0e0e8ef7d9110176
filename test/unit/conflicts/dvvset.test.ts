// The sibling set as properties over random histories: replicas that write one key at once,
// replicate in any order and repair, end with the same set, and that set holds exactly the
// writes no other write's context covered (nothing acknowledged lost, no false sibling).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  join,
  sync,
  update,
  values,
  type Context,
  type SiblingSet,
} from '../../../src/node/conflicts/dvvset.js';
import {
  decodeContext,
  decodeSet,
  encodeContext,
  encodeSet,
} from '../../../src/node/conflicts/encoding.js';
import { rng, shuffle } from '../../helpers/random.js';
import { mergeSiblings, siblingEntry } from '../../../src/node/conflicts/entry.js';
import { loadHasher } from '../../../src/node/replica/hash.js';
import { Store } from '../../../src/node/replica/store.js';

const hasher = await loadHasher();

interface Write {
  node: string;
  counter: number;
  context: Context;
  value: string | null;
}

interface History {
  finals: SiblingSet[];
  /** Every set any replica held or sent along the way. */
  seen: SiblingSet[];
  writes: Write[];
}

/** A random history of one key on `replicas` nodes, then anti-entropy between every pair. */
function history(seed: number, replicas: number, steps: number): History {
  const random = rng(seed);
  const nodes = Array.from({ length: replicas }, (_, i) => `node-${10_000 + i}`);
  const sets: SiblingSet[] = nodes.map(() => []);
  const inFlight: SiblingSet[][] = nodes.map(() => []);
  const seen: SiblingSet[] = [];
  const writes: Write[] = [];
  let wall = 1;
  for (let step = 0; step < steps; step++) {
    const roll = random();
    const at = Math.floor(random() * replicas);
    if (roll < 0.45) {
      // A client read somewhere (or nowhere), then writes here.
      const readFrom = Math.floor(random() * replicas);
      const context = random() < 0.25 ? [] : join(sets[readFrom]!);
      const value = random() < 0.15 ? null : `v${step}`;
      const set = update(sets[at]!, context, nodes[at]!, { value, wall: wall++, logical: 0 });
      sets[at] = set;
      const column = set.find((c) => c.node === nodes[at]);
      writes.push({ node: nodes[at]!, counter: column!.counter, context, value });
      seen.push(set);
      // Replication sent to a random few, delivered later in any order (or never).
      for (let to = 0; to < replicas; to++)
        if (to !== at && random() < 0.5) inFlight[to]!.push(set);
    } else if (roll < 0.8) {
      const queue = inFlight[at]!;
      if (queue.length === 0) continue;
      const i = Math.floor(random() * queue.length);
      sets[at] = sync(sets[at]!, queue[i]!);
      if (random() < 0.7) queue.splice(i, 1); // else it is delivered again later
      seen.push(sets[at]!);
    } else {
      const other = Math.floor(random() * replicas);
      sets[at] = sync(sets[at]!, sets[other]!);
      seen.push(sets[at]!);
    }
  }
  // Anti-entropy: every pair, in a random order, twice (the second pass must change nothing).
  const pairs = nodes
    .flatMap((_, a) => nodes.map((_, b) => [a, b] as const))
    .filter(([a, b]) => a < b);
  for (let pass = 0; pass < 2; pass++) {
    for (const [a, b] of shuffle(random, pairs)) {
      const merged = sync(sets[a]!, sets[b]!);
      sets[a] = merged;
      sets[b] = sync(sets[b]!, merged);
    }
  }
  return { finals: sets, seen, writes };
}

const dot = (node: string, counter: number) => `${node}:${counter}`;

describe('sibling sets over random concurrent histories', () => {
  for (let seed = 1; seed <= 60; seed++) {
    const replicas = 3 + (seed % 3);
    it(`seed ${seed}, ${replicas} replicas: converge, keep every acknowledged write, no false sibling`, () => {
      const { finals, seen, writes } = history(seed, replicas, 80);
      const text = encodeSet(finals[0]!);
      for (const f of finals) assert.equal(encodeSet(f), text, 'every replica holds the same set');

      // Merged in any order, every state ever held gives the same set.
      const random = rng(seed * 7919);
      for (let t = 0; t < 3; t++) {
        const folded = shuffle(random, seen).reduce<SiblingSet>((acc, s) => sync(acc, s), []);
        assert.equal(encodeSet(folded), text);
      }

      // Exactly the writes that no other write's context covered stand, each once.
      const standing = values(finals[0]!).map((v) => dot(v.node, v.counter));
      const superseded = (w: Write) =>
        writes.some((o) => o !== w && o.context.some(([n, k]) => n === w.node && k >= w.counter));
      const expected = writes.filter((w) => !superseded(w)).map((w) => dot(w.node, w.counter));
      assert.deepEqual([...standing].sort(), [...expected].sort());
      assert.equal(new Set(standing).size, standing.length);
      for (const v of values(finals[0]!)) {
        const w = writes.find((x) => x.node === v.node && x.counter === v.counter)!;
        assert.equal(v.value, w.value, 'a dot keeps the value written with it');
      }

      // Repeating replication or repair with any older state adds nothing.
      for (const s of seen) assert.equal(encodeSet(sync(finals[0]!, s)), text);
      assert.equal(encodeSet(decodeSet(text)), text);
    });
  }
});

describe('sibling set: writes with and without a context', () => {
  const at = (wall: number) => ({ wall, logical: 0 });
  it('a write without a context adds a sibling; one with the context supersedes both', () => {
    const a = update([], [], 'node-9999', { value: 'x', ...at(1) });
    const b = update(a, [], 'node-9999', { value: 'y', ...at(2) });
    assert.deepEqual(
      values(b).map((v) => v.value),
      ['y', 'x'],
    );
    const c = update(b, join(b), 'node-10000', { value: 'xy', ...at(3) });
    assert.deepEqual(
      values(c).map((v) => v.value),
      ['xy'],
    );
    assert.deepEqual(join(c), [
      ['node-10000', 1],
      ['node-9999', 2],
    ]);
  });

  it('two writes after the same read are siblings on every replica; a delete with both clears them', () => {
    const base = update([], [], 'node-9999', { value: 'old', ...at(1) });
    const context = join(base);
    const one = update(base, context, 'node-9999', { value: 'one', ...at(2) });
    const two = update(base, context, 'node-10000', { value: 'two', ...at(3) });
    const merged = sync(one, two);
    assert.equal(encodeSet(merged), encodeSet(sync(two, one)));
    assert.deepEqual(
      values(merged)
        .map((v) => v.value)
        .sort(),
      ['one', 'two'],
    );
    const gone = update(merged, join(merged), 'node-10001', { value: null, ...at(4) });
    assert.equal(encodeSet(gone)[0], 'D');
    assert.deepEqual(
      values(gone).map((v) => v.value),
      [null],
    );
  });

  it('a context survives its opaque string; malformed sets and contexts are refused', () => {
    const context: Context = [
      ['node-10000', 2],
      ['node-9999', 1],
    ];
    assert.deepEqual(decodeContext(encodeContext(context)), context);
    for (const text of [
      '',
      'X[]',
      'S[]',
      'S[["a",0,[]]]',
      'D[["a",1,[[1,0,"v",[]]]]]',
      'S[["b",1,[]],["a",1,[]]]',
    ])
      assert.throws(() => decodeSet(text), { code: 'bad_siblings' });
    for (const text of [
      'not base64!',
      encodeContext([
        ['b', 1],
        ['a', 1],
      ] as Context),
      encodeContext([['a', 0]] as Context),
    ])
      assert.throws(() => decodeContext(text), { code: 'bad_siblings' });
  });
});

describe('sibling set as a store entry', () => {
  const digest = (set: SiblingSet) => {
    const e = siblingEntry('k', set);
    return hasher.entryDigest(e.key, e.version, e.value);
  };
  it('equal sets reached in different orders have equal digests; different sets do not', () => {
    const { finals, seen } = history(7, 4, 60);
    const random = rng(99);
    const again = shuffle(random, seen).reduce<SiblingSet>((acc, s) => sync(acc, s), []);
    assert.equal(digest(again), digest(finals[0]!));
    const distinct = new Set(seen.map(encodeSet));
    assert.equal(new Set([...distinct].map((t) => digest(decodeSet(t)))).size, distinct.size);
  });

  it('merging an entry we already cover changes nothing; a concurrent one is kept beside ours', () => {
    const a = update([], [], 'node-9999', { value: 'a', wall: 1, logical: 0 });
    const b = update([], [], 'node-10000', { value: 'b', wall: 2, logical: 0 });
    assert.equal(mergeSiblings(siblingEntry('k', a), siblingEntry('k', a)), undefined);
    const both = mergeSiblings(siblingEntry('k', a), siblingEntry('k', b))!;
    assert.deepEqual(
      values(decodeSet(both.value!)).map((v) => v.value),
      ['b', 'a'],
    );
    assert.equal(mergeSiblings(both, siblingEntry('k', a)), undefined);
    assert.deepEqual(both.version, { wall: 2, logical: 0, node: 'node-10000' });
  });
});

describe('siblings in the store: deletes as dots, purged by the ttl rule', () => {
  const at = (wall: number) => ({ wall, logical: 0 });

  it('a set of deletes only reads as deleted and is purged once its newest delete is older than the ttl', () => {
    const store = new Store(hasher, undefined, undefined, 'siblings');
    const live = update([], [], 'node-9999', { value: 'v', ...at(10) });
    store.merge(siblingEntry('k', live));
    assert.equal(store.tombstoneCount, 0);
    const gone = update(live, join(live), 'node-10000', { value: null, ...at(20) });
    store.merge(siblingEntry('k', gone));
    assert.equal(store.tombstoneCount, 1);
    assert.equal(store.liveCount, 0);
    assert.deepEqual(store.purgeTombstones(20), [], 'not before the newest delete is old enough');
    assert.deepEqual(store.purgeTombstones(21), ['k']);
    assert.equal(store.size, 0);
  });

  it('a delete beside a concurrent value is not a tombstone: the key stays', () => {
    const store = new Store(hasher, undefined, undefined, 'siblings');
    const base = update([], [], 'node-9999', { value: 'v', ...at(10) });
    const deleted = update(base, join(base), 'node-9999', { value: null, ...at(20) });
    const written = update(base, join(base), 'node-10000', { value: 'w', ...at(15) });
    store.merge(siblingEntry('k', deleted));
    store.merge(siblingEntry('k', written));
    assert.equal(store.tombstoneCount, 0);
    assert.deepEqual(store.purgeTombstones(1_000), []);
    assert.equal(store.list('', 10, null).items.length, 1);
  });
});
