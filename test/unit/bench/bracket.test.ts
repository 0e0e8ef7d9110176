// Throughput shares when the machine's speed moves between runs: each node run is divided by
// the bare runs around it, and the median over rounds keeps a slow spell from moving the figure.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { median, shareOfBare } from '../../../src/bench/bracket.js';

describe('throughput shares of bare', () => {
  it('divides each run by the mean of the bare runs around it', () => {
    assert.equal(shareOfBare([100, 300], [140]), 0.7);
    assert.equal(shareOfBare([100, 300], [60]), 0.3);
  });

  it('keeps the share when the machine runs at half speed through a whole round', () => {
    // Five rounds at 0.75 of bare; the bare run before round 2 and round 2's node run went at
    // half speed: rounds 1 and 2 then read 1.0 and 0.5, and the median stays at 0.75.
    const bare = [20_000, 20_000, 10_000, 20_000, 20_000, 20_000];
    assert.equal(shareOfBare(bare, [15_000, 15_000, 7_500, 15_000, 15_000]), 0.75);
  });

  it('is not moved by two rounds that a slow spell caught on the node run alone', () => {
    const bare = [20_000, 20_000, 20_000, 20_000, 20_000, 20_000];
    assert.equal(shareOfBare(bare, [15_000, 7_000, 16_000, 15_000, 8_000]), 0.75);
  });

  it('refuses bare runs that do not bracket the rounds', () => {
    assert.throws(() => shareOfBare([1, 2], [1, 1]), /2 bare runs around 2 rounds/);
    assert.throws(() => shareOfBare([1], []), /1 bare runs around 0 rounds/);
  });

  it('takes the middle value, or the mean of the middle two', () => {
    assert.equal(median([3, 1, 2]), 2);
    assert.equal(median([4, 1, 3, 2]), 2.5);
  });
});
