// The timeout rule for anti-entropy messages: short for the first, scaled by size for the rest.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  AE_FIRST_MESSAGE_TIMEOUT_MS,
  AE_LATER_MESSAGE_TIMEOUT_MS,
  AE_TIMEOUT_BYTES_PER_MS,
} from '../../../src/node/constants.js';
import {
  exchangeMessageTimeoutMs,
  replicationTimeoutMs,
} from '../../../src/node/peers/timeouts.js';

describe('anti-entropy message timeouts', () => {
  it('a small first message gets the short timeout, so a silent peer costs about a second', () => {
    assert.equal(exchangeMessageTimeoutMs(0, 40), AE_FIRST_MESSAGE_TIMEOUT_MS);
    assert.ok(exchangeMessageTimeoutMs(0, 40) < 2_000);
  });

  it('later messages get the longer base, and every message grows with its size', () => {
    assert.equal(exchangeMessageTimeoutMs(1, 0), AE_LATER_MESSAGE_TIMEOUT_MS);
    const big = 50 * 1024 * 1024;
    assert.equal(
      exchangeMessageTimeoutMs(3, big),
      AE_LATER_MESSAGE_TIMEOUT_MS + Math.floor(big / AE_TIMEOUT_BYTES_PER_MS),
    );
    // A full exchange's first message carries every entry: it is not cut off by the short base.
    assert.ok(exchangeMessageTimeoutMs(0, big) > 50_000);
  });

  it('a replicated write keeps its short base; a batch of entries gets its size on top', () => {
    assert.equal(replicationTimeoutMs(1_000, 200), 1_000);
    assert.equal(replicationTimeoutMs(1_000, 650_000), 1_000 + 650_000 / AE_TIMEOUT_BYTES_PER_MS);
  });
});
