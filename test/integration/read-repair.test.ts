// Read repair and provenance on real node processes over HTTP, with and without --data-dir:
// GET /kv/{key}?read=all answers the newest among every replica and writes it to the stale
// ones before answering; 404 for a newest tombstone or a key nobody has; any other read value
// is a 400; every entry says how its node got it (via).
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { startCluster, type Cluster } from '../../src/cluster/cluster.js';
import { request } from '../helpers/http.js';
import { freeBasePort } from '../helpers/ports.js';
import { withTempDir } from '../helpers/temp-dir.js';

const stats = async (at: string) => (await request(at, 'GET', '/stats')).json;
const sorted = (list: string[]) => [...list].sort();

for (const durable of [false, true]) {
  describe(`read repair${durable ? ' with --data-dir' : ''}`, () => {
    async function withCluster(fn: (c: Cluster, at: string[]) => Promise<void>) {
      await withTempDir('ae-demo-read-repair-', async (dir) => {
        const cluster = await startCluster({
          count: 3,
          basePort: await freeBasePort(3),
          portFlag: '--base-port',
          nodeArgs: (i) => [
            '--ae-interval',
            '0',
            ...(durable ? ['--data-dir', path.join(dir, `n${i}`)] : []),
          ],
        });
        try {
          await fn(
            cluster,
            cluster.nodes.map((n) => n.address),
          );
        } finally {
          await cluster.stop();
        }
      });
    }

    it('repairs every stale replica before answering, and each says how it got the entry', async () => {
      await withCluster(async (_, [a, b, c]) => {
        const written = (
          await request(a!, 'PUT', '/kv/user:alice/direct', '{"value": "alice_data"}')
        ).json;
        assert.equal((await request(a!, 'GET', '/kv/user:alice')).json.via, 'client');
        const read = await request(b!, 'GET', '/kv/user:alice?read=all');
        assert.equal(read.status, 200);
        assert.equal(read.json.value, 'alice_data');
        assert.deepEqual(read.json.version, written.version);
        assert.equal(read.json.via, 'read-repair');
        assert.deepEqual(sorted(read.json.readRepair.repaired), sorted([b!, c!]));
        assert.deepEqual(read.json.readRepair.unreachable, []);
        // Written before the answer: no wait, no round.
        const third = (await request(c!, 'GET', '/kv/user:alice')).json;
        assert.equal(third.value, 'alice_data');
        assert.equal(third.via, 'read-repair');
        assert.equal((await stats(c!)).repaired.readRepair, 1);
        assert.equal((await stats(b!)).repaired.readRepair, 1);
        assert.equal((await stats(a!)).repaired.readRepair, 0);
        // A replicated write lands as replication on its peers.
        await request(a!, 'PUT', '/kv/user:bob', '{"value": "bob_data"}');
        assert.equal((await request(c!, 'GET', '/kv/user:bob')).json.via, 'replication');
        const again = await request(b!, 'GET', '/kv/user:alice?read=all');
        assert.deepEqual(again.json.readRepair, { repaired: [], unreachable: [] });
      });
    });

    it('404 when the newest is a tombstone (repaired everywhere) or nobody has the key', async () => {
      await withCluster(async (_, [a, b, c]) => {
        await request(a!, 'PUT', '/kv/k', '{"value": "v"}');
        await request(a!, 'DELETE', '/kv/k/direct');
        const read = await request(c!, 'GET', '/kv/k?read=all');
        assert.equal(read.status, 404);
        assert.equal(read.json.error.code, 'not_found');
        assert.equal(read.json.deleted, true);
        assert.deepEqual(sorted(read.json.readRepair.repaired), sorted([b!, c!]));
        const local = await request(b!, 'GET', '/kv/k');
        assert.equal(local.status, 404);
        assert.equal(local.json.deleted, true);
        const nobody = await request(a!, 'GET', '/kv/never?read=all');
        assert.equal(nobody.status, 404);
        assert.deepEqual(nobody.json.readRepair, { repaired: [], unreachable: [] });
      });
    });

    it('a peer that does not answer is listed as unreachable; any other read is a 400', async () => {
      await withCluster(async (cluster, [a, b, c]) => {
        await request(a!, 'PUT', '/kv/k/direct', '{"value": "v"}');
        await cluster.kill(3, 'SIGKILL');
        const read = (await request(a!, 'GET', '/kv/k?read=all')).json;
        assert.deepEqual(read.readRepair, { repaired: [b!], unreachable: [c!] });
        assert.equal((await request(a!, 'GET', '/kv/k?read=one')).json.value, 'v');
        const bad = await request(a!, 'GET', '/kv/k?read=quorum');
        assert.equal(bad.status, 400);
        assert.equal(bad.json.error.code, 'bad_request');
      });
    });
  });
}
