// The replay loop with a hand-turned timer and a peer that is away until told: nothing is sent
// while the peer fails, everything goes oldest first in batches once it answers, a wake sends
// at once, and hints for a peer that is not configured are never sent.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { HintCounters } from '../../../src/api/repair.js';
import type { Entry } from '../../../src/node/replica/entry.js';
import { PeerRefusedError } from '../../../src/node/errors.js';
import { HintQueue } from '../../../src/node/hints/queue.js';
import { HINT_BATCH, HintReplayer } from '../../../src/node/hints/replay.js';
import { entry } from '../../helpers/replica.js';
import { HandTimer } from '../../helpers/hand-timer.js';

const P = '127.0.0.1:2';
const STRANGER = '127.0.0.1:9';

/** Lets every settled promise run its callbacks. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

function setup(count: number) {
  const counters: HintCounters = { pending: 0, stored: 0, replayed: 0, expired: 0, refused: 0 };
  const queue = new HintQueue({
    windowMs: 60_000,
    tombstoneTtlMs: 60_000,
    nowMicros: () => 1_000_000,
    counters,
  });
  const all = Array.from({ length: count }, (_, i) => entry(`k${i}`, 'v', 1_000_000 + i));
  queue.add(P, all);
  queue.add(STRANGER, [entry('s', 'v', 1_000_000)]);
  const peer = {
    up: false,
    messages: [] as string[][],
    attempts: 0,
    refusal: undefined as Error | undefined,
  };
  const timer = new HandTimer();
  const replayer = new HintReplayer({
    queue,
    peers: [P],
    timer,
    send: async (to, entries: readonly Entry[]) => {
      assert.equal(to, P, 'only configured peers are sent hints');
      peer.attempts += 1;
      if (peer.refusal) throw peer.refusal;
      if (!peer.up) throw new Error('connect ECONNREFUSED');
      peer.messages.push(entries.map((e) => e.key));
    },
  });
  return { counters, queue, all, peer, timer, replayer };
}

describe('HintReplayer', () => {
  it('tries every tick, and once the peer answers sends every hint oldest first in batches', async () => {
    const count = HINT_BATCH.maxEntries * 2 + 10;
    const { counters, all, peer, timer, replayer } = setup(count);
    replayer.start();
    timer.fire();
    await settle();
    assert.equal(peer.attempts, 1);
    assert.equal(counters.pending, count + 1);
    peer.up = true;
    timer.fire();
    for (let i = 0; i < 5; i++) await settle();
    assert.equal(peer.messages.length, 3, 'batched, never one message per key');
    assert.deepEqual(
      peer.messages.flat(),
      all.map((e) => e.key),
    );
    assert.equal(counters.replayed, count);
    assert.equal(counters.pending, 1, "the stranger's hint stays until it expires");
    assert.ok(timer.pending, 'the loop goes on');
    await replayer.stop();
    assert.equal(timer.pending, undefined);
  });

  it('a peer that refuses for good (another conflict mode) has its hints dropped and counted refused', async () => {
    const count = HINT_BATCH.maxEntries + 10;
    const { counters, queue, peer, timer, replayer } = setup(count);
    replayer.start();
    peer.refusal = new PeerRefusedError(P, 503, 'busy');
    timer.fire();
    await settle();
    assert.equal(queue.pending(P), count, 'a peer that may answer later keeps its hints');
    assert.equal(counters.refused, 0);
    peer.refusal = new PeerRefusedError(P, 409, 'conflict_mode_mismatch', 'runs siblings');
    timer.fire();
    await settle();
    assert.equal(peer.attempts, 2, 'one message refused, not one per batch');
    assert.equal(queue.pending(P), 0);
    assert.equal(counters.refused, count, 'every hint of the peer, not only the batch sent');
    assert.equal(counters.pending, 1, "the stranger's hint is another peer's: kept");
    await replayer.stop();
  });

  it('a wake sends at once, without waiting for the tick', async () => {
    const { counters, peer, replayer } = setup(3);
    replayer.start();
    peer.up = true;
    replayer.wake(P);
    await settle();
    assert.deepEqual(peer.messages, [['k0', 'k1', 'k2']]);
    assert.equal(counters.replayed, 3);
    await replayer.stop();
  });
});
