// Chaos's schedules, made before anything is played: the same seed makes the same schedule,
// only the kinds asked for are injected, every kill is followed by its restart, and every
// step names nodes of the cluster.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { makeSchedule, SETTLE_EVERY_OPS } from '../../../demo/chaos/schedule.js';
import { FAULT_KINDS, type Step } from '../../../src/story/chaos.js';

const FAULT_OPS = new Set<string>(FAULT_KINDS);

describe('chaos schedule', () => {
  it('the same seed, the same schedule; another seed, another', () => {
    assert.deepEqual(makeSchedule(5, 3, 200, FAULT_KINDS), makeSchedule(5, 3, 200, FAULT_KINDS));
    assert.notDeepEqual(makeSchedule(5, 3, 200, FAULT_KINDS), makeSchedule(6, 3, 200, FAULT_KINDS));
  });

  it('only the kinds asked for are injected, and with all of them each one is', () => {
    const onlyLoss = makeSchedule(9, 3, 400, ['loss']).steps.filter((s) => FAULT_OPS.has(s.op));
    assert.ok(onlyLoss.length > 0 && onlyLoss.every((s) => s.op === 'loss'));
    const ops = new Set(makeSchedule(9, 3, 1000, FAULT_KINDS).steps.map((s) => s.op));
    for (const kind of FAULT_KINDS) assert.ok(ops.has(kind), kind);
  });

  it('ids number the steps; every kill is restarted before the next settle; nodes are 1..n', () => {
    const { steps } = makeSchedule(13, 4, 300, FAULT_KINDS);
    assert.deepEqual(
      steps.map((s) => s.id),
      steps.map((_, i) => i),
    );
    const down = new Set<number>();
    for (const s of steps) {
      if (s.op === 'crash') down.add(s.node);
      if (s.op === 'restart') down.delete(s.node);
      if (s.op === 'settle') assert.equal(down.size, 0, `a node is down at settle ${s.id}`);
      if ('node' in s) assert.ok(s.node >= 1 && s.node <= 4);
    }
    assert.equal(steps.at(-1)?.op, 'settle');
    const settles = steps.filter((s) => s.op === 'settle').length;
    assert.equal(settles, Math.ceil(300 / SETTLE_EVERY_OPS));
  });

  it('a bridge splits the others into two halves and keeps its node in neither', () => {
    const bridges = makeSchedule(21, 5, 2000, ['bridge']).steps.filter(
      (s): s is Extract<Step, { op: 'bridge' }> => s.op === 'bridge',
    );
    assert.ok(bridges.length > 0);
    for (const b of bridges) {
      const [left, right] = b.halves;
      assert.ok(left.length > 0 && right.length > 0);
      assert.deepEqual([b.node, ...left, ...right].sort(), [1, 2, 3, 4, 5]);
    }
  });

  it('two nodes cannot make a bridge: a write is drawn instead', () => {
    const steps = makeSchedule(21, 2, 500, ['bridge']).steps;
    assert.ok(steps.every((s) => s.op !== 'bridge'));
  });
});
