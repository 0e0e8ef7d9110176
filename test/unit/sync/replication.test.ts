import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeMessage } from '../../../src/node/sync/wire/message.js';
import { PeerReplicator, sharedEncoder } from '../../../src/node/sync/replication.js';
import { MAX_VALUE, entry } from '../../helpers/replica.js';

describe('replication to a peer (group commit)', () => {
  it('sends a lone write at the end of its turn, without waiting for a timer', async () => {
    const sent: number[] = [];
    const replicator = new PeerReplicator('p', async (body) => {
      sent.push(decodeMessage(body, MAX_VALUE).entries.length);
    });
    const write = replicator.replicate([entry('a', 'v', 1)]);
    assert.deepEqual(sent, [], 'nothing is sent before the turn ends');
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(sent, [1]);
    assert.deepEqual(await write, { ok: true });
  });

  it('groups the writes of one turn, and those that arrive while messages are in flight', async () => {
    const sent: number[] = [];
    const releases: (() => void)[] = [];
    const replicator = new PeerReplicator('p', (body) => {
      sent.push(decodeMessage(body, MAX_VALUE).entries.length);
      return new Promise<void>((resolve) => releases.push(resolve));
    });
    const turn = () => new Promise((r) => setImmediate(r));
    const writes = Array.from({ length: 3 }, (_, i) =>
      replicator.replicate([entry(`k${i}`, 'v', i + 1)]),
    );
    await turn();
    assert.deepEqual(sent, [3], 'one message for the three writes of one turn');
    writes.push(replicator.replicate([entry('k3', 'v', 4)]));
    await turn();
    assert.deepEqual(sent, [3, 1], 'a second message may be in flight');
    for (let i = 4; i < 10; i++) writes.push(replicator.replicate([entry(`k${i}`, 'v', i + 1)]));
    await turn();
    assert.deepEqual(sent, [3, 1], 'no third message while two are in flight');
    releases.shift()!();
    await turn();
    await turn();
    assert.deepEqual(sent, [3, 1, 6], 'the six that waited go out together');
    for (const release of releases.splice(0)) release();
    const outcomes = await Promise.all(writes);
    assert.equal(outcomes.length, 10);
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
      refused: false,
    });
    assert.deepEqual(await replicator.replicate([entry('b', 'v', 2)]), { ok: true });
  });

  it('encodes a batch once for every peer that sends the same writes, and anew when they differ', async () => {
    const encode = sharedEncoder();
    const bodies: Record<string, Buffer[]> = { a: [], b: [] };
    const releases: (() => void)[] = [];
    const peers = ['a', 'b'].map(
      (peer) =>
        new PeerReplicator(
          peer,
          (body) => {
            bodies[peer]!.push(body);
            return peer === 'a' ? Promise.resolve() : new Promise<void>((r) => releases.push(r));
          },
          encode,
        ),
    );
    const turn = () => new Promise((r) => setImmediate(r));
    const write = (e: ReturnType<typeof entry>) => {
      const entries = [e];
      return Promise.all(peers.map((p) => p.replicate(entries)));
    };
    const first = [write(entry('k1', 'v', 1)), write(entry('k2', 'v', 2))];
    await turn();
    assert.equal(bodies.a!.length, 1);
    assert.equal(bodies.a![0], bodies.b![0], 'the same bytes (one encoding) go to both peers');
    assert.deepEqual(
      decodeMessage(bodies.a![0]!, MAX_VALUE).entries.map((e) => e.key),
      ['k1', 'k2'],
    );
    // b has two messages in flight after k3, so b holds k4 and k5 back; a sends each alone.
    const second = [write(entry('k3', 'v', 3))];
    await turn();
    const third = [write(entry('k4', 'v', 4))];
    await turn();
    third.push(write(entry('k5', 'v', 5)));
    await turn();
    await turn();
    const keys = (bodies: Buffer[]) =>
      bodies.map((b) => decodeMessage(b, MAX_VALUE).entries.map((e) => e.key));
    assert.deepEqual(keys(bodies.a!), [['k1', 'k2'], ['k3'], ['k4'], ['k5']]);
    assert.deepEqual(keys(bodies.b!), [['k1', 'k2'], ['k3']]);
    assert.equal(bodies.a![1], bodies.b![1], 'k3 alone to both: encoded once');
    releases.shift()!();
    await turn();
    await turn();
    assert.deepEqual(keys(bodies.b!), [['k1', 'k2'], ['k3'], ['k4', 'k5']], 'k4 and k5 together');
    for (const release of releases.splice(0)) release();
    const outcomes = (await Promise.all([...first, ...second, ...third])).flat();
    assert.ok(outcomes.every((o) => o.ok));
  });
});
