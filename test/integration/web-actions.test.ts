// The live page's controls without a browser: the node's new interval route (cluster key), and
// the page server refusing forged actions and bad input while changing nothing.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { portRange, portsReleased, testCluster } from '../helpers/cli.js';
import { request } from '../helpers/http.js';
import { freeBasePort } from '../helpers/ports.js';
import { until } from '../helpers/poll.js';
import { readEvents, withLiveRun } from '../helpers/web.js';

const KEY = 'interval-test-key';
const ACTION = { 'x-ae-demo': 'action', 'content-type': 'application/json' };

describe('POST /admin/interval', () => {
  it('needs the cluster key, checks the number, and starts and stops periodic rounds at run time', async () => {
    const cluster = await testCluster(2, ['--cluster-key', KEY, '--ae-interval', '0']);
    const a = cluster.nodes[0]!.address;
    const withKey = { 'x-ae-cluster-key': KEY };
    try {
      assert.equal((await request(a, 'POST', '/admin/interval', '{"ms":100}')).status, 401);
      for (const body of ['{"ms":-1}', '{"ms":"100"}', '{"ms":1.5}', '{}', 'nope'])
        assert.equal(
          (await request(a, 'POST', '/admin/interval', body, withKey)).status,
          400,
          body,
        );
      assert.deepEqual((await request(a, 'GET', '/admin/interval')).json.intervalMs, 0);
      const set = await request(a, 'POST', '/admin/interval', '{"ms":100}', withKey);
      assert.equal(set.status, 200);
      assert.equal(set.json.intervalMs, 100);
      // Rounds now happen on their own.
      await until('periodic rounds', async () => {
        const { json } = await request(a, 'GET', '/anti-entropy/rounds?after=0');
        return json.latest >= 2;
      });
      await request(a, 'POST', '/admin/interval', '{"ms":0}', withKey);
      const after = (await request(a, 'GET', '/anti-entropy/rounds?after=0')).json.latest;
      // A round in progress may still end; then no other starts.
      await request(a, 'POST', '/anti-entropy/trigger');
      const triggered = (await request(a, 'GET', '/anti-entropy/rounds?after=0')).json.latest;
      assert.ok(triggered <= after + 2, `no periodic round after 0 (${after} -> ${triggered})`);
    } finally {
      await cluster.stop();
    }
  });
});

describe('cluster --web: the page controls', () => {
  it('refuse forged requests and bad input, and change nothing', async () => {
    const base = await freeBasePort(3);
    await withLiveRun(['cluster', '--web', '--base-port', String(base)], async ({ child, url }) => {
      const host = new URL(url).host;
      const kill = JSON.stringify({ action: 'kill', node: `node-${base}` });
      const noHeader = await request(host, 'POST', '/action', kill, {
        'content-type': 'application/json',
      });
      assert.equal(noHeader.status, 403);
      assert.equal(noHeader.json.error.code, 'forbidden');
      const foreignHost = await request(host, 'POST', '/action', kill, {
        ...ACTION,
        host: 'evil.example',
      });
      assert.equal(foreignHost.status, 421);
      const foreignOrigin = await request(host, 'POST', '/action', kill, {
        ...ACTION,
        origin: 'http://evil.example',
      });
      assert.equal(foreignOrigin.status, 403);
      const crossSite = await request(host, 'POST', '/action', kill, {
        ...ACTION,
        'sec-fetch-site': 'cross-site',
      });
      assert.equal(crossSite.status, 403);

      const bad = [
        [{ action: 'write', node: `node-${base}`, key: '', value: 'v' }, /The key is empty/],
        [{ action: 'write', node: `node-${base}`, key: 'k', value: 'x'.repeat(2000) }, /at most/],
        [{ action: 'write', node: 'node-1', key: 'k', value: 'v' }, /not a node of this cluster/],
        [{ action: 'restart', node: `node-${base}` }, /is running; only a killed node/],
        [{ action: 'interval', ms: 'soon' }, /whole number of milliseconds/],
      ] as const;
      for (const [body, message] of bad) {
        const answer = await request(host, 'POST', '/action', JSON.stringify(body), ACTION);
        assert.equal(answer.status, 400, JSON.stringify(body));
        assert.match(answer.json.error.message, message);
      }
      assert.equal((await request(host, 'POST', '/action', '{', ACTION)).status, 400);

      // Nothing changed: every node up, empty, cut off from nobody.
      for (const port of portRange(base)) {
        const health = await request(`127.0.0.1:${port}`, 'GET', '/health');
        assert.equal(health.json.keys, 0);
        assert.deepEqual((await request(`127.0.0.1:${port}`, 'GET', '/admin/faults')).json.cut, []);
      }

      // The page's own request does act.
      const write = await request(
        host,
        'POST',
        '/action',
        JSON.stringify({ action: 'write', node: `node-${base}`, key: 'k', value: 'v' }),
        { ...ACTION, origin: `http://${host}`, 'sec-fetch-site': 'same-origin' },
      );
      assert.equal(write.status, 200, write.text);
      assert.match(write.json.message, /Wrote k on node-\d+, acked by 2 peers\./);
      child.kill('SIGINT');
      assert.equal((await child).exitCode, 130);
    });
    await portsReleased(portRange(base));
  });
});

describe('run --web --keep: the page controls', () => {
  it('stay hidden while the scenario plays and appear once it has ended', async () => {
    const base = await freeBasePort(3);
    const args = ['run', '--web', '--keep', '--keys', '50', '--base-port', String(base)];
    await withLiveRun(args, async ({ child, url }) => {
      const host = new URL(url).host;
      const events = await readEvents(url, (event) => event.type === 'controls');
      const end = events.findIndex((e) => e.type === 'end');
      const controls = events.findIndex((e) => e.type === 'controls');
      assert.ok(end >= 0 && end < controls, 'the controls come after the end of the story');
      assert.deepEqual(events[controls], { type: 'controls', shown: true, killed: [] });
      const trigger = await request(
        host,
        'POST',
        '/action',
        JSON.stringify({ action: 'trigger', node: `node-${base}` }),
        ACTION,
      );
      assert.equal(trigger.status, 200, trigger.text);
      assert.match(trigger.json.message, /Anti-entropy round on node-\d+: 0 repaired/);
      child.kill('SIGINT');
      await child.catch(() => undefined);
    });
    await portsReleased(portRange(base));
  });
});
