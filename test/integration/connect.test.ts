// Commands against nodes that run elsewhere (--connect): real node processes started by the
// test, played on by run, asked by inspect and diff, and still running afterwards.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startCluster, type Cluster } from '../../src/cluster/cluster.js';
import { freeBasePort } from '../helpers/ports.js';
import { cli, testCluster } from '../helpers/cli.js';
import { request } from '../helpers/http.js';
import { treeKeyFingerprint } from '../../src/node/replica/tree-key.js';

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

  // Last: its story writes, and the tests above want the nodes as before() left them.
  it('run --connect --json reports the trees as the nodes hash them, not by the key it was given', async () => {
    const args = [
      'run',
      '--connect',
      connect,
      '--keys',
      '0',
      '--json',
      '--cluster-key',
      'cli-only',
    ];
    const r = await cli(args);
    assert.equal(r.exitCode, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout).tree, { keyed: false });
  });
});

describe('run --connect: a story on nodes this run neither starts nor stops', () => {
  const KEY = 'connect-test-key';
  let cluster: Cluster;
  let connect: string;
  before(async () => {
    cluster = await startCluster({
      count: 3,
      basePort: await freeBasePort(3),
      portFlag: '--base-port',
      clusterKey: KEY,
      nodeArgs: () => ['--ae-interval', '0'],
    });
    connect = cluster.nodes.map((n) => n.address).join(',');
  });
  after(() => cluster.stop());
  const env = { AE_CLUSTER_KEY: KEY };

  it('plays the seed story, says it starts none, and leaves the nodes running', async () => {
    const r = await cli(['run', '--connect', connect, '--keys', '20', '--json'], { env });
    assert.equal(r.exitCode, 0, r.stderr);
    assert.match(
      r.stderr,
      /--connect: playing on 3 nodes that run elsewhere; none is started or stopped/,
    );
    const doc = JSON.parse(r.stdout);
    assert.equal(doc.converged, true);
    assert.deepEqual(doc.tree, { keyed: true, keyFingerprint: treeKeyFingerprint(KEY) });
    assert.deepEqual(
      doc.nodes.map((n: { id: string }) => n.id),
      cluster.nodes.map((n) => n.id),
    );
    for (const node of cluster.nodes)
      assert.equal((await request(node.address, 'GET', '/health')).status, 200);
  });

  it('cuts a node off through the fault route with the key, and heals it', async () => {
    const r = await cli(
      ['run', '--connect', connect, '--scenario', 'partition', '--keys', '0', '--json'],
      { env },
    );
    assert.equal(r.exitCode, 0, r.stderr);
    assert.equal(JSON.parse(r.stdout).converged, true);
    const faults = await request(cluster.nodes[2]!.address, 'GET', '/admin/faults');
    assert.deepEqual(faults.json.cut, []);
  });

  it('a story that kills a node is refused with exit 2 and one sentence, touching nothing', async () => {
    const before = (await request(cluster.nodes[0]!.address, 'GET', '/health')).json.keys;
    const r = await cli(['run', '--connect', connect, '--scenario', 'crash'], { env });
    assert.equal(r.exitCode, 2);
    assert.equal(
      r.stderr,
      "error: Scenario crash kills and restarts a node, which --connect can do only through a command of yours: add --restart-command (such as 'kubectl delete pod {id}'), or play it without --connect.",
    );
    assert.equal((await request(cluster.nodes[0]!.address, 'GET', '/health')).json.keys, before);
  });
});
