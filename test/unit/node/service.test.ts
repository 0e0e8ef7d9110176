// The node's service with no socket: two services joined in memory (each one's peer client
// hands its bytes to the other's answerPeer), so writes, rounds, faults and answers to peers
// are tested as the routes call them.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DroppedError } from '../../../src/node/errors.js';
import type { PeerClient } from '../../../src/node/peers/client.js';
import { Faults } from '../../../src/node/peers/faults.js';
import { loadHasher } from '../../../src/node/replica/hash.js';
import { HybridClock } from '../../../src/node/replica/hlc.js';
import { Store } from '../../../src/node/replica/store.js';
import { NodeService } from '../../../src/node/service.js';
import { newCounters } from '../../../src/node/stats.js';
import { CodecError } from '../../../src/node/sync/wire/codec.js';

const A = '127.0.0.1:1';
const B = '127.0.0.1:2';

/** Two services, each the other's only peer, on one hand-moved clock (µs). */
async function pair() {
  const hasher = await loadHasher();
  let now = 1_000_000;
  const nowMicros = () => (now += 1);
  const services = new Map<string, NodeService>();
  const make = (self: string, peer: string) => {
    const peerClient: PeerClient = {
      send: (to, body) => services.get(to)!.answerPeer(self, () => Promise.resolve(body)),
      wireBytes: () => ({ sent: 0, received: 0 }),
      idOf: () => undefined,
      close: () => undefined,
    };
    const service = new NodeService({
      id: self,
      address: self,
      peers: [peer],
      store: new Store(hasher),
      tree: { keyed: false },
      clock: new HybridClock(self, nowMicros),
      peerClient,
      counters: newCounters(),
      maxValueBytes: 1000,
      tombstoneTtlMs: 60_000,
      aeIntervalMs: 0,
      strategy: 'merkle',
      replicationTimeoutMs: 1000,
      nowMicros,
      faults: new Faults(),
    });
    services.set(self, service);
    return service;
  };
  return { a: make(A, B), b: make(B, A) };
}

describe('NodeService', () => {
  it('a replicated write is acked by the peer and readable there', async () => {
    const { a, b } = await pair();
    const written = await a.write('user:alice', 'alice_data', false);
    assert.equal(written.value, 'alice_data');
    assert.deepEqual(written.replication, { acked: [B], failed: [] });
    assert.equal(b.read('user:alice')?.value, 'alice_data');
    assert.deepEqual(b.read('user:alice')?.version, written.version);
    assert.equal(a.stats().writes.replicated, 1);
    assert.equal(b.stats().merges.applied, 1);
  });

  it('a direct write stays put until a trigger repairs the peer, and the round is recorded', async () => {
    const { a, b } = await pair();
    const written = await a.write('k', 'v', true);
    assert.equal(written.replication, null);
    assert.equal(b.read('k'), undefined);
    assert.notEqual(a.snapshot().root, b.snapshot().root);
    const report = await a.trigger();
    assert.equal(report.peers[0]?.status, 'repaired');
    assert.deepEqual(report.peers[0]?.keys.pushed, ['k']);
    assert.equal(b.read('k')?.value, 'v');
    assert.equal(a.snapshot().root, b.snapshot().root);
    const rounds = a.rounds(0);
    assert.equal(rounds.latest, 1);
    assert.equal(rounds.rounds[0]?.report, report);
    assert.deepEqual(a.rounds(1).rounds, []);
  });

  it('a delete is a tombstone: read shows it, health counts live keys, the tree counts both', async () => {
    const { a } = await pair();
    await a.writeBatch(
      [
        { key: 'x', value: '1' },
        { key: 'y', value: '2' },
      ],
      true,
    );
    const deleted = await a.write('x', null, true);
    assert.equal(deleted.deleted, true);
    assert.equal(a.read('x')?.value, null);
    assert.equal(a.health().keys, 1);
    assert.equal(a.snapshot().count, 2);
    assert.deepEqual(
      a.list('', 10, null).items.map((i) => i.key),
      ['y'],
    );
  });

  it('a peer this node is cut off from gets no answer; a heal lets it in again', async () => {
    const { a, b } = await pair();
    await a.write('k', 'v', true);
    assert.deepEqual(b.partition([A]), { node: B, cut: [A], deaf: [], links: {}, skewMs: 0 });
    const report = await a.trigger();
    assert.equal(report.peers[0]?.status, 'unreachable');
    let read = false;
    const reader = () => ((read = true), Promise.resolve(Buffer.alloc(0)));
    await assert.rejects(b.answerPeer(A, reader), DroppedError);
    assert.equal(read, false, 'the message of a cut-off peer is not read');
    assert.deepEqual(b.heal(), { node: B, cut: [], deaf: [], links: {}, skewMs: 0 });
    assert.equal((await a.trigger()).peers[0]?.status, 'repaired');
  });

  it('a node deaf to a peer drops its messages unread; the heal of that peer lets it in', async () => {
    const { a, b } = await pair();
    await a.write('k', 'v', true);
    assert.deepEqual(b.setFaults({ deaf: [A] }).deaf, [A]);
    assert.equal((await a.trigger()).peers[0]?.status, 'unreachable');
    await assert.rejects(
      b.answerPeer(A, () => Promise.resolve(Buffer.alloc(0))),
      DroppedError,
    );
    b.heal([A]);
    assert.equal((await a.trigger()).peers[0]?.status, 'repaired');
  });

  it('a malformed message from a peer is counted as rejected and thrown as a CodecError', async () => {
    const { b } = await pair();
    await assert.rejects(
      b.answerPeer(A, () => Promise.resolve(Buffer.from([0xff, 0xff, 0xff]))),
      CodecError,
    );
    const { peerMessages } = b.stats();
    assert.deepEqual(peerMessages, { received: 1, rejected: 1 });
  });

  it('the periodic interval is read and set (0: only on trigger)', async () => {
    const { a } = await pair();
    assert.deepEqual(a.interval(), { node: A, intervalMs: 0 });
    assert.deepEqual(a.setInterval(60_000), { node: A, intervalMs: 60_000 });
    assert.deepEqual(a.setInterval(0), { node: A, intervalMs: 0 });
    await a.stop();
  });

  it('/stats says whether hinted handoff is on, as /admin/hints does, beside its counters', async () => {
    const { a } = await pair();
    assert.equal(a.stats().hints.enabled, true, 'on by default');
    assert.equal(a.setHints(false).enabled, false);
    assert.deepEqual(a.stats().hints, {
      enabled: false,
      pending: 0,
      stored: 0,
      replayed: 0,
      expired: 0,
      refused: 0,
    });
    assert.equal(a.setHints(true).enabled, a.stats().hints.enabled);
  });

  it('tree views: the root level, a tree node with its entries', async () => {
    const { a } = await pair();
    await a.write('k', 'v', true);
    const level = a.treeLevel(0);
    assert.deepEqual(level.counts, [1]);
    assert.equal(level.digests[0], a.snapshot().root);
    const root = a.treeNode(0, 0, 16);
    assert.equal(root.count, 1);
    assert.equal(root.entries?.[0]?.key, 'k');
    assert.equal(a.treeNode(0, 0, 0).entries, null);
  });
});
