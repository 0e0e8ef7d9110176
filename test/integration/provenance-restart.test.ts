// Provenance on disk: with --data-dir, how a node got each entry (GET /kv's `via`) is kept with
// the entry, so a node started again says the same `via` for every key as before it stopped,
// whichever path brought it: written here, replication, a hint, a read repair or anti-entropy;
// and `ae-demo inspect KEY` says it per node, in words.
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { cli, testCluster } from '../helpers/cli.js';
import { request } from '../helpers/http.js';
import { until } from '../helpers/poll.js';
import { withTempDir } from '../helpers/temp-dir.js';

const put = (at: string, key: string, route = '') =>
  request(at, 'PUT', `/kv/${key}${route}`, JSON.stringify({ value: `${key}_data` }));

/** Each key's `via` on the node at `at`. */
async function vias(at: string, keys: readonly string[]): Promise<Record<string, string>> {
  const read = await Promise.all(
    keys.map(async (k) => [k, (await request(at, 'GET', `/kv/${k}`)).json.via]),
  );
  return Object.fromEntries(read) as Record<string, string>;
}

describe('provenance across a restart', () => {
  it('a node started again from --data-dir says how it got each entry, as before', async () => {
    await withTempDir('ae-demo-via-', async (dir) => {
      const cluster = await testCluster(2, (i) => ['--data-dir', path.join(dir, `node-${i}`)]);
      try {
        const [a, b] = cluster.nodes.map((n) => n.address) as [string, string];
        // The hint first: node 2 is down while node 1 takes the write.
        await cluster.kill(2, 'SIGKILL');
        assert.equal((await put(a, 'by:hint')).json.replication.failed[0].hinted, true);
        await cluster.restart(2);
        await until(
          'the hint to arrive',
          async () => (await vias(b, ['by:hint']))['by:hint'] === 'hint',
        );
        await put(a, 'by:replication');
        await put(b, 'by:client', '/direct');
        await put(a, 'by:read-repair', '/direct');
        assert.equal((await request(a, 'GET', '/kv/by:read-repair?read=all')).status, 200);
        await put(a, 'by:anti-entropy', '/direct');
        await request(b, 'POST', '/anti-entropy/trigger');
        const keys = [
          'by:client',
          'by:replication',
          'by:hint',
          'by:read-repair',
          'by:anti-entropy',
        ];
        const before = await until('every key on node 2', async () => {
          const v = await vias(b, keys);
          return Object.values(v).every(Boolean) ? v : undefined;
        });
        assert.deepEqual(before, Object.fromEntries(keys.map((k) => [k, k.slice(3)])));

        await cluster.kill(2, 'SIGKILL');
        await cluster.restart(2);
        assert.deepEqual(await vias(b, keys), before);
        await cluster.kill(2, 'SIGTERM');
        await cluster.restart(2);
        assert.deepEqual(await vias(b, keys), before, 'and again after a clean stop');
      } finally {
        await cluster.stop();
      }
    });
  });

  it('inspect KEY says per node how it got the version it holds', async () => {
    const cluster = await testCluster(3);
    const [a, b] = cluster.nodes.map((n) => n.address) as [string, string];
    const nodes = cluster.nodes.map((n) => n.address).join(',');
    try {
      await cluster.kill(3, 'SIGKILL');
      await put(a, 'user:alice');
      await cluster.restart(3);
      const c = cluster.nodes[2]!.address;
      await until(
        'the hint to arrive',
        async () => (await vias(c, ['user:alice']))['user:alice'] === 'hint',
      );
      await put(b, 'user:erin', '/direct');
      await request(a, 'GET', '/kv/user:erin?read=all');

      const r = await cli(['inspect', 'user:alice', '--nodes', nodes]);
      assert.equal(r.exitCode, 0, r.stderr);
      const [n1, n2, n3] = cluster.nodes.map((n) => n.id);
      const cells = (id: string, text: string) =>
        text
          .split('\n')
          .find((l) => l.startsWith(`│ ${id} `))
          ?.split('│')
          .map((x) => x.trim());
      assert.equal(cells(n1!, r.stdout)?.at(-2), 'written here');
      assert.equal(cells(n2!, r.stdout)?.at(-2), 'by replication');
      assert.equal(cells(n3!, r.stdout)?.at(-2), 'by hinted handoff');
      assert.match(r.stdout, /All 3 nodes agree/);
      const json = JSON.parse(
        (await cli(['inspect', 'user:erin', '--nodes', nodes, '--json'])).stdout,
      );
      assert.deepEqual(
        json.nodes.map((s: { via: string }) => s.via),
        ['read-repair', 'client', 'read-repair'],
      );
    } finally {
      await cluster.stop();
    }
  });
});
