// Background keys on a busy machine: a peer that missed a batch gets it by one anti-entropy round.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadBackground } from '../../../demo/steps/write.js';
import type { Cluster } from '../../../src/cluster/cluster.js';
import { ReplicationError } from '../../../src/errors.js';

const nodes = [1, 2, 3].map((i) => ({ id: `node${i}`, address: `127.0.0.1:${9000 + i}` }));

/** A cluster whose node 1 reports `failed` peers on each batch and answers triggers with `status`. */
function fakeCluster(failedPerBatch: string[][], status: string) {
  const calls: { batches: number; items: number; triggered: string[][] } = {
    batches: 0,
    items: 0,
    triggered: [],
  };
  const client = {
    batch: async (items: unknown[]) => {
      const failed = failedPerBatch[calls.batches++] ?? [];
      calls.items += items.length;
      return { replication: { acked: [], failed: failed.map((peer) => ({ peer, reason: 'x' })) } };
    },
    trigger: async (peers: string[]) => {
      calls.triggered.push(peers);
      return { node: 'node1', peers: peers.map((peer) => ({ peer, status })) };
    },
  };
  return { cluster: { nodes, clients: [client] } as unknown as Cluster, calls };
}

describe('background keys', () => {
  it('every peer acknowledged: no anti-entropy round', async () => {
    const { cluster, calls } = fakeCluster([], 'repaired');
    assert.deepEqual(await loadBackground(cluster, 12_000, 1), []);
    assert.equal(calls.items, 12_000);
    assert.equal(calls.batches, 3);
    assert.deepEqual(calls.triggered, []);
  });

  it('peers that missed any batch get one round from node 1, named once', async () => {
    const late = [[nodes[2]!.address], [nodes[1]!.address, nodes[2]!.address]];
    const { cluster, calls } = fakeCluster(late, 'repaired');
    assert.deepEqual(await loadBackground(cluster, 10_000, 1), ['node3', 'node2']);
    assert.deepEqual(calls.triggered, [[nodes[2]!.address, nodes[1]!.address]]);
  });

  it('a peer that round cannot reach fails the load', async () => {
    const { cluster } = fakeCluster([[nodes[1]!.address]], 'unreachable');
    await assert.rejects(loadBackground(cluster, 100, 1), ReplicationError);
  });
});
