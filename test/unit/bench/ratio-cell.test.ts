// The ratio beside a bench table's measure, and the two ways a base of 0 is shown.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { timesBase } from '../../../src/bench/ratio-cell.js';

test('a measure over its base row, two decimals', () => {
  assert.equal(timesBase(1176, 1627, 'blank'), ' (0.72×)');
  assert.equal(timesBase(162.9, 114.9, 'quotient'), ' (1.42×)');
});

test('no base row: nothing beside the measure', () => {
  assert.equal(timesBase(5, undefined, 'blank'), '');
  assert.equal(timesBase(5, undefined, 'quotient'), '');
});

test('a base of 0: nothing (repair) or the plain quotient (conflicts)', () => {
  assert.equal(timesBase(5, 0, 'blank'), '');
  assert.equal(timesBase(5, 0, 'quotient'), ' (Infinity×)');
});
