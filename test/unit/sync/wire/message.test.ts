// The anti-entropy wire format: every section round-trips, and a malformed message is refused
// with a CodecError (truncated, oversized, trailing bytes, out of range).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CodecError } from '../../../../src/node/sync/wire/codec.js';
import {
  decodeMessage,
  emptyMessage,
  encodeMessage,
} from '../../../../src/node/sync/wire/message.js';
import { entry, MAX_VALUE } from '../../../helpers/replica.js';

describe('anti-entropy message codec', () => {
  it('round-trips every section', () => {
    const m = emptyMessage();
    m.probes.push({
      level: 1,
      index: 12,
      children: Array.from({ length: 16 }, (_, j) => ({
        digest: BigInt(j) * 0x1234567890abn,
        count: j,
      })),
    });
    // Below the top levels children travel with 4 bytes of digest.
    m.probes.push({
      level: 2,
      index: 200,
      children: Array.from({ length: 16 }, (_, j) => ({
        digest: BigInt(j) * 0x1234567n,
        count: j,
      })),
    });
    m.lists.push({
      level: 8,
      index: 4_000_000_000,
      items: [{ key: 'k', version: { wall: 2 ** 52, logical: 3, node: 'n' }, check: 0xffffffff }],
    });
    m.dumps.push({ level: 1, index: 15 });
    m.entries.push(entry('a/b', 'é', 5), entry('t', null, 6, 'other'));
    m.wants.push('user:alice');
    const back = decodeMessage(encodeMessage(m), MAX_VALUE);
    assert.deepEqual(back, m);
    m.probes[1]!.children[3]!.digest = 0xabcdef0012345678n;
    const short = decodeMessage(encodeMessage(m), MAX_VALUE);
    assert.equal(short.probes[1]!.children[3]!.digest, 0x12345678n, 'the low 32 bits');
  });

  it('rejects truncated, oversized and out-of-range messages', () => {
    const m = emptyMessage();
    m.entries.push(entry('k', 'x'.repeat(100), 5));
    const good = encodeMessage(m);
    for (let cut = 1; cut < good.length; cut += 7) {
      assert.throws(() => decodeMessage(good.subarray(0, cut), MAX_VALUE), CodecError);
    }
    assert.throws(() => decodeMessage(good, 50), CodecError, 'value over the limit');
    assert.throws(
      () => decodeMessage(Buffer.concat([good, Buffer.from([0])]), MAX_VALUE),
      CodecError,
    );
    const bad = emptyMessage();
    bad.dumps.push({ level: 1, index: 16 });
    assert.throws(() => decodeMessage(encodeMessage(bad), MAX_VALUE), CodecError);
  });
});
