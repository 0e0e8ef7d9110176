import { test } from 'node:test';
import assert from 'node:assert/strict';
import { simulate, type SimOptions } from '../../../src/sim/simulate.js';
import { SIM_DEFAULTS } from '../../../src/sim/constants.js';
import { selector } from '../../../src/sim/selection.js';
import { rng } from '../../../src/sim/random.js';

const small: SimOptions = {
  ...SIM_DEFAULTS,
  nodes: 12,
  keys: 100,
  writes: 8,
  selection: 'random',
  strategy: 'merkle',
  maxRounds: 200,
};

test('the same seed gives identical JSON; another seed another run', async () => {
  const a = JSON.stringify(await simulate({ ...small, loss: 0.05, churn: 0.05 }));
  const b = JSON.stringify(await simulate({ ...small, loss: 0.05, churn: 0.05 }));
  const c = JSON.stringify(await simulate({ ...small, loss: 0.05, churn: 0.05, seed: 2 }));
  assert.equal(a, b);
  assert.notEqual(a, c);
});

test('every strategy converges to the same root', async () => {
  const roots = new Set<string | null>();
  for (const strategy of ['merkle', 'riblt', 'full'] as const) {
    const r = await simulate({ ...small, nodes: 6, strategy });
    assert.equal(r.converged, true, strategy);
    assert.equal(r.perInterval.at(-1)!.converged, 6);
    roots.add(r.root);
  }
  assert.equal(roots.size, 1);
});

test('loss 100% never converges and stops at --max-rounds', async () => {
  const r = await simulate({ ...small, loss: 1, maxRounds: 6 });
  assert.equal(r.converged, false);
  assert.equal(r.rounds, 6);
  assert.equal(r.root, null);
  assert.equal(r.lostMessages, r.messages);
  assert.ok(r.messages > 0);
});

test('a partition that heals converges after the heal, not before', async () => {
  const r = await simulate({ ...small, writes: 20, partition: { fromMs: 0, toMs: 15_000 } });
  assert.equal(r.converged, true);
  assert.ok(r.simulatedMs >= 15_000, `converged at ${r.simulatedMs} ms, inside the partition`);
  const during = r.perInterval.filter((row) => row.timeMs < 15_000);
  assert.ok(during.every((row) => row.converged < 12));
});

test('churn loses no acknowledged write: all writes made during crashes reach every replica', async () => {
  const r = await simulate({
    ...small,
    writes: 0,
    writeRate: 5,
    writeForMs: 8_000,
    churn: 0.2,
    downMs: 2_500,
  });
  assert.ok(r.crashes > 0);
  assert.ok(r.writes > 20);
  // Converged means every replica's root equals the reference that took every write.
  assert.equal(r.converged, true);
});

test('ring selection needs more rounds than random selection at N = 64', async () => {
  const random = await simulate({ ...small, nodes: 64 });
  const ring = await simulate({ ...small, nodes: 64, selection: 'ring' });
  assert.ok(ring.rounds > random.rounds, `ring ${ring.rounds}, random ${random.rounds}`);
  assert.ok(random.rounds <= random.epidemic.log3N + 4);
});

test('random push-pull gossip takes log3 N rounds and a few more, as theory says', async () => {
  for (const nodes of [16, 256, 1024]) {
    const r = await simulate({ ...small, nodes, writes: 1 });
    assert.equal(r.epidemic.log3N, Math.round((Math.log(nodes) / Math.log(3)) * 1000) / 1000);
    const beyond = r.rounds - r.epidemic.log3N;
    // A round begun counts whole, and the last few replicas take O(ln ln N) rounds more.
    assert.ok(
      beyond > 0 && beyond <= 3,
      `N=${nodes}: ${r.rounds} rounds, log3 N = ${r.epidemic.log3N}`,
    );
    // Fewer than log2 N from 256 replicas on: the replicas that hold a write triple, not double.
    if (nodes >= 256) assert.ok(r.rounds < Math.log2(nodes), `N=${nodes}: ${r.rounds} rounds`);
  }
});

test('selection: ring takes the next K, random K distinct others, all the rest', () => {
  assert.deepEqual(selector('ring', 5, 2, rng(1))(4), [0, 1]);
  assert.deepEqual(selector('all', 4, 1, rng(1))(2), [0, 1, 3]);
  const pick = selector('random', 10, 3, rng(1));
  for (let i = 0; i < 50; i++) {
    const peers = pick(i % 10);
    assert.equal(new Set(peers).size, 3);
    assert.ok(!peers.includes(i % 10));
  }
});
