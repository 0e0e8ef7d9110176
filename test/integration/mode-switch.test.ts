// A cluster node restarted in the other conflict mode stays durable: it gets a data directory
// of its new mode beside its first one, so its sibling sets survive kill -9, its lww rows are
// still there when it goes back, and neither mode ever loads the other's rows (a node started
// by hand on the other mode's directory refuses, naming the flag to use).
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type Cluster } from '../../src/cluster/cluster.js';
import { launchNode } from '../../src/cluster/launcher.js';
import { request } from '../helpers/http.js';
import { testCluster } from '../helpers/cli.js';

const put = (at: string, key: string, value: string) =>
  request(at, 'PUT', `/kv/${key}/direct`, JSON.stringify({ value }));
const get = (at: string, key: string) => request(at, 'GET', `/kv/${key}`);

describe('a node restarted in the other conflict mode keeps a data directory', () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'ae-demo-mode-switch-'));
  let cluster: Cluster;

  before(async () => {
    cluster = await testCluster(2, (i) => ['--data-dir', path.join(root, `node-${i}`)]);
  });

  after(async () => {
    await cluster.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it('siblings written after the switch survive kill -9; the lww rows wait in their own directory', async () => {
    assert.equal((await put(cluster.nodes[0]!.address, 'user:lww', 'kept_in_lww')).status, 200);

    await cluster.restartInMode(1, 'siblings');
    const dir = path.join(root, 'node-1-siblings');
    assert.equal(cluster.dataDir(1), dir);
    assert.equal(readFileSync(path.join(dir, 'conflict-mode'), 'utf8').trim(), 'siblings');
    const at = () => cluster.nodes[0]!.address;
    assert.equal((await get(at(), 'user:lww')).status, 404, 'no lww row is read as a set');
    await put(at(), 'user:sib', 'one');
    const two = await put(at(), 'user:sib', 'two');
    assert.deepEqual(two.json.values, ['two', 'one']);

    await cluster.kill(1, 'SIGKILL');
    await cluster.restart(1);
    const kept = await get(at(), 'user:sib');
    assert.equal(kept.status, 200, 'the sibling set survived kill -9');
    assert.deepEqual(kept.json.values, ['two', 'one']);
    assert.equal(kept.json.context, two.json.context, 'and its vector');

    await cluster.restartInMode(1, 'lww');
    assert.equal(cluster.dataDir(1), path.join(root, 'node-1'));
    assert.equal((await get(at(), 'user:lww')).json.value, 'kept_in_lww');
    assert.equal((await get(at(), 'user:sib')).status, 404);
  });

  it('a siblings node started by hand on a directory lww wrote refuses, naming the flag', async () => {
    await put(cluster.nodes[1]!.address, 'user:b', 'b');
    await cluster.kill(2, 'SIGKILL');
    const attempt = launchNode(
      {
        index: 2,
        host: '127.0.0.1',
        port: cluster.nodes[1]!.port,
        peers: [],
        args: ['--conflicts', 'siblings', '--data-dir', path.join(root, 'node-2')],
        env: {},
      },
      { portFlag: '--port' },
    );
    await assert.rejects(
      attempt,
      /written with --conflicts lww; start this node with --conflicts lww/,
    );
  });
});
