// Read repair with its peers in memory: every peer is asked, the newest answer is kept here, and
// it is written back to each peer that answered with something else or nothing; a peer that does
// not answer the read is listed as unreachable and never written to, and so is one that does not
// take the write-back.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadHasher } from '../../../src/node/replica/hash.js';
import { HybridClock } from '../../../src/node/replica/hlc.js';
import { LocalReplica } from '../../../src/node/replica/local.js';
import { Store } from '../../../src/node/replica/store.js';
import { newCounters } from '../../../src/node/stats.js';
import { answer } from '../../../src/node/sync/exchange.js';
import { readAll } from '../../../src/node/sync/read-repair.js';
import { decodeMessage } from '../../../src/node/sync/wire/message.js';
import { entry } from '../../helpers/replica.js';

const hasher = await loadHasher();
const MAX_VALUE = 1_000;

function node(id: string): LocalReplica {
  return new LocalReplica({
    store: new Store(hasher),
    clock: new HybridClock(id, () => 1_000),
    counters: newCounters(),
    tombstoneTtlMs: 60_000,
    nowMicros: () => 1_000,
  });
}

describe('read repair', () => {
  it('keeps the newest, writes it to the stale and empty peers, and lists who did not answer', async () => {
    const [self, stale, empty, current, silent, deaf] = ['a', 'b', 'c', 'd', 'e', 'f'].map(node);
    const newest = entry('k', 'new', 20);
    stale!.store.apply(entry('k', 'old', 10));
    current!.store.apply(newest);
    deaf!.store.apply(entry('k', 'old', 10));
    const peers = new Map(Object.entries({ stale, empty, current, silent, deaf }));
    const sent: { peer: string; writes: number }[] = [];
    const send = async (peer: string, body: Buffer) => {
      const writes = decodeMessage(body, MAX_VALUE).entries.length;
      sent.push({ peer, writes });
      if (peer === 'silent' || (peer === 'deaf' && writes > 0)) throw new Error('timed out');
      return answer(peers.get(peer)!.side('read-repair'), body, MAX_VALUE);
    };
    const parts = {
      self: 'self',
      peers: [...peers.keys()],
      local: self!,
      send,
      maxValueBytes: MAX_VALUE,
    };
    const { entry: kept, readRepair } = await readAll('k', parts);
    assert.equal(kept?.value, 'new');
    assert.deepEqual([...readRepair.repaired].sort(), ['empty', 'self', 'stale']);
    assert.deepEqual([...readRepair.unreachable].sort(), ['deaf', 'silent']);
    for (const name of ['stale', 'empty', 'current'])
      assert.equal(peers.get(name)!.store.get('k')?.value, 'new', name);
    const writtenTo = sent.filter((s) => s.writes > 0).map((s) => s.peer);
    assert.deepEqual(
      writtenTo.sort(),
      ['deaf', 'empty', 'stale'],
      'the silent peer is not written to',
    );
  });

  it('a key nobody holds: no entry, nobody written, the silent peer listed', async () => {
    const [self, other] = [node('a'), node('b')];
    const send = async (peer: string, body: Buffer) => {
      if (peer === 'silent') throw new Error('refused');
      return answer(other.side('read-repair'), body, MAX_VALUE);
    };
    const parts = {
      self: 'self',
      peers: ['other', 'silent'],
      local: self,
      send,
      maxValueBytes: MAX_VALUE,
    };
    const found = await readAll('k', parts);
    assert.equal(found.entry, undefined);
    assert.deepEqual(found.readRepair, { repaired: [], unreachable: ['silent'] });
  });
});
