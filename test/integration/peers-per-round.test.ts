// --ae-peers-per-round on real node processes: a bad K is refused before anything starts; with
// K = 1 the nodes' own rounds each talk to one peer and still converge five nodes (polled, with a
// deadline); a trigger still talks to every peer; `run` passes K on and says it in --json.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cli, portsReleased, portRange, testCluster } from '../helpers/cli.js';
import { request } from '../helpers/http.js';
import { freeBasePort, portIsFree } from '../helpers/ports.js';
import { until } from '../helpers/poll.js';

const NODES = 5;
const INTERVAL_MS = 150;
const CONVERGE_DEADLINE_MS = 30_000;

interface Stats {
  peersPerRound: number;
  antiEntropy: { rounds: number; peersContacted: number };
}

describe('peers per round (--ae-peers-per-round)', () => {
  it('a K that is not a whole number from 1 exits 2 naming the flag, and starts nothing', async () => {
    const base = await freeBasePort(3);
    for (const bad of ['0', '-1', '1.5', 'two', '']) {
      for (const args of [
        ['node', '--port', String(base), `--ae-peers-per-round=${bad}`],
        ['run', '--base-port', String(base), '--ae-peers-per-round', bad],
        ['cluster', '--base-port', String(base), '--ae-peers-per-round', bad],
        ['chaos', '--base-port', String(base), '--ae-peers-per-round', bad],
      ]) {
        const r = await cli(args);
        const what = `${args.join(' ')}: ${r.stderr}`;
        assert.equal(r.exitCode, 2, what);
        assert.match(r.stderr, /^error: .*--ae-peers-per-round/m, what);
        assert.doesNotMatch(r.stdout, /listening|nodes up/, what);
        assert.ok(await portIsFree(base), `nothing listens on ${base}: ${what}`);
      }
    }
  });

  it('with K = 1 each timed round talks to one peer, and five nodes converge by those rounds alone', async () => {
    const cluster = await testCluster(NODES, [
      '--ae-interval',
      String(INTERVAL_MS),
      '--ae-peers-per-round',
      '1',
    ]);
    const addresses = cluster.nodes.map((n) => n.address);
    const stats = (a: string) =>
      request(a, 'GET', '/stats').then((r) => r.json as unknown as Stats);
    try {
      await request(addresses[0]!, 'PUT', '/kv/user:kim/direct', '{"value": "kim_from_node1"}');
      await request(addresses[3]!, 'PUT', '/kv/user:lee/direct', '{"value": "lee_from_node4"}');
      await until(
        'one root on all five nodes',
        async () => {
          const roots = await Promise.all(
            addresses.map(async (a) => (await request(a, 'GET', '/merkle/snapshot')).json.root),
          );
          return new Set(roots).size === 1;
        },
        CONVERGE_DEADLINE_MS,
      );
      for (const a of addresses) {
        assert.equal((await request(a, 'GET', '/kv/user:kim')).json.value, 'kim_from_node1', a);
        assert.equal((await request(a, 'GET', '/kv/user:lee')).json.value, 'lee_from_node4', a);
      }
      const all = await Promise.all(addresses.map(stats));
      for (const [i, s] of all.entries()) {
        assert.equal(s.peersPerRound, 1, addresses[i]);
        assert.equal(
          s.antiEntropy.peersContacted,
          s.antiEntropy.rounds,
          `${addresses[i]}: one peer per round`,
        );
      }
      assert.ok(all.reduce((n, s) => n + s.antiEntropy.rounds, 0) >= NODES - 1);
      const metrics = (await request(addresses[0]!, 'GET', '/metrics')).text;
      assert.match(metrics, /^ae_peers_per_round 1$/m);
      assert.match(metrics, /^ae_round_peers_total \d+$/m);

      const report = (await request(addresses[0]!, 'POST', '/anti-entropy/trigger')).json;
      assert.deepEqual(
        report.peers.map((p: { peer: string }) => p.peer),
        addresses.slice(1),
        'a trigger talks to every peer, whatever K is',
      );
    } finally {
      await cluster.stop();
    }
  });

  it('run --scenario periodic --nodes 5 --ae-peers-per-round 1 converges and says K in --json', async () => {
    const base = await freeBasePort(NODES);
    const r = await cli(
      [
        'run',
        '--scenario',
        'periodic',
        '--nodes',
        String(NODES),
        '--ae-peers-per-round',
        '1',
        '--keys',
        '200',
        '--base-port',
        String(base),
        '--json',
      ],
      { timeoutMs: 120_000 },
    );
    assert.equal(r.exitCode, 0, r.stderr);
    const doc = JSON.parse(r.stdout) as { converged: boolean; peersPerRound: number | null };
    assert.equal(doc.converged, true);
    assert.equal(doc.peersPerRound, 1);
    await portsReleased(portRange(base, NODES));
  });
});
