// The hint queue with a hand-moved clock: kept per peer as the entries themselves, oldest first,
// a newer hint of a key replacing the older, batches within their limits, delivery forgetting
// only what was sent, expiry by the window and never past the tombstone ttl, and the durable
// copy told of every change.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { HintCounters } from '../../../src/api/repair.js';
import type { Entry } from '../../../src/node/replica/entry.js';
import { HintQueue, type StoredHint } from '../../../src/node/hints/queue.js';
import { entry } from '../../helpers/replica.js';

const P = '127.0.0.1:2';
const Q = '127.0.0.1:3';
const SECOND_US = 1_000_000;
const MANY = { maxEntries: 1_000, maxBytes: 1_000_000 };

function setup(windowMs = 60_000, tombstoneTtlMs = 3_600_000) {
  const clock = { now: 100 * SECOND_US };
  const counters: HintCounters = { pending: 0, stored: 0, replayed: 0, expired: 0, refused: 0 };
  const disk = new Map<string, Entry>();
  const queue = new HintQueue({
    windowMs,
    tombstoneTtlMs,
    nowMicros: () => clock.now,
    counters,
    storage: {
      save: (peer, entries) => entries.forEach((e) => disk.set(`${peer} ${e.key}`, e)),
      remove: (peer, keys) => keys.forEach((k) => disk.delete(`${peer} ${k}`)),
    },
  });
  return { clock, counters, disk, queue };
}

const keys = (entries: readonly Entry[]) => entries.map((e) => e.key);

describe('HintQueue', () => {
  it('keeps hints per peer, oldest first, and a newer hint of a key replaces the older', () => {
    const { queue, counters, disk } = setup();
    queue.add(P, [entry('a', '1', 100 * SECOND_US), entry('b', '1', 100 * SECOND_US + 1)]);
    queue.add(Q, [entry('a', '1', 100 * SECOND_US)]);
    queue.add(P, [entry('a', '2', 100 * SECOND_US + 2)]);
    assert.deepEqual(keys(queue.next(P, MANY)), ['b', 'a']);
    assert.equal(queue.next(P, MANY)[1]!.value, '2');
    assert.equal(queue.pending(P), 2);
    assert.equal(queue.pending(), 3);
    assert.deepEqual(counters, { pending: 3, stored: 4, replayed: 0, expired: 0, refused: 0 });
    assert.equal(disk.get(`${P} a`)?.value, '2');
    // An older entry than the hint held changes nothing.
    queue.add(P, [entry('a', 'old', 100 * SECOND_US)]);
    assert.equal(queue.next(P, MANY)[1]!.value, '2');
    assert.equal(counters.stored, 4);
  });

  it('cuts batches at their limits, and always hands out at least one', () => {
    const { queue } = setup();
    queue.add(
      P,
      Array.from({ length: 10 }, (_, i) => entry(`k${i}`, 'x'.repeat(100), 100 * SECOND_US + i)),
    );
    assert.equal(queue.next(P, { maxEntries: 3, maxBytes: 1_000_000 }).length, 3);
    assert.equal(queue.next(P, { maxEntries: 100, maxBytes: 300 }).length, 2);
    assert.equal(queue.next(P, { maxEntries: 100, maxBytes: 1 }).length, 1);
  });

  it('forgets what was delivered, but not a newer hint of its key that came meanwhile', () => {
    const { queue, counters, disk } = setup();
    queue.add(P, [entry('a', '1', 100 * SECOND_US), entry('b', '1', 100 * SECOND_US + 1)]);
    const sent = queue.next(P, MANY);
    queue.add(P, [entry('b', '2', 100 * SECOND_US + 5)]);
    queue.delivered(P, sent);
    assert.deepEqual(keys(queue.next(P, MANY)), ['b']);
    assert.equal(queue.next(P, MANY)[0]!.value, '2');
    assert.deepEqual(counters, { pending: 1, stored: 3, replayed: 1, expired: 0, refused: 0 });
    assert.deepEqual([...disk.keys()], [`${P} b`]);
    queue.delivered(P, queue.next(P, MANY));
    assert.deepEqual(queue.peers(), []);
    assert.equal(disk.size, 0);
  });

  it('drops hints older than the window, counted as expired', () => {
    const { queue, clock, counters, disk } = setup(10_000);
    queue.add(P, [entry('old', '1', 95 * SECOND_US), entry('new', '1', 99 * SECOND_US)]);
    clock.now = 106 * SECOND_US;
    assert.deepEqual(keys(queue.next(P, MANY)), ['new']);
    assert.equal(counters.expired, 1);
    assert.deepEqual([...disk.keys()], [`${P} new`]);
    clock.now = 200 * SECOND_US;
    assert.equal(queue.expire(), 1);
    assert.deepEqual(queue.next(P, MANY), []);
    assert.deepEqual(counters, { pending: 0, stored: 2, replayed: 0, expired: 2, refused: 0 });
  });

  it('never keeps a hint past the tombstone ttl, whatever the window (no resurrection)', () => {
    // A window of a day, deletes remembered for a minute: the value's hint must be gone before
    // a tombstone written after it can be purged.
    const { queue, clock } = setup(86_400_000, 60_000);
    assert.equal(queue.keepMs, 60_000);
    queue.add(P, [entry('user:alice', 'alive', 100 * SECOND_US)]);
    clock.now = 159 * SECOND_US;
    assert.equal(queue.pending(P), 1);
    clock.now = 161 * SECOND_US;
    assert.deepEqual(queue.next(P, MANY), []);
  });

  it('takes hints back from disk in version order, dropping the expired', () => {
    const { queue, clock, counters } = setup(10_000);
    clock.now = 120 * SECOND_US;
    const stored: StoredHint[] = [
      { peer: P, entry: entry('c', '1', 115 * SECOND_US) },
      { peer: P, entry: entry('a', '1', 112 * SECOND_US) },
      { peer: P, entry: entry('gone', '1', 105 * SECOND_US) },
      { peer: Q, entry: entry('b', null, 113 * SECOND_US) },
    ];
    queue.restore(stored);
    assert.deepEqual(keys(queue.next(P, MANY)), ['a', 'c']);
    assert.equal(queue.next(Q, MANY)[0]!.value, null);
    assert.deepEqual(counters, { pending: 3, stored: 0, replayed: 0, expired: 1, refused: 0 });
  });

  it('a restore counts what it holds once, not once per hint', () => {
    const { queue, counters } = setup();
    let counts = 0;
    let pending = 0;
    Object.defineProperty(counters, 'pending', {
      get: () => pending,
      set: (n: number) => {
        counts += 1;
        pending = n;
      },
    });
    const peers = [P, Q, '127.0.0.1:4'];
    const stored: StoredHint[] = Array.from({ length: 300 }, (_, i) => ({
      peer: peers[i % peers.length]!,
      entry: entry(`k${i}`, 'v', 100 * SECOND_US - i),
    }));
    queue.restore(stored);
    assert.equal(counters.pending, 300);
    assert.equal(queue.pending(Q), 100);
    assert.equal(counts, 1, 'counted once for 300 hints');
    assert.deepEqual(keys(queue.next(P, MANY)).slice(0, 2), ['k297', 'k294'], 'oldest first');
  });
});
