import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeMessage } from '../../../src/node/sync/wire/message.js';
import { PeerReplicator } from '../../../src/node/sync/replication.js';
import { MAX_VALUE, entry } from '../../helpers/replica.js';

describe('replication to a peer (group commit)', () => {
  it('sends a lone write at once, and groups writes that arrive while messages are in flight', async () => {
    const sent: number[] = [];
    const releases: (() => void)[] = [];
    const replicator = new PeerReplicator('p', (body) => {
      sent.push(decodeMessage(body, MAX_VALUE).entries.length);
      return new Promise<void>((resolve) => releases.push(resolve));
    });
    const writes = Array.from({ length: 10 }, (_, i) =>
      replicator.replicate([entry(`k${i}`, 'v', i + 1)]),
    );
    assert.deepEqual(sent, [1, 1], 'two messages in flight, one write each');
    releases.shift()!();
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(sent, [1, 1, 8], 'the eight that waited go out together');
    for (const release of releases.splice(0)) release();
    const outcomes = await Promise.all(writes);
    assert.ok(outcomes.every((o) => o.ok));
  });

  it('reports a failure to every write of the failed message, and keeps going', async () => {
    let calls = 0;
    const replicator = new PeerReplicator('p', async () => {
      calls += 1;
      if (calls === 1) throw new Error('connection refused');
    });
    assert.deepEqual(await replicator.replicate([entry('a', 'v', 1)]), {
      ok: false,
      reason: 'connection refused',
    });
    assert.deepEqual(await replicator.replicate([entry('b', 'v', 2)]), { ok: true });
  });
});
