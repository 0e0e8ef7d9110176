// The cluster client and the watch against real nodes: a node that did not answer and a node
// that answered with an error are different failures, and the error carries the node's code;
// the watch asks each node five small GETs a look.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { NodeClient } from '../../src/cluster/client.js';
import type { Cluster } from '../../src/cluster/cluster.js';
import { switchHints } from '../../src/cluster/repair-client.js';
import { ClusterWatch } from '../../src/cluster/watch.js';
import { NoAnswerError, NodeAnswerError } from '../../src/errors.js';
import { testCluster } from '../helpers/cli.js';
import { freeBasePort } from '../helpers/ports.js';

describe('cluster client: no answer vs an error answer', () => {
  let cluster: Cluster;
  before(async () => {
    cluster = await testCluster(2);
  });
  after(() => cluster.stop());

  it('an error answer is a NodeAnswerError with the status and the node code', async () => {
    const client = cluster.clients[0]!;
    const error = await client.treeNode(99, 0).then(
      () => assert.fail('level 99 must be refused'),
      (e: unknown) => e,
    );
    assert.ok(error instanceof NodeAnswerError, String(error));
    assert.equal(error.code, 'node_error');
    assert.equal(error.status, 400);
    assert.equal(error.nodeCode, 'bad_request');
    assert.equal(error.address, cluster.nodes[0]!.address);
    assert.match(error.message, /answered 400 bad_request: level must be a whole number/);
  });

  it('a port nobody listens on is a NoAnswerError with the reason', async () => {
    const address = `127.0.0.1:${await freeBasePort(1)}`;
    const client = new NodeClient(address, undefined, { retries: 0 });
    const error = await client.health().then(
      () => assert.fail('nobody listens there'),
      (e: unknown) => e,
    );
    assert.ok(error instanceof NoAnswerError, String(error));
    assert.equal(error.code, 'node_unreachable');
    assert.equal(error.reason, 'connection refused');
    assert.equal(error.address, address);
  });

  it("the watch reads a node's hints switch from /stats: five GETs a node a look", async () => {
    const client = cluster.clients[1]!;
    await switchHints(client, false);
    const before = (await client.stats()).requests.total;
    const [on, off] = await new ClusterWatch().sample(cluster.nodes);
    // The second /stats counts itself (before it answers), and nothing else asked this node.
    const asked = (await client.stats()).requests.total - before - 1;
    assert.equal(on!.hints.enabled, true);
    assert.equal(off!.hints.enabled, false);
    assert.equal(asked, 5, 'snapshot, level, stats, faults and rounds; no GET /admin/hints');
    await switchHints(client, true);
  });

  it('the watch shows a node that does not answer as down, with the reason', async () => {
    const address = `127.0.0.1:${await freeBasePort(1)}`;
    const [up, down] = await new ClusterWatch().sample([
      cluster.nodes[0]!,
      { id: 'node-gone', address },
    ]);
    assert.equal(up!.status, 'up');
    assert.equal(down!.status, 'down');
    assert.equal(down!.reason, 'connection refused');
  });
});
