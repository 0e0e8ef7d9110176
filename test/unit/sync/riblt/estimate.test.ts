import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SKETCH_SYMBOLS } from '../../../../src/node/sync/riblt/constants.js';
import { Decoder } from '../../../../src/node/sync/riblt/decoder.js';
import {
  estimateDifferingItems,
  fingerprints,
  itemsFromPeeled,
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

/** Two sketches (full-size unless told) sharing `common` items, with `differ` items split between them. */
function pair(seed: number, common: number, differ: number, size = SKETCH_SYMBOLS) {
  const random = rng(seed);
  const a = new Sketch(size);
  const b = new Sketch(size);
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

describe('RIBLT difference estimate (items peeled by symbols that did not decode)', () => {
  /** ln(estimate / D) over `seeds` random differences of D items, at m = share × D symbols. */
  function logErrors(differ: number, seeds: number, share: number): number[] {
    const out: number[] = [];
    const m = Math.round(share * differ);
    for (let seed = 1; seed <= seeds; seed++) {
      const { a, b } = pair(7 * differ + seed, 200, differ, 4096);
      const decoder = new Decoder();
      decoder.add(a.run(0, m), b.run(0, m));
      const items = itemsFromPeeled(m, decoder.peeled);
      // Decoded early, or so near it that most items are out: nothing to size from the count.
      if (!decoder.complete && items !== null) out.push(Math.log(items / differ));
    }
    return out;
  }

  // Bounds: the logarithm's error falls as 1/√D (0.07-0.11 at 180 items and 0.03-0.05 at 1,800
  // over these seeds), with room.
  for (const [differ, meanBound, rmsBound] of [
    [180, 0.08, 0.2],
    [1800, 0.04, 0.08],
  ] as const) {
    it(`estimates ${differ} differing items from 0.8-1.2 symbols an item within its error`, () => {
      for (const share of [0.8, 1, 1.2]) {
        const errors = logErrors(differ, 30, share);
        assert.ok(errors.length >= 24, `${errors.length} of 30 estimated at ${share}`);
        const mean = errors.reduce((sum, e) => sum + e, 0) / errors.length;
        const rms = Math.sqrt(errors.reduce((sum, e) => sum + e * e, 0) / errors.length);
        assert.ok(Math.abs(mean) < meanBound, `mean ln error ${mean.toFixed(3)} at ${share}`);
        assert.ok(rms < rmsBound, `rms ln error ${rms.toFixed(3)} at ${share}`);
      }
    });
  }

  it('says nothing where the peeled count cannot tell', () => {
    assert.equal(itemsFromPeeled(1000, 0), null); // too few peeled to read
    assert.equal(itemsFromPeeled(1000, 400), null); // the rest are about to come at once
  });
});
