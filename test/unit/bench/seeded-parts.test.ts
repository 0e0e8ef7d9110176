import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { baseStore, seededExchange } from '../../../src/bench/seeded.js';
import { SAMPLE_BYTES } from '../../../src/node/sync/riblt/estimate.js';
import { FANOUT } from '../../../src/node/tree/shape.js';

const KEYS = 2_000;
const DIVERGENCE = 0.05;
/** A probed child below the root: the low 32 bits of its digest (docs/wire.md). */
const CHILD_BYTES = 4;
/** A probe's tree node (level byte, index varint) and its 16-bit bitmap, with room to spare. */
const PROBE_HEAD_BYTES = 8;

describe('seeded exchanges: where the bytes go', () => {
  it('splits a rateless exchange into parts that add up to its bytes', async () => {
    const row = await seededExchange(await baseStore(KEYS, true), KEYS, DIVERGENCE, 3, 'riblt');
    const { opening, symbols, entries, wants, other } = row.parts;
    assert.equal(opening + symbols + entries + wants + other, row.bytes);
    // The opening's part is its root (8-byte digest, 2-byte entry count) and the samples.
    assert.equal(opening, 8 + 2 + SAMPLE_BYTES);
    assert.ok(symbols >= 10 * row.riblt!.symbols, `${symbols} B for ${row.riblt!.symbols}`);
    assert.ok(entries > 0.8 * row.differingBytes && entries < row.differingBytes);
    assert.ok(wants > 0 && other > 0 && other < 200, `wants ${wants}, other ${other}`);
  });

  it('gives the walk no opening and no symbols, and the rest to its probes', async () => {
    const row = await seededExchange(await baseStore(KEYS, false), KEYS, DIVERGENCE, 3, 'merkle');
    const { opening, symbols, entries, wants, other } = row.parts;
    assert.equal(opening, 0);
    assert.equal(symbols, 0);
    assert.ok(entries > 0.8 * row.differingBytes && entries < row.differingBytes);
    assert.ok(wants > 0, `wants ${wants}`);
    // Every message is counted (the exchange's bytes are its own count): within one, the rest
    // is what the parts leave, so the sum alone says nothing of the parts.
    assert.equal(opening + symbols + entries + wants + other, row.bytes);
    // The rest is the walk's probes (and message heads): the root's 16 children all differ at
    // this divergence, so their 16 probes come whole (16 children of 4 bytes each); past them
    // at most one tree node is probed per differing key.
    const probe = FANOUT * CHILD_BYTES + PROBE_HEAD_BYTES;
    const differing = KEYS * DIVERGENCE;
    assert.ok(
      other > FANOUT * FANOUT * CHILD_BYTES && other < (1 + FANOUT + differing) * probe,
      `other ${other}`,
    );
  });
});
