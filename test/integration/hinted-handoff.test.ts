// Hinted handoff on real node processes over HTTP: a write a peer misses is kept as a hint and
// replayed when the peer answers again, with no anti-entropy round; an old hint never overwrites
// newer data; an expired hint is dropped and only anti-entropy repairs its write; hints survive
// a restart of the node that holds them (--data-dir); a hint never outlives the tombstone ttl.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type Cluster } from '../../src/cluster/cluster.js';
import { launchNode } from '../../src/cluster/launcher.js';
import { testCluster } from '../helpers/cli.js';
import { request } from '../helpers/http.js';
import { until } from '../helpers/poll.js';
import { freeBasePort } from '../helpers/ports.js';
import { withTempDir } from '../helpers/temp-dir.js';

const put = (at: string, key: string, value: string) =>
  request(at, 'PUT', `/kv/${key}`, JSON.stringify({ value }));
const stats = async (at: string) => (await request(at, 'GET', '/stats')).json;
const cut = (at: string, peer: string) =>
  request(at, 'POST', '/admin/partition', JSON.stringify({ peers: [peer] }));
const heal = (at: string) => request(at, 'POST', '/admin/heal', '{}');

/** Waits until the key reads `value` at `at`; returns the read. */
const holds = (at: string, key: string, value: string) =>
  until(`${key} = ${value} on ${at}`, async () => {
    const r = await request(at, 'GET', `/kv/${key}`);
    return r.status === 200 && r.json.value === value ? r.json : undefined;
  });

async function withCluster(count: number, args: string[], fn: (c: Cluster) => Promise<void>) {
  const cluster = await testCluster(count, args);
  try {
    await fn(cluster);
  } finally {
    await cluster.stop();
  }
}

