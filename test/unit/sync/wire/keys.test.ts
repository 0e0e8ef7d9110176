// The keys of the Lists' items and of the Wants, each written against the key before it in its
// section (docs/wire.md, "Key"): the bytes as written, and every bound the decoder holds.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CodecError } from '../../../../src/node/sync/wire/codec.js';
import {
  decodeMessage,
  emptyMessage,
  encodeMessage,
  WIRE_VERSION,
} from '../../../../src/node/sync/wire/message.js';
import { MAX_VALUE } from '../../../helpers/replica.js';

/** A message of wants alone: its keys as `bytes` (after their count). */
function wants(count: number, ...bytes: (number[] | string)[]): Buffer {
  const parts = bytes.map((b) => (typeof b === 'string' ? Buffer.from(b) : Buffer.from(b)));
  return Buffer.concat([Buffer.from([WIRE_VERSION, 0, 0, 0, 0, 0, count]), ...parts]);
}

function refused(body: Buffer, why: RegExp): void {
  assert.throws(
    () => decodeMessage(body, MAX_VALUE),
    (e: unknown) => e instanceof CodecError && e.code === 'bad_request' && why.test(e.message),
  );
}

describe('keys written against the key before them', () => {
  it('write the bytes shared (less 1) and the rest, or the whole key when none is shared', () => {
    const m = emptyMessage();
    m.wants.push('user:alice', 'user:bob', 'bg:1', 'bg:1');
    const bytes = wants(
      4,
      [2 * 10],
      'user:alice',
      [2 * 3 + 1, 5 - 1],
      'bob',
      [2 * 4],
      'bg:1',
      // The same key again: it shares all 4 bytes, and no suffix follows.
      [2 * 0 + 1, 4 - 1],
    );
    assert.deepEqual(encodeMessage(m), bytes);
    assert.deepEqual(decodeMessage(bytes, MAX_VALUE).wants, m.wants);
  });

  it('share across the lists of one section, and a prefix may end inside a character', () => {
    const m = emptyMessage();
    const item = (key: string) => ({ key, version: { wall: 7, logical: 0, node: 'n' }, check: 1 });
    m.lists.push({ level: 2, index: 5, items: [item('ключ-1'), item('é')] });
    m.lists.push({ level: 3, index: 9, items: [item('ê'), item('ключ-2')] });
    m.wants.push('ключ-3');
    const bytes = encodeMessage(m);
    assert.deepEqual(decodeMessage(bytes, MAX_VALUE), m);
    // 'ê' (c3 aa) after 'é' (c3 a9): one byte shared, the half of a character.
    assert.ok(bytes.includes(Buffer.from([2 * 1 + 1, 0, 0xaa])));
    // The want is the first key of its section: whole, though 'ключ-2' came before it.
    assert.ok(bytes.includes(Buffer.concat([Buffer.from([2 * 10]), Buffer.from('ключ-3')])));
  });

  it('refuse a prefix longer than the key before, a key past 1,024 bytes, and bad UTF-8', () => {
    // The first key of a section has no key before it to share with.
    refused(wants(1, [2 * 1 + 1, 0], 'a'), /shares more bytes than the key before it/);
    refused(wants(2, [2 * 2], 'ab', [2 * 1 + 1, 2], 'c'), /shares more bytes/);
    assert.deepEqual(decodeMessage(wants(2, [4], 'ab', [3, 1], 'c'), MAX_VALUE).wants, [
      'ab',
      'abc',
    ]);
    // 1,000 bytes shared and 25 more: 1,025 in all.
    const long = 'k'.repeat(1000);
    const head = (n: number) => [(n % 128) | 0x80, Math.floor(n / 128)];
    refused(
      wants(2, head(2 * 1000), long, [2 * 25 + 1, ...head(999)], 'x'.repeat(25)),
      /longer than 1024 bytes/,
    );
    const fits = wants(2, head(2 * 1000), long, [2 * 24 + 1, ...head(999)], 'x'.repeat(24));
    assert.equal(decodeMessage(fits, MAX_VALUE).wants[1], long + 'x'.repeat(24));
    // 'é' is c3 a9: its first byte and then '(' is not UTF-8, though '(' alone is.
    refused(wants(2, [4], 'é', [3, 0], '('), /not valid UTF-8/);
  });
});
