// Which differing pairs a story draws: one per pair of distinct roots, covering the most roots first.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { differingPairs, informativePairs } from '../../../src/cluster/tree-diff.js';

describe('informativePairs', () => {
  it('five nodes, three roots (the seed story with --nodes 5): the three pairs of roots', () => {
    const roots = ['A', 'B', 'C', 'C', 'C'];
    assert.equal(differingPairs(roots).length, 7);
    // The first three in node order were (1,2), (1,3), (1,4): the last two drew the same path.
    assert.deepEqual(informativePairs(roots).slice(0, 3), [
      [0, 1],
      [0, 2],
      [1, 2],
    ]);
  });

  it('all roots distinct: the first pairs cover every node before repeating one', () => {
    const shown = informativePairs(['A', 'B', 'C', 'D', 'E']).slice(0, 3);
    assert.deepEqual(shown, [
      [0, 1],
      [2, 3],
      [0, 4],
    ]);
    assert.equal(new Set(shown.flat()).size, 5);
  });

  it('equal roots: nothing to draw', () => {
    assert.deepEqual(informativePairs(['A', 'A', 'A']), []);
  });

  it('two roots among many nodes: one pair', () => {
    assert.deepEqual(informativePairs(['A', 'A', 'B', 'B', 'A']), [[0, 2]]);
  });
});
