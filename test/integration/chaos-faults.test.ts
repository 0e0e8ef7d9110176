// chaos with each network fault, on seeds no other test uses, on real processes: the promise
// holds (nothing acknowledged lost, every node identical after the heal) and convergence is
// timed. Then the shrinker on a deliberately broken build: a node that acknowledges writes it
// drops while it is cut off (injected here, in the test's own wrapper around the client, so it
// cannot reach a user's run); the shrunk schedule still fails, is shorter, and passes on the
// sound nodes.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { chaos } from '../../demo/chaos.js';
import { play } from '../../demo/chaos/play.js';
import type { ChaosCluster } from '../../demo/chaos/settle.js';
import type { NodeClient } from '../../src/cluster/client.js';
import type { Cluster } from '../../src/cluster/cluster.js';
import { NETWORK_FAULT_KINDS } from '../../src/story/chaos.js';
import { cli, portRange, portsReleased, testCluster } from '../helpers/cli.js';
import { freeBasePort } from '../helpers/ports.js';

/** Seeds of this file only, one per kind (and one for all of them). */
const SEED_BASE = 7100;

describe('chaos with network faults', () => {
  for (const [i, kind] of [...NETWORK_FAULT_KINDS, 'all'].entries()) {
    it(`--faults ${kind}: nothing acknowledged lost, one root after each heal`, async () => {
      const base = await freeBasePort(3);
      const seed = String(SEED_BASE + i);
      const args = ['chaos', '--seed', seed, '--ops', '40', '--faults', kind, '--json'];
      const r = await cli([...args, '--base-port', String(base)], { timeoutMs: 120_000 });
      assert.equal(r.exitCode, 0, r.stdout + r.stderr);
      const report = JSON.parse(r.stdout);
      assert.deepEqual(report.violations, []);
      const injected = kind === 'all' ? NETWORK_FAULT_KINDS : [kind];
      assert.ok(
        injected.some((k) => report.counts[k] > 0),
        `the run injected ${kind}: ${JSON.stringify(report.counts)}`,
      );
      assert.ok(report.convergenceMs.count >= 2, 'a round every 25 operations and one at the end');
      assert.ok(report.convergenceMs.p50 <= report.convergenceMs.p95);
      assert.ok(report.convergenceMs.p95 <= report.convergenceMs.max);
      await portsReleased(portRange(base));
    });
  }
});

/**
 * The deliberately broken build: node 2, while it has cut itself off from a peer, acknowledges
 * a put with a fresh version and writes nothing. A proxy over the real client, nothing else.
 */
function broken(cluster: Cluster): ChaosCluster {
  const sound = cluster.clients[1]!;
  let cut = false;
  const liar = new Proxy(sound, {
    get(target, name) {
      if (name === 'partition') return (peers: string[]) => ((cut = true), target.partition(peers));
      if (name === 'heal') return (peers?: string[]) => ((cut = false), target.heal(peers));
      if (name === 'put' && cut)
        return (key: string, value: string) =>
          Promise.resolve({
            key,
            value,
            version: { wall: Date.now() * 1000, logical: 0, node: cluster.nodes[1]!.id },
            replication: null,
          });
      const value = Reflect.get(target, name) as unknown;
      return typeof value === 'function' ? value.bind(target) : value;
    },
  }) as NodeClient;
  return {
    clients: cluster.clients.map((c, i) => (i === 1 ? liar : c)),
    nodes: cluster.nodes,
    kill: (i, signal) => cluster.kill(i, signal),
    restart: (i) => cluster.restart(i),
    canKill: true,
  };
}

describe('chaos shrinker on a broken build', () => {
  let cluster: Cluster;
  before(async () => {
    cluster = await testCluster(3, ['--ae-interval', '250']);
  });
  after(() => cluster.stop());

  it('shrinks a failing schedule to a shorter one that still fails, and only on the bug', async () => {
    const seed = SEED_BASE + 50;
    const plan = {
      seed,
      ops: 40,
      faults: ['partition' as const],
      shrink: true,
      conflicts: 'lww' as const,
    };
    const report = await chaos(broken(cluster), plan, () => undefined);
    assert.ok(report.violations.length > 0, 'the broken build fails');
    const shrunk = report.shrunk!;
    assert.ok(shrunk.violations.length > 0, 'the shrunk schedule failed when it was found');
    assert.ok(shrunk.schedule.steps.length < report.ops, `${shrunk.schedule.steps.length} steps`);
    const ops = shrunk.schedule.steps.map((s) => s.op);
    assert.ok(ops.includes('partition') && ops.includes('put'), ops.join(' '));
    const again = await play(broken(cluster), shrunk.schedule, {
      seed,
      tag: 'again:',
      progress: () => {},
    });
    assert.ok(again.violations.length > 0, 'replayed, it still fails');
    const fixed = await play(cluster, shrunk.schedule, { seed, tag: 'sound:', progress: () => {} });
    assert.deepEqual(fixed.violations, [], 'on the sound nodes it passes');
  });
});
