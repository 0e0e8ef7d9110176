import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { baseStore, seededExchange } from '../../../src/bench/seeded.js';
import { SAMPLE_BYTES } from '../../../src/node/sync/riblt/estimate.js';

const KEYS = 2_000;

describe('seeded exchanges: where the bytes go', () => {
  it('splits a rateless exchange into parts that add up to its bytes', async () => {
    const row = await seededExchange(await baseStore(KEYS, true), KEYS, 0.05, 3, 'riblt');
    const { opening, symbols, entries, wants, other } = row.parts;
    assert.equal(opening + symbols + entries + wants + other, row.bytes);
    // The opening's part is its root (8-byte digest, 2-byte entry count) and the samples.
    assert.equal(opening, 8 + 2 + SAMPLE_BYTES);
    assert.ok(symbols >= 10 * row.riblt!.symbols, `${symbols} B for ${row.riblt!.symbols}`);
    assert.ok(entries > 0.8 * row.differingBytes && entries < row.differingBytes);
    assert.ok(wants > 0 && other > 0 && other < 200, `wants ${wants}, other ${other}`);
  });

  it('gives the walk no opening and no symbols', async () => {
    const row = await seededExchange(await baseStore(KEYS, false), KEYS, 0.05, 3, 'merkle');
    assert.equal(row.parts.opening, 0);
    assert.equal(row.parts.symbols, 0);
    assert.ok(row.parts.entries > 0);
    assert.equal(
      Object.values(row.parts).reduce((a, b) => a + b, 0),
      row.bytes,
    );
  });
});
