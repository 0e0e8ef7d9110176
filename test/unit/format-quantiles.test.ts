// Nearest-rank quantiles: every figure is one that was measured.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { quantiles } from '../../src/quantiles.js';

describe('quantiles', () => {
  it('nothing measured: zeros and a count of 0', () => {
    assert.deepEqual(quantiles([]), { p50: 0, p95: 0, max: 0, count: 0 });
  });

  it('one measurement is every quantile', () => {
    assert.deepEqual(quantiles([42]), { p50: 42, p95: 42, max: 42, count: 1 });
  });

  it('nearest rank over unsorted input: 1..20 gives 10, 19, 20', () => {
    const xs = Array.from({ length: 20 }, (_, i) => 20 - i);
    assert.deepEqual(quantiles(xs), { p50: 10, p95: 19, max: 20, count: 20 });
  });

  it('a single slow round shows in p95 and max of a few, not in the median', () => {
    assert.deepEqual(quantiles([100, 110, 120, 9000]), {
      p50: 110,
      p95: 9000,
      max: 9000,
      count: 4,
    });
  });
});
