// The seed guide's "Anti-Entropy Detection Process" for real: three node processes over HTTP.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { testCluster } from '../helpers/cli.js';
import { request } from '../helpers/http.js';
import { until } from '../helpers/poll.js';

const roots = async (addresses: string[]) =>
  Promise.all(
    addresses.map(async (a) => (await request(a, 'GET', '/merkle/snapshot')).json.root as string),
  );

describe('anti-entropy over HTTP', () => {
  it("the guide's scenario: direct writes, different roots, one trigger, node 2's value everywhere", async () => {
    const cluster = await testCluster(3);
    const [n1, n2, n3] = cluster.nodes.map((n) => n.address) as [string, string, string];
    try {
      await request(
        n1,
        'POST',
        '/kv',
        JSON.stringify({
          items: Array.from({ length: 500 }, (_, i) => ({ key: `bg:${i}`, value: `v${i}` })),
        }),
      );
      const empty = await roots([n1, n2, n3]);
      assert.equal(new Set(empty).size, 1, 'replicated writes leave equal roots');

      await request(n1, 'PUT', '/kv/user:alice/direct', '{"value": "alice_data_from_node1"}');
      await request(
        n2,
        'PUT',
        '/kv/user:alice/direct',
        '{"value": "alice_data_from_node2_DIFFERENT"}',
      );
      assert.equal((await request(n3, 'GET', '/kv/user:alice')).status, 404);
      const before = await roots([n1, n2, n3]);
      assert.equal(new Set(before).size, 3, 'three different roots');

      const report = (await request(n1, 'POST', '/anti-entropy/trigger')).json;
      assert.equal(report.node, cluster.nodes[0]!.id);
      const byPeer = Object.fromEntries(report.peers.map((p: { peer: string }) => [p.peer, p]));
      assert.equal(byPeer[n2].status, 'repaired');
      assert.deepEqual(byPeer[n2].keys.pulled, ['user:alice']);
      assert.equal(byPeer[n3].status, 'repaired');
      assert.deepEqual(byPeer[n3].keys.pushed, ['user:alice']);
      for (const p of report.peers) {
        assert.ok(p.roundTrips >= 1 && p.bytes.sent > 0 && p.bytes.received > 0);
        assert.ok(
          p.bytes.sent + p.bytes.received < 4096,
          `only what differs moved: ${JSON.stringify(p.bytes)}`,
        );
      }

      const after = await roots([n1, n2, n3]);
      assert.equal(new Set(after).size, 1, 'one root after one trigger');
      for (const a of [n1, n2, n3]) {
        const read = (await request(a, 'GET', '/kv/user:alice')).json;
        assert.equal(read.value, 'alice_data_from_node2_DIFFERENT');
        assert.equal(read.version.node, cluster.nodes[1]!.id);
      }
      const again = (await request(n3, 'POST', '/anti-entropy/trigger')).json;
      assert.ok(
        again.peers.every(
          (p: { status: string; roundTrips: number }) =>
            p.status === 'in_sync' && p.roundTrips === 1,
        ),
      );
    } finally {
      await cluster.stop();
    }
  });

  it('a delete missed by two replicas is repaired from the third and does not come back', async () => {
    const cluster = await testCluster(3);
    const [n1, n2, n3] = cluster.nodes.map((n) => n.address) as [string, string, string];
    try {
      await request(n1, 'PUT', '/kv/user:eve', '{"value": "eve_data"}');
      await request(n3, 'DELETE', '/kv/user:eve/direct');
      assert.equal((await request(n1, 'GET', '/kv/user:eve')).json.value, 'eve_data');
      await request(n1, 'POST', '/anti-entropy/trigger');
      for (const a of [n1, n2, n3]) {
        const read = await request(a, 'GET', '/kv/user:eve');
        assert.equal(read.status, 404, a);
        assert.equal(read.json.deleted, true);
      }
      await request(n2, 'POST', '/anti-entropy/trigger');
      assert.equal(
        (await request(n2, 'GET', '/kv/user:eve')).json.deleted,
        true,
        'no resurrection on a later round',
      );
      assert.equal(new Set(await roots([n1, n2, n3])).size, 1);
    } finally {
      await cluster.stop();
    }
  });

  it('an unreachable peer is reported, the others are repaired', async () => {
    const cluster = await testCluster(3);
    const [n1, n2, n3] = cluster.nodes.map((n) => n.address) as [string, string, string];
    try {
      await request(n1, 'PUT', '/kv/k/direct', '{"value": "v"}');
      await cluster.nodes[2]!.stop();
      const report = (await request(n1, 'POST', '/anti-entropy/trigger')).json;
      const third = report.peers.find((p: { peer: string }) => p.peer === n3);
      assert.equal(third.status, 'unreachable');
      assert.equal(third.reason, 'connection refused');
      assert.equal(report.peers.find((p: { peer: string }) => p.peer === n2).status, 'repaired');
      assert.equal((await request(n2, 'GET', '/kv/k')).json.value, 'v');
    } finally {
      await cluster.stop();
    }
  });

  it('a trigger may name some of the configured peers, and only those', async () => {
    const cluster = await testCluster(3);
    const [n1, n2] = cluster.nodes.map((n) => n.address) as [string, string, string];
    try {
      const report = (
        await request(n1, 'POST', '/anti-entropy/trigger', JSON.stringify({ peers: [n2] }))
      ).json;
      assert.deepEqual(
        report.peers.map((p: { peer: string }) => p.peer),
        [n2],
      );
    } finally {
      await cluster.stop();
    }
  });

  it('periodic rounds converge the nodes with no trigger', async () => {
    const periodic = await testCluster(3, ['--ae-interval', '100']);
    const addresses = periodic.nodes.map((n) => n.address);
    try {
      await request(addresses[0]!, 'PUT', '/kv/p/direct', '{"value": "periodic"}');
      // Rounds every 100 ms: a few suffice, but a loaded machine may run them late.
      await until(
        'periodic rounds to copy p to every node',
        async () => {
          const values = await Promise.all(
            addresses.map(async (a) => (await request(a, 'GET', '/kv/p')).json.value),
          );
          return values.every((v) => v === 'periodic');
        },
        30_000,
      );
      const rounds = await Promise.all(
        addresses.map(
          async (a) => (await request(a, 'GET', '/stats')).json.antiEntropy.rounds as number,
        ),
      );
      assert.ok(rounds.reduce((x, y) => x + y, 0) >= 1, 'the repair came from periodic rounds');
    } finally {
      await periodic.stop();
    }
  });
});
