// The shrinker over schedules whose failure is known: it keeps only what the failure needs,
// never returns a schedule that passes, and stops at its cap of tries.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { shrink } from '../../../demo/chaos/shrink.js';
import type { Step } from '../../../src/story/chaos.js';

const steps = (n: number): Step[] =>
  Array.from({ length: n }, (_, id) => ({ id, op: 'put', node: 1, key: id, direct: false }));

/** Fails when every one of these step ids is still in the schedule. */
const needs =
  (...ids: number[]) =>
  (s: Step[]) =>
    Promise.resolve(ids.every((id) => s.some((step) => step.id === id)));

describe('chaos shrinker', () => {
  it('one culprit among 40 steps: the schedule shrinks to that step', async () => {
    const result = await shrink(steps(40), needs(17));
    assert.deepEqual(
      result.steps.map((s) => s.id),
      [17],
    );
  });

  it('two steps far apart that fail only together: both kept, in their order', async () => {
    const result = await shrink(steps(40), needs(3, 31));
    assert.deepEqual(
      result.steps.map((s) => s.id),
      [3, 31],
    );
  });

  it('every schedule it keeps still fails; the cap of tries holds', async () => {
    let tries = 0;
    const fails = needs(5, 9, 22);
    const counted = async (s: Step[]) => ((tries += 1), fails(s));
    const result = await shrink(steps(64), counted, 6);
    assert.equal(tries, 6);
    assert.equal(result.tries, 6);
    assert.ok(await fails(result.steps), 'the kept schedule still fails');
    assert.ok(result.steps.length < 64);
  });
});
