// chaos's network faults in the simulator: latency drawn from a distribution, loss, duplication
// and reordering, seeded and replayable; lost messages sent again; and the convergence times
// reported as quantiles in the shape chaos reports them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { simulate, type SimOptions } from '../../../src/sim/simulate.js';
import { SIM_DEFAULTS } from '../../../src/sim/constants.js';

const small: SimOptions = {
  ...SIM_DEFAULTS,
  nodes: 16,
  keys: 100,
  writes: 8,
  selection: 'random',
  strategy: 'merkle',
  maxRounds: 200,
};

const hostile: SimOptions = {
  ...small,
  latency: { dist: 'exponential', meanMs: 20 },
  loss: 0.2,
  duplicate: 0.2,
  reorder: 0.2,
};

test('every network fault at once: the same root as a calm network, and the same JSON again', async () => {
  const calm = await simulate(small);
  const a = await simulate(hostile);
  const b = await simulate(hostile);
  assert.equal(JSON.stringify(a), JSON.stringify(b));
  assert.equal(a.converged, true);
  assert.equal(a.root, calm.root);
  assert.ok(a.lostMessages > 0 && a.duplicatedMessages > 0, 'messages were lost and duplicated');
  assert.ok(a.retries > 0, 'lost messages were sent again');
  assert.equal(calm.duplicatedMessages, 0);
  assert.equal(calm.retries, 0);
});

test('each strategy converges under loss and duplication', async () => {
  for (const strategy of ['riblt', 'full'] as const) {
    const r = await simulate({ ...hostile, strategy });
    assert.equal(r.converged, true, strategy);
  }
});

test('a slower latency distribution makes convergence slower', async () => {
  const fast = await simulate({ ...small, latency: { dist: 'fixed', ms: 1 } });
  const slow = await simulate({ ...small, latency: { dist: 'uniform', minMs: 150, maxMs: 250 } });
  assert.ok(
    slow.convergenceMs.p50 > fast.convergenceMs.p50,
    `${slow.convergenceMs.p50} ms against ${fast.convergenceMs.p50} ms`,
  );
});

test('convergenceMs: every replica counted, the slowest is the max, measured from the last write', async () => {
  const r = await simulate(small);
  const q = r.convergenceMs;
  assert.equal(q.count, small.nodes);
  assert.ok(q.p50 <= q.p95 && q.p95 <= q.max);
  // The writes are made before the first round, at time 0.
  assert.equal(q.max, r.slowest!.atMs);
});

test('convergenceMs after a partition counts from its heal', async () => {
  const toMs = 8_000;
  const r = await simulate({ ...small, partition: { fromMs: 0, toMs } });
  assert.equal(r.converged, true);
  assert.ok(r.convergenceMs.max <= r.simulatedMs - toMs, JSON.stringify(r.convergenceMs));
  assert.equal(r.convergenceMs.max, Math.round((r.slowest!.atMs - toMs) * 1000) / 1000);
});

test('no replica converged: no quantile', async () => {
  const r = await simulate({ ...small, loss: 1, maxRounds: 3 });
  assert.equal(r.converged, false);
  // The writers hold their own writes only: none holds every write.
  assert.deepEqual(r.convergenceMs, { p50: 0, p95: 0, max: 0, count: 0 });
});
