// The simulator in siblings mode runs the same engine: replicas that write the same keys at
// once, blind, converge on the reference's root, which holds every write as a sibling (the
// reference merges every write made), whatever messages were lost or replicas crashed.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { simulate, type SimOptions } from '../../../src/sim/simulate.js';
import { SIM_DEFAULTS } from '../../../src/sim/constants.js';

const small: SimOptions = {
  ...SIM_DEFAULTS,
  nodes: 12,
  keys: 50,
  writes: 40,
  selection: 'random',
  strategy: 'merkle',
  maxRounds: 200,
  conflicts: 'siblings',
};

for (const strategy of ['merkle', 'riblt', 'full'] as const) {
  test(`${strategy}: concurrent writes on 12 replicas converge to the set of all of them`, async () => {
    const r = await simulate({ ...small, strategy, loss: 0.05, churn: 0.05 });
    assert.equal(r.converged, true);
    assert.equal(r.conflicts, 'siblings');
    const again = await simulate({ ...small, strategy, loss: 0.05, churn: 0.05 });
    assert.equal(JSON.stringify(again), JSON.stringify(r), 'the same seed, the same run');
  });
}
