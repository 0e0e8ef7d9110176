// Network faults on real nodes, through the admin route: a lost message is a timeout to its
// sender (never an HTTP error answer), a deaf node is an asymmetric partition (the peer it does
// not hear still applies what it sends), a skewed clock moves the node's versions, and a heal
// takes every fault away.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Cluster } from '../../src/cluster/cluster.js';
import { testCluster } from '../helpers/cli.js';

describe('network faults on real nodes', () => {
  let cluster: Cluster;
  before(async () => {
    cluster = await testCluster(2);
  });
  after(() => cluster.stop());

  it('loss: the sender reports no answer in time; a heal brings replication back', async () => {
    const [a, b] = cluster.clients;
    await a!.faults({ links: { '*': { loss: 1 } } });
    const write = await a!.put('lost', 'v', false);
    assert.deepEqual(write.replication?.failed, [
      { peer: cluster.nodes[1]!.address, reason: 'no answer within 1000 ms', hinted: true },
    ]);
    await a!.heal();
    assert.deepEqual((await a!.faults()).links, {});
    assert.equal((await a!.put('found', 'v', false)).replication?.acked.length, 1);
    assert.equal((await b!.key('found')).state, 'value');
  });

  it('deaf: the node it does not hear still applies its writes, but the node hears no ack', async () => {
    const [a, b] = cluster.clients;
    await b!.faults({ deaf: [cluster.nodes[0]!.address] });
    const fromA = await a!.put('a-to-deaf-b', 'v', false);
    assert.equal(fromA.replication?.failed.length, 1, 'b drops what a sends');
    assert.equal((await b!.key('a-to-deaf-b')).state, 'missing');
    const fromB = await b!.put('deaf-b-to-a', 'v', false);
    assert.equal(fromB.replication?.failed[0]?.reason, 'no answer within 1000 ms');
    assert.equal((await a!.key('deaf-b-to-a')).state, 'value', 'a heard b and applied its write');
    await b!.heal();
  });

  it('skew: a node whose clock runs an hour ahead writes versions an hour ahead', async () => {
    const [a, b] = cluster.clients;
    const HOUR_MS = 3_600_000;
    await b!.faults({ skewMs: HOUR_MS });
    const wallA = (await a!.put('skew-a', 'v', true)).version.wall;
    const wallB = (await b!.put('skew-b', 'v', true)).version.wall;
    assert.ok(wallB - wallA > (HOUR_MS - 60_000) * 1000, `${wallB} - ${wallA}`);
    assert.equal((await b!.heal()).skewMs, 0);
  });
});
