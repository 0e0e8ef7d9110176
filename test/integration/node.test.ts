// The store node over HTTP, on real node processes on free ports.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Cluster } from '../../src/cluster/cluster.js';
import { launchNode } from '../../src/cluster/launcher.js';
import { testCluster } from '../helpers/cli.js';
import { request } from '../helpers/http.js';
import { freeBasePort, silentPeer } from '../helpers/ports.js';
import { until } from '../helpers/poll.js';

describe('store node: replicated and direct writes', () => {
  let cluster: Cluster;
  before(async () => {
    cluster = await testCluster(3);
  });
  after(() => cluster.stop());
  const addr = (i: number) => cluster.nodes[i]!.address;

  it('answers /health with its id, address, peers and key count', async () => {
    const res = await request(addr(0), 'GET', '/health');
    assert.equal(res.status, 200);
    assert.equal(res.json.status, 'ok');
    assert.equal(res.json.id, cluster.nodes[0]!.id);
    assert.equal(res.json.address, addr(0));
    assert.deepEqual(res.json.peers, [addr(1), addr(2)]);
  });

  it('a normal write (curl -d, form content type) reaches all three', async () => {
    const res = await request(addr(0), 'PUT', '/kv/user:alice', '{"value": "alice_data"}', {
      'content-type': 'application/x-www-form-urlencoded',
    });
    assert.equal(res.status, 200);
    assert.equal(res.json.value, 'alice_data');
    assert.deepEqual(res.json.replication, { acked: [addr(1), addr(2)], failed: [] });
    for (let i = 0; i < 3; i++) {
      const read = await request(addr(i), 'GET', '/kv/user:alice');
      assert.equal(read.status, 200, `node ${i + 1}`);
      assert.deepEqual(read.json.version, res.json.version);
    }
  });

  it('a direct write reaches one node only', async () => {
    const res = await request(addr(1), 'PUT', '/kv/user:carol/direct', '{"value": "carol_data"}');
    assert.equal(res.status, 200);
    assert.equal(res.json.replication, null);
    assert.equal((await request(addr(1), 'GET', '/kv/user:carol')).status, 200);
    for (const i of [0, 2]) {
      const miss = await request(addr(i), 'GET', '/kv/user:carol');
      assert.equal(miss.status, 404);
      assert.equal(miss.json.error.code, 'not_found');
    }
  });

  it('a delete replicates as a tombstone', async () => {
    await request(addr(0), 'PUT', '/kv/user:dave', '{"value": "d"}');
    const del = await request(addr(2), 'DELETE', '/kv/user:dave');
    assert.equal(del.status, 200);
    assert.equal(del.json.deleted, true);
    for (let i = 0; i < 3; i++) {
      const read = await request(addr(i), 'GET', '/kv/user:dave');
      assert.equal(read.status, 404);
      assert.equal(read.json.deleted, true);
      assert.deepEqual(read.json.version, del.json.version);
    }
    const snap = await request(addr(0), 'GET', '/merkle/snapshot');
    const health = await request(addr(0), 'GET', '/health');
    assert.equal(snap.json.count, health.json.keys + 1, 'the tombstone is an entry of the tree');
  });

  it('keys with slashes, spaces and non-ASCII round-trip percent-encoded', async () => {
    for (const key of ['a/b', 'hello world', 'clé:ünïcödé', '😀']) {
      const path = `/kv/${encodeURIComponent(key)}`;
      assert.equal(
        (await request(addr(0), 'PUT', path, JSON.stringify({ value: key }))).status,
        200,
        key,
      );
      const read = await request(addr(2), 'GET', path);
      assert.equal(read.json.key, key);
      assert.equal(read.json.value, key);
    }
  });

  it('lists live keys a page at a time', async () => {
    await request(
      addr(0),
      'POST',
      '/kv',
      JSON.stringify({
        items: Array.from({ length: 25 }, (_, i) => ({
          key: `page:${String(i).padStart(2, '0')}`,
          value: String(i),
        })),
      }),
    );
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const q: string = `/kv?prefix=page:&limit=10${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const page = await request(addr(1), 'GET', q);
      assert.equal(page.status, 200);
      seen.push(...page.json.items.map((i: { key: string }) => i.key));
      cursor = page.json.next;
    } while (cursor);
    assert.equal(seen.length, 25);
    assert.deepEqual(seen, [...seen].sort());
  });

  it('serves counters as JSON and Prometheus text', async () => {
    const stats = await request(addr(0), 'GET', '/stats');
    assert.equal(stats.status, 200);
    assert.ok(stats.json.writes.replicated >= 1);
    const metrics = await request(addr(0), 'GET', '/metrics');
    assert.equal(metrics.status, 200);
    assert.match(String(metrics.headers['content-type']), /text\/plain; version=0.0.4/);
    assert.match(metrics.text, /^ae_writes_total\{kind="replicated"\} \d+$/m);
    assert.match(metrics.text, /^ae_tree_entries \d+$/m);
  });
});

describe('store node: peers that fail', () => {
  it('a killed peer shows in "failed" and the write stands, answered at once', async () => {
    const cluster = await testCluster(3);
    try {
      const dead = cluster.nodes[2]!;
      await dead.stop();
      const started = Date.now();
      const res = await request(cluster.nodes[0]!.address, 'PUT', '/kv/k', '{"value": "v"}');
      assert.equal(res.status, 200);
      assert.deepEqual(res.json.replication.acked, [cluster.nodes[1]!.address]);
      assert.equal(res.json.replication.failed[0].peer, dead.address);
      assert.equal(res.json.replication.failed[0].reason, 'connection refused');
      assert.ok(Date.now() - started < 3_000, 'a refused peer does not hold the write');
      assert.equal((await request(cluster.nodes[1]!.address, 'GET', '/kv/k')).json.value, 'v');
    } finally {
      await cluster.stop();
    }
  });

  it('a peer that accepts and never answers times out without stalling the write', async () => {
    const silent = await silentPeer();
    const port = await freeBasePort(1);
    const node = await launchNode(
      {
        index: 1,
        host: '127.0.0.1',
        port,
        peers: [silent.address],
        args: ['--ae-interval', '0'],
        env: {},
      },
      { portFlag: '--port' },
    );
    try {
      const res = await request(node.address, 'PUT', '/kv/k', '{"value": "v"}');
      assert.equal(res.status, 200);
      assert.deepEqual(res.json.replication.failed, [
        { peer: silent.address, reason: 'no answer within 1000 ms', hinted: true },
      ]);
      assert.equal((await request(node.address, 'GET', '/kv/k')).json.value, 'v');
      const report = await request(node.address, 'POST', '/anti-entropy/trigger');
      assert.equal(report.json.peers[0].status, 'unreachable');
      // The first message of an exchange has a short timeout: the round does not wait 10 s.
      assert.equal(report.json.peers[0].reason, 'no answer within 1000 ms');
      assert.ok(report.json.durationMs < 2_000, `round took ${report.json.durationMs} ms`);
      // The round is kept for watchers: GET /anti-entropy/rounds?after=N lists those after N.
      const rounds = await request(node.address, 'GET', '/anti-entropy/rounds?after=0');
      assert.equal(rounds.json.latest, 1);
      assert.deepEqual(rounds.json.rounds[0].report, report.json);
      assert.deepEqual(
        (await request(node.address, 'GET', '/anti-entropy/rounds?after=1')).json.rounds,
        [],
      );
      assert.equal(
        (await request(node.address, 'GET', '/anti-entropy/rounds?after=-1')).status,
        400,
      );
    } finally {
      await node.stop();
      await silent.close();
    }
  });
});

describe('store node: process lifecycle', () => {
  it('exits 0 on SIGTERM and frees its port', async () => {
    const port = await freeBasePort(1);
    const node = await launchNode(
      { index: 1, host: '127.0.0.1', port, peers: [], args: [], env: {} },
      { portFlag: '--port' },
    );
    node.kill('SIGTERM');
    const exit = await node.exited;
    assert.deepEqual(exit, { exitCode: 0, signal: undefined });
    await until(
      'the port to be free',
      async () =>
        (await request(`127.0.0.1:${port}`, 'GET', '/health').then(
          () => false,
          () => true,
        )) || undefined,
    );
  });

  it('refuses a port in use with a sentence that names the port', async () => {
    const port = await freeBasePort(1);
    const first = await launchNode(
      { index: 1, host: '127.0.0.1', port, peers: [], args: [], env: {} },
      { portFlag: '--port' },
    );
    try {
      await assert.rejects(
        launchNode(
          { index: 2, host: '127.0.0.1', port, peers: [], args: [], env: {} },
          { portFlag: '--port' },
        ),
        (e: Error & { code?: string }) =>
          e.code === 'port_in_use' &&
          e.message.includes(String(port)) &&
          e.message.includes('--port'),
      );
    } finally {
      await first.stop();
    }
  });
});
