import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SKETCH_SYMBOLS } from '../../../../src/node/sync/riblt/constants.js';
import {
  estimateDifferingItems,
  fingerprints,
  SAMPLE_BYTES,
  sampleIndices,
} from '../../../../src/node/sync/riblt/estimate.js';
import { Sketch } from '../../../../src/node/sync/riblt/sketch.js';
import type { ItemSource } from '../../../../src/node/sync/riblt/symbol.js';
import { rng } from '../../../helpers/random.js';

function randomItem(random: () => number): ItemSource {
  return {
    place: Math.floor(random() * 2 ** 32),
    lo: Math.floor(random() * 2 ** 32),
    version: { wall: Math.floor(random() * 1e12) },
  };
}

/** Two full-size sketches sharing `common` items, with `differ` items split between them. */
function pair(seed: number, common: number, differ: number) {
  const random = rng(seed);
  const a = new Sketch();
  const b = new Sketch();
  for (let i = 0; i < common; i++) {
    const x = randomItem(random);
    a.added(x);
    b.added(x);
  }
  for (let i = 0; i < differ; i++) (random() < 0.5 ? a : b).added(randomItem(random));
  return { a, b };
}

describe('RIBLT difference estimate (sampled coded symbols)', () => {
  it('samples distinct symbols inside the kept prefix, 4 bits each', () => {
    const indices = sampleIndices();
    assert.equal(new Set(indices).size, indices.length);
    assert.ok(indices.every((i) => Number.isInteger(i) && i >= 1 && i < SKETCH_SYMBOLS));
    assert.equal(SAMPLE_BYTES, Math.ceil(indices.length / 2));
    assert.equal(fingerprints(new Sketch()).length, SAMPLE_BYTES);
  });

  it('estimates the smallest difference for equal sketches', () => {
    const { a, b } = pair(1, 3000, 0);
    assert.deepEqual(fingerprints(a), fingerprints(b));
    const e = estimateDifferingItems(fingerprints(a), fingerprints(b));
    assert.equal(e.items, 1);
  });

  for (const differ of [3, 40, 400, 4000, 20_000]) {
    it(`estimates ${differ} differing items within its error, with an upper bound above it`, () => {
      let covered = 0;
      const trials = 6;
      for (let t = 0; t < trials; t++) {
        const { a, b } = pair(100 * differ + t, 500, differ);
        const e = estimateDifferingItems(fingerprints(a), fingerprints(b));
        const ratio = e.items / differ;
        assert.ok(ratio > 0.55 && ratio < 1.8, `estimated ${e.items} for ${differ}`);
        assert.ok(e.upper >= e.items);
        if (e.upper >= differ) covered += 1;
      }
      // Below 1,000 items the bound is about one standard deviation up, above it two or three.
      const least = differ < 1000 ? trials / 2 : trials - 1;
      assert.ok(covered >= least, `upper bound covered ${differ} in ${covered} of ${trials}`);
    });
  }

  it('ignores samples beyond a smaller sketch', () => {
    const random = rng(9);
    const a = new Sketch(4096);
    const b = new Sketch(4096);
    for (let i = 0; i < 300; i++) (i % 2 ? a : b).added(randomItem(random));
    const e = estimateDifferingItems(fingerprints(a), fingerprints(b), 4096);
    assert.ok(e.items > 150 && e.items < 600, `estimated ${e.items} for 300`);
  });
});
