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
import { sameChild } from '../../../../src/node/sync/wire/probe.js';
import { fullMessageBytes } from '../../../../src/node/sync/wire/full-size.js';
import { runExchange } from '../../../../src/node/sync/exchange.js';
import { entry, MAX_VALUE, replica, wire } from '../../../helpers/replica.js';
import { rng } from '../../../helpers/random.js';
import { checkKey } from '../../../../src/api/checks.js';

describe('anti-entropy message codec', () => {
  it('round-trips every section', () => {
    const m = emptyMessage();
    m.probes.push({
      level: 0,
      index: 0,
      children: Array.from({ length: 16 }, (_, j) => ({
        digest: BigInt(j) * 0x1234567890abn,
        count: j,
      })),
    });
    // Below the top levels children travel with 4 bytes of digest and no count (1: present).
    m.probes.push({
      level: 1,
      index: 12,
      children: Array.from({ length: 16 }, (_, j) => ({
        digest: BigInt(j) * 0x1234567n,
        count: j === 0 ? 0 : 1,
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

  it('writes wall clocks as offsets from the smallest one, and only when versions travel', () => {
    const now = 1_764_000_000_000_000;
    const m = emptyMessage();
    m.entries.push(entry('a', 'x', now + 5_000_000), entry('b', null, now, 'other'));
    m.lists.push({
      level: 4,
      index: 9,
      items: [{ key: 'c', version: { wall: now + 1, logical: 2, node: 'n1' }, check: 7 }],
    });
    const body = encodeMessage(m);
    assert.deepEqual(decodeMessage(body, MAX_VALUE), m);
    // Three whole clocks would take 8 bytes each; here a base of 8 and offsets 1, 1 and 4
    // (5 s). The same message with clocks near 0 takes 1 + 1 + 1 + 1 for them.
    const small = emptyMessage();
    small.entries.push(entry('a', 'x', 2), entry('b', null, 1, 'other'));
    small.lists.push({
      level: 4,
      index: 9,
      items: [{ key: 'c', version: { wall: 1, logical: 2, node: 'n1' }, check: 7 }],
    });
    assert.equal(body.length - encodeMessage(small).length, 8 + 1 + 1 + 4 - 4);
    // A message without versions pays nothing for the base: the version byte, no node ids,
    // five section counts and one dump of 2 bytes.
    const dumpOnly = emptyMessage();
    dumpOnly.dumps.push({ level: 1, index: 3 });
    assert.equal(encodeMessage(dumpOnly).length, 1 + 1 + 5 + 2);
  });

  it('opens the riblt section with its tag, and refuses an unknown tag or bytes after it', () => {
    const walk = emptyMessage();
    walk.dumps.push({ level: 1, index: 3 });
    const plain = encodeMessage(walk);
    const withRiblt = encodeMessage({ ...walk, riblt: { wantPlaces: [], settle: true } });
    // The tag, the flags byte (settle) and the count of wanted places: 0.
    assert.deepEqual(withRiblt, Buffer.concat([plain, Buffer.from([1, 16, 0])]));
    assert.equal(decodeMessage(withRiblt, MAX_VALUE).riblt?.settle, true);
    assert.equal(decodeMessage(plain, MAX_VALUE).riblt, undefined);
    const unknownTag = Buffer.concat([plain, Buffer.from([2, 16, 0])]);
    assert.throws(
      () => decodeMessage(unknownTag, MAX_VALUE),
      (e: unknown) =>
        e instanceof CodecError && e.code === 'bad_request' && /tag 2/.test(e.message),
    );
    assert.throws(
      () => decodeMessage(Buffer.concat([withRiblt, Buffer.from([1])]), MAX_VALUE),
      /trailing bytes/,
    );
  });

  it('rejects a wall clock past 2^53 once the offset is added', () => {
    const m = emptyMessage();
    m.entries.push(entry('a', 'x', 2 ** 52), entry('b', 'x', 2 ** 53 - 1));
    const body = encodeMessage(m);
    assert.deepEqual(decodeMessage(body, MAX_VALUE).entries[1]!.version.wall, 2 ** 53 - 1);
    // Raise the base (written after the node table) so that base + offset overflows.
    const at = body.indexOf(Buffer.from('n1')) + 2;
    const raised = Buffer.concat([
      body.subarray(0, at),
      Buffer.from([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x0f]),
      body.subarray(at + 8),
    ]);
    assert.throws(() => decodeMessage(raised, MAX_VALUE), CodecError);
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

  it('refuses a bad key in an entry, a list or a want with the same sentence as checkKey', () => {
    // Encoded through a stand-in key of the same byte length, then the bytes swapped in: the
    // encoder writes whatever string it is given, and a lone surrogate needs raw bytes.
    const bad: [string, Buffer][] = [
      ['', Buffer.alloc(0)],
      ['a\u0001b', Buffer.from('a\u0001b')],
      ['tab\there', Buffer.from('tab\there')],
      ['del\u007f', Buffer.from('del\u007f')],
      ['\ud800', Buffer.from([0xed, 0xa0, 0x80])],
    ];
    for (const [key, bytes] of bad) {
      const stand = 'q'.repeat(bytes.length);
      const sections = [
        (m: ReturnType<typeof emptyMessage>) => m.entries.push(entry(stand, 'v', 7)),
        (m: ReturnType<typeof emptyMessage>) =>
          m.lists.push({
            level: 0,
            index: 0,
            items: [{ key: stand, version: { wall: 7, logical: 0, node: 'n1' }, check: 1 }],
          }),
        (m: ReturnType<typeof emptyMessage>) => m.wants.push(stand),
      ];
      for (const add of sections) {
        const m = emptyMessage();
        add(m);
        const raw = encodeMessage(m);
        const at = bytes.length === 0 ? -1 : raw.indexOf(Buffer.from(stand));
        const body =
          at === -1
            ? raw
            : Buffer.concat([raw.subarray(0, at), bytes, raw.subarray(at + bytes.length)]);
        const expected = checkKey(key);
        assert.equal(expected.ok, false);
        if (key === '\ud800') {
          assert.throws(() => decodeMessage(body, MAX_VALUE), /not valid UTF-8/);
        } else {
          assert.throws(
            () => decodeMessage(body, MAX_VALUE),
            (e: unknown) =>
              e instanceof CodecError && e.message === (expected as { message: string }).message,
          );
        }
      }
    }
    const long = emptyMessage();
    long.wants.push('k'.repeat(1025));
    assert.throws(() => decodeMessage(encodeMessage(long), MAX_VALUE), /longer than 1024 bytes/);
    const fine = emptyMessage();
    fine.wants.push('k'.repeat(1024), 'ключ', '🔑', 'a b');
    assert.deepEqual(decodeMessage(encodeMessage(fine), MAX_VALUE).wants, fine.wants);
  });

  it('compares level-1 children on digest and count, deeper ones on presence and 4 bytes', () => {
    const ours = { digest: 0xabcdef0012345678n, count: 5 };
    // Level 1 (the root's children): the whole digest and the count.
    assert.equal(sameChild({ ...ours }, ours, 1), true);
    assert.equal(sameChild({ ...ours, count: 4 }, ours, 1), false);
    assert.equal(sameChild({ digest: 0x12345678n, count: 5 }, ours, 1), false);
    // Level 2 and deeper: what the wire carries, the low 32 bits and "present".
    assert.equal(sameChild({ digest: 0x12345678n, count: 1 }, ours, 2), true);
    assert.equal(sameChild({ digest: 0x12345679n, count: 1 }, ours, 3), false);
    assert.equal(sameChild({ digest: 0n, count: 0 }, ours, 2), false, 'theirs is empty');
    assert.equal(sameChild({ digest: 0n, count: 1 }, { digest: 0n, count: 0 }, 5), false);
    assert.equal(sameChild({ digest: 0n, count: 0 }, { digest: 0n, count: 0 }, 5), true);
  });

  it('counts the first message of the full exchange to the byte, without encoding it', async () => {
    const random = rng(17);
    const [a, b] = [await replica(), await replica()];
    // Keys and values of 1 to 4 UTF-8 bytes a character, tombstones, 200 node ids (refs past
    // one varint byte), walls hours apart (offsets of 1 to 6 bytes), logicals past 127.
    for (let i = 0; i < 3000; i++) {
      const value = random() < 0.1 ? null : `v${i}é€😀`.repeat(Math.floor(random() * 60));
      const wall = 1_800_000_000_000_000 + Math.floor(random() * 3.6e10);
      const e = entry(`k${i}/ü`, value, wall, `node-${i % 200}`, Math.floor(random() * 300));
      a.merge(e);
      b.merge(e);
    }
    const first = emptyMessage();
    first.entries.push(...a.store.entries());
    first.dumps.push({ level: 0, index: 0 });
    assert.equal(fullMessageBytes(a.store), encodeMessage(first).length);
    // In sync, the initiator sends that one message and nothing after it.
    const result = await runExchange(a, wire(b), 'full', MAX_VALUE);
    assert.equal(result.bytes.sent, fullMessageBytes(a.store));
    const empty = await replica();
    first.entries.length = 0;
    assert.equal(fullMessageBytes(empty.store), encodeMessage(first).length);
  });
});
