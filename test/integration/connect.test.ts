// Client commands against nodes that run elsewhere (--connect): real node processes started by
// the test, asked by inspect and diff, and still running afterwards.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Cluster } from '../../src/cluster/cluster.js';
import { cli, testCluster } from '../helpers/cli.js';
import { request } from '../helpers/http.js';

describe('--connect: inspect and diff against running nodes', () => {
  let cluster: Cluster;
  let connect: string;
  before(async () => {
    cluster = await testCluster(3);
    connect = cluster.nodes.map((n) => n.address).join(',');
    const put = await request(cluster.nodes[0]!.address, 'PUT', '/kv/user:alice', '{"value":"a"}');
    assert.equal(put.status, 200);
    const direct = await request(
      cluster.nodes[2]!.address,
      'PUT',
      '/kv/user:bob/direct',
      '{"value":"b"}',
    );
    assert.equal(direct.status, 200);
  });
  after(() => cluster.stop());

  it('inspect --connect shows the key on every connected node', async () => {
    const r = await cli(['inspect', 'user:alice', '--connect', connect, '--json']);
    assert.equal(r.exitCode, 0, r.stderr);
    const doc = JSON.parse(r.stdout);
    assert.equal(doc.agree, true);
    assert.equal(doc.nodes.length, 3);
  });

  it('diff --connect finds where the trees differ, and the nodes keep running', async () => {
    const r = await cli(['diff', '--connect', connect, '--json']);
    assert.equal(r.exitCode, 1, r.stderr);
    assert.match(r.stdout, /user:bob/);
    for (const node of cluster.nodes)
      assert.equal((await request(node.address, 'GET', '/health')).status, 200);
  });
});
