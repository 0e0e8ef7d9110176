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
    assert.equal(estimateDifferingItems(fingerprints(a), fingerprints(b)), 1);
  });

  for (const differ of [3, 40, 400, 4000, 20_000]) {
    it(`estimates ${differ} differing items within its error`, () => {
      const ratios: number[] = [];
      for (let t = 0; t < 6; t++) {
        const { a, b } = pair(100 * differ + t, 500, differ);
        const items = estimateDifferingItems(fingerprints(a), fingerprints(b));
        const ratio = items / differ;
        assert.ok(ratio > 0.55 && ratio < 1.8, `estimated ${items} for ${differ}`);
        ratios.push(ratio);
      }
      // Neither always high nor always low: the first batch is sized from it.
      const mean = ratios.reduce((sum, r) => sum + r, 0) / ratios.length;
      assert.ok(mean > 0.8 && mean < 1.25, `mean estimate ${mean.toFixed(2)} x ${differ}`);
    });
  }

  it('ignores samples beyond a smaller sketch', () => {
    const random = rng(9);
    const a = new Sketch(4096);
    const b = new Sketch(4096);
    for (let i = 0; i < 300; i++) (i % 2 ? a : b).added(randomItem(random));
    const items = estimateDifferingItems(fingerprints(a), fingerprints(b), 4096);
    assert.ok(items > 150 && items < 600, `estimated ${items} for 300`);
  });
});