describe('hinted handoff', () => {
  it('keeps a write a peer missed and replays it when the peer is back, with no round', async () => {
    await withCluster(2, [], async (cluster) => {
      const [a, b] = cluster.nodes.map((n) => n.address) as [string, string];
      await cluster.kill(2, 'SIGKILL');
      const written = (await put(a, 'user:alice', 'alice_data')).json;
      assert.deepEqual(written.replication.acked, []);
      assert.equal(written.replication.failed[0].peer, b);
      assert.equal(written.replication.failed[0].hinted, true);
      await put(a, 'user:bob', 'bob_data');
      assert.deepEqual((await stats(a)).hints, {
        enabled: true,
        pending: 2,
        stored: 2,
        replayed: 0,
        expired: 0,
        refused: 0,
      });

      await cluster.restart(2);
      const read = await holds(b, 'user:alice', 'alice_data');
      assert.equal(read.via, 'hint');
      assert.deepEqual(read.version, written.version);
      await holds(b, 'user:bob', 'bob_data');
      const held = await until('the hints to be gone', async () => {
        const s = await stats(a);
        return s.hints.pending === 0 ? s : undefined;
      });
      assert.equal(held.hints.replayed, 2);
      const back = await stats(b);
      assert.equal(back.repaired.hint, 2);
      assert.equal(back.repaired.antiEntropy, 0);
      assert.equal(held.antiEntropy.rounds + back.antiEntropy.rounds, 0, 'no anti-entropy round');
    });
  });

  it('an old hint never overwrites newer data', async () => {
    await withCluster(2, [], async (cluster) => {
      const [a, b] = cluster.nodes.map((n) => n.address) as [string, string];
      await cut(a, b);
      const old = (await put(a, 'user:alice', 'old')).json;
      assert.equal(old.replication.failed[0].hinted, true);
      await request(b, 'PUT', '/kv/user:alice/direct', '{"value": "newer"}');
      await heal(a);
      await until('the hint to be replayed', async () => (await stats(a)).hints.replayed === 1);
      const read = (await request(b, 'GET', '/kv/user:alice')).json;
      assert.equal(read.value, 'newer');
      assert.equal(read.via, 'client');
      assert.equal((await stats(b)).repaired.hint, 0);
    });
  });

  it('an expired hint is dropped; only anti-entropy brings its write', async () => {
    await withCluster(2, ['--hint-window', '300ms'], async (cluster) => {
      const [a, b] = cluster.nodes.map((n) => n.address) as [string, string];
      await cut(a, b);
      await put(a, 'user:alice', 'alice_data');
      await until('the hint to expire', async () => (await stats(a)).hints.expired === 1);
      assert.equal((await stats(a)).hints.pending, 0);
      await heal(a);
      assert.equal((await request(b, 'GET', '/kv/user:alice')).status, 404);
      await request(a, 'POST', '/anti-entropy/trigger');
      assert.equal((await holds(b, 'user:alice', 'alice_data')).via, 'anti-entropy');
      assert.equal((await stats(b)).repaired.antiEntropy, 1);
    });
  });

  it('takes --hints and --hint-window from AE_HINTS and AE_HINT_WINDOW', async () => {
    const port = await freeBasePort(1);
    const spec = { index: 1, host: '127.0.0.1', port, peers: [], args: [] };
    const env = { AE_HINTS: 'off', AE_HINT_WINDOW: '2s' };
    const node = await launchNode({ ...spec, env }, { portFlag: '--port' });
    try {
      const hints = (await request(node.address, 'GET', '/admin/hints')).json;
      assert.deepEqual(hints, {
        node: node.id,
        enabled: false,
        keepMs: 2000,
        pending: 0,
        refused: 0,
      });
    } finally {
      await node.stop();
    }
  });

  it('hints off: a missed write is not hinted', async () => {
    await withCluster(2, ['--hints', 'off'], async (cluster) => {
      const [a, b] = cluster.nodes.map((n) => n.address) as [string, string];
      await cut(a, b);
      const written = (await put(a, 'k', 'v')).json;
      assert.equal(written.replication.failed[0].hinted, false);
      assert.equal((await stats(a)).hints.stored, 0);
      assert.equal((await stats(a)).hints.enabled, false);
      const on = await request(a, 'POST', '/admin/hints', '{"enabled": true}');
      assert.equal(on.json.enabled, true);
      assert.equal((await stats(a)).hints.enabled, true);
      assert.equal((await put(a, 'k2', 'v')).json.replication.failed[0].hinted, true);
      const bad = await request(a, 'POST', '/admin/hints', '{"enabled": "yes"}');
      assert.equal(bad.status, 400);
      assert.equal(bad.json.error.code, 'bad_request');
    });
  });

  it('with --data-dir, hints survive a restart of the node that holds them', async () => {
    await withTempDir('ae-demo-hints-', async (dir) => {
      // Only node 1 keeps its data on disk here: node 2 starts empty when it comes back.
      const cluster = await testCluster(2, (i) => (i === 1 ? ['--data-dir', dir] : []));
      try {
        const [a, b] = cluster.nodes.map((n) => n.address) as [string, string];
        await cluster.kill(2, 'SIGKILL');
        const written = (await put(a, 'user:alice', 'alice_data')).json;
        assert.equal(written.replication.failed[0].hinted, true);
        await request(a, 'DELETE', '/kv/user:gone');
        await cluster.kill(1, 'SIGKILL');
        await cluster.restart(1);
        assert.equal((await stats(a)).hints.pending, 2, 'both hints came back from disk');
        await cluster.restart(2);
        assert.equal((await holds(b, 'user:alice', 'alice_data')).via, 'hint');
        await until('the tombstone hint to arrive', async () => {
          const r = await request(b, 'GET', '/kv/user:gone');
          return r.status === 404 && r.json.deleted === true;
        });
        await until('the hints to be gone', async () => (await stats(a)).hints.pending === 0);
        await cluster.kill(1, 'SIGKILL');
        await cluster.restart(1);
        assert.equal((await stats(a)).hints.pending, 0, 'delivered hints are gone from disk');
      } finally {
        await cluster.stop();
      }
    });
  });

  it('a hint older than the tombstone ttl never brings a deleted value back', async () => {
    // A is cut from B only. A's write reaches C and is hinted for B; C's delete reaches A and
    // B. Once the tombstones are purged, a replayed hint would bring the value back on B (and
    // anti-entropy everywhere): the hint must be gone first, whatever --hint-window says.
    await withCluster(3, ['--tombstone-ttl', '1500ms', '--hint-window', '3h'], async (cluster) => {
      const [a, b, c] = cluster.nodes.map((n) => n.address) as [string, string, string];
      await cut(a, b);
      await cut(b, a);
      const written = (await put(a, 'user:alice', 'alive')).json;
      assert.deepEqual(written.replication.acked, [c]);
      assert.equal(written.replication.failed[0].hinted, true);
      const deleted = (await request(c, 'DELETE', '/kv/user:alice')).json;
      assert.deepEqual(deleted.replication.acked.sort(), [a, b].sort());
      await until('the hint to expire', async () => (await stats(a)).hints.expired === 1, 10_000);
      await until('every tombstone to be purged', async () => {
        const snaps = await Promise.all(
          [a, b, c].map(async (n) => (await request(n, 'GET', '/merkle/snapshot')).json),
        );
        return snaps.every((s) => s.count === 0);
      });
      assert.equal((await stats(a)).hints.pending, 0);
      await heal(a);
      await heal(b);
      for (const n of [a, b, c]) await request(n, 'POST', '/anti-entropy/trigger');
      for (const n of [a, b, c])
        assert.equal((await request(n, 'GET', '/kv/user:alice')).status, 404, n);
    });
  });
});
