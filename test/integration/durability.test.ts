// --data-dir: a node killed with SIGKILL right after acknowledging writes restarts with all of them.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { launchNode } from '../../src/cluster/launcher.js';
import { request } from '../helpers/http.js';
import { freeBasePort } from '../helpers/ports.js';
import { withTempDir } from '../helpers/temp-dir.js';

describe('durable storage', () => {
  it('keeps every acknowledged write, tombstones and the clock across kill -9', async () => {
    await withTempDir('ae-demo-test-', async (dir) => {
      const port = await freeBasePort(1);
      const spec = {
        index: 1,
        host: '127.0.0.1',
        port,
        peers: [],
        args: ['--data-dir', dir, '--ae-interval', '0'],
        env: {},
      };
      const first = await launchNode(spec, { portFlag: '--port' });
      const acked = new Map<string, unknown>();
      await Promise.all(
        Array.from({ length: 200 }, async (_, i) => {
          const res = await request(
            first.address,
            'PUT',
            `/kv/k${i}${i % 2 ? '/direct' : ''}`,
            JSON.stringify({ value: `v${i}` }),
          );
          assert.equal(res.status, 200);
          acked.set(`k${i}`, res.json);
        }),
      );
      await request(
        first.address,
        'POST',
        '/kv',
        JSON.stringify({
          items: Array.from({ length: 300 }, (_, i) => ({ key: `b${i}`, value: `batch${i}` })),
        }),
      );
      const deleted = await request(first.address, 'DELETE', '/kv/k7');
      const root = (await request(first.address, 'GET', '/merkle/snapshot')).json.root;
      first.kill('SIGKILL');
      assert.equal((await first.exited).signal, 'SIGKILL');

      const second = await launchNode(spec, { portFlag: '--port' });
      try {
        assert.equal(
          (await request(second.address, 'GET', '/merkle/snapshot')).json.root,
          root,
          'the same entries, so the same root',
        );
        for (const [key, res] of acked) {
          if (key === 'k7') continue;
          const read = await request(second.address, 'GET', `/kv/${key}`);
          assert.deepEqual(read.json.version, (res as { version: unknown }).version, key);
        }
        assert.equal((await request(second.address, 'GET', '/kv/b299')).json.value, 'batch299');
        const tomb = await request(second.address, 'GET', '/kv/k7');
        assert.equal(tomb.json.deleted, true);
        const next = await request(second.address, 'PUT', '/kv/k7', '{"value": "after restart"}');
        assert.ok(
          next.json.version.wall > deleted.json.version.wall ||
            next.json.version.logical > deleted.json.version.logical,
          'the clock resumed past what was stored',
        );
      } finally {
        await second.stop();
      }
    });
  });

  it('a data directory that cannot be used fails with a sentence (exit 3)', async () => {
    const port = await freeBasePort(1);
    await withTempDir('ae-demo-test-', async (dir) => {
      const file = path.join(dir, 'a-file');
      writeFileSync(file, 'not a directory');
      await assert.rejects(
        launchNode(
          {
            index: 1,
            host: '127.0.0.1',
            port,
            peers: [],
            args: ['--data-dir', path.join(file, 'data')],
            env: {},
          },
          { portFlag: '--port' },
        ),
        (e: Error) => /Cannot open the data directory/.test(e.message),
      );
    });
  });
});
