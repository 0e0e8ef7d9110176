// An entry's version and body as version 9 lays them out (docs/wire.md, "Shared parts" and
// "Entry"): the node reference shares its varint with "a logical follows", the value's length
// says whether it is a tombstone, and each of them is refused when it is out of range.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CodecError } from '../../../../src/node/sync/wire/codec.js';
import {
  decodeMessage,
  emptyMessage,
  encodeMessage,
  WIRE_VERSION,
} from '../../../../src/node/sync/wire/message.js';
import { wireValueBytes } from '../../../../src/node/conflicts/set-limit.js';
import { entry, MAX_VALUE } from '../../../helpers/replica.js';

/**
 * A message of one entry, key "k", under one node id "n" and a base wall of 0: `version` and
 * `body` are the entry's bytes after its key, then no wants.
 */
function oneEntry(version: number[], body: number[] | Buffer = [0]): Buffer {
  const head = [WIRE_VERSION, 1, 1, 0x6e, 0, 0, 0, 0, 1, 1, 0x6b];
  return Buffer.concat([Buffer.from([...head, ...version]), Buffer.from(body), Buffer.from([0])]);
}

function message(...entries: ReturnType<typeof entry>[]) {
  const m = emptyMessage();
  m.entries.push(...entries);
  return m;
}

function refused(body: Buffer, limit: number, why: RegExp): void {
  assert.throws(
    () => decodeMessage(body, limit),
    (e: unknown) => e instanceof CodecError && e.code === 'bad_request' && why.test(e.message),
  );
}

/** The largest varint a decoder takes, 2^53 − 1: 7 bytes of 0xff, then 0x0f. */
const MAX_VARINT = [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x0f];

describe('an entry on the wire (version 9)', () => {
  it('writes a value as its length + 1 and its bytes, a tombstone as 0', () => {
    const value = 'v'.repeat(100);
    // Wall offset 0, node 0 and logical 0 in one byte, then 101 and the 100 bytes.
    const bytes = oneEntry([0, 0], Buffer.concat([Buffer.from([101]), Buffer.from(value)]));
    assert.deepEqual(encodeMessage(message(entry('k', value, 0, 'n'))), bytes);
    assert.deepEqual(decodeMessage(bytes, MAX_VALUE).entries, [entry('k', value, 0, 'n')]);
    assert.deepEqual(encodeMessage(message(entry('k', null, 0, 'n'))), oneEntry([0, 0], [0]));
    // An empty value is not a tombstone: length 0, written 1.
    assert.deepEqual(encodeMessage(message(entry('k', '', 0, 'n'))), oneEntry([0, 0], [1]));
    assert.equal(decodeMessage(oneEntry([0, 0], [1]), MAX_VALUE).entries[0]!.value, '');
  });

  it('refuses a value past the limit by its length, and one that is not UTF-8', () => {
    const at = (n: number) =>
      oneEntry([0, 0], Buffer.concat([Buffer.from([n + 1]), Buffer.alloc(n, 0x61)]));
    assert.equal(decodeMessage(at(50), 50).entries[0]!.value, 'a'.repeat(50));
    refused(at(51), 50, /longer than 50 bytes/);
    // A length near 2^53 is refused before anything is read, not taken as a huge read.
    refused(oneEntry([0, 0], MAX_VARINT), MAX_VALUE, /longer than/);
    refused(oneEntry([0, 0], [3, 0xc3, 0x28]), MAX_VALUE, /not valid UTF-8/);
    refused(oneEntry([0, 0], [5, 0x61]), MAX_VALUE, /ends too early/);
    // In siblings mode an entry carries its key's whole set, up to the message's own size.
    const set = 'v'.repeat(MAX_VALUE + 1);
    const big = encodeMessage(message(entry('k', set, 0, 'n')));
    refused(big, MAX_VALUE, /longer than/);
    assert.equal(decodeMessage(big, wireValueBytes('siblings', MAX_VALUE)).entries[0]!.value, set);
  });

  it('writes the node reference times 2, plus 1 and the logical less 1 when it is not 0', () => {
    const m = message(entry('k', null, 0, 'n', 0), entry('j', null, 0, 'o', 1));
    m.entries.push(entry('i', null, 0, 'o', 300));
    const bytes = encodeMessage(m);
    const versions = [
      [0, 0], // node 0, logical 0
      [0, 3, 0], // node 1, logical 1
      [0, 3, 0xab, 0x02], // node 1, logical 300 (299 as a varint)
    ];
    for (const [i, v] of versions.entries()) {
      const key = Buffer.from([1, 0x6b - i]);
      assert.ok(
        bytes.includes(Buffer.concat([key, Buffer.from(v), Buffer.from([0])])),
        `entry ${i}`,
      );
    }
    assert.deepEqual(decodeMessage(bytes, MAX_VALUE), m);
  });

  it('refuses a node reference past the table, and a logical past 2^53 − 1', () => {
    assert.equal(decodeMessage(oneEntry([0, 1, 0]), MAX_VALUE).entries[0]!.version.logical, 1);
    // One node id: reference 1 (2 or 3 on the wire) does not exist.
    refused(oneEntry([0, 2]), MAX_VALUE, /node reference is out of range/);
    refused(oneEntry([0, 3, 0]), MAX_VALUE, /node reference is out of range/);
    // The logical is written less 1: 2^53 − 2 (least significant group first) reads as the
    // largest, and the largest varint would read as 2^53.
    const last = [0xfe, ...MAX_VARINT.slice(1)];
    assert.equal(
      decodeMessage(oneEntry([0, 1, ...last]), MAX_VALUE).entries[0]!.version.logical,
      2 ** 53 - 1,
    );
    refused(oneEntry([0, 1, ...MAX_VARINT]), MAX_VALUE, /logical clock .* too large/);
    // A table of no ids has no base either: any version refers past it.
    const noIds = Buffer.from([WIRE_VERSION, 0, 0, 0, 0, 1, 1, 0x6b, 0, 0, 0, 0]);
    refused(noIds, MAX_VALUE, /node reference is out of range/);
  });

  it('refuses the same out-of-range reference in a list item', () => {
    const m = emptyMessage();
    m.lists.push({
      level: 1,
      index: 2,
      items: [{ key: 'k', version: { wall: 0, logical: 0, node: 'n' }, check: 9 }],
    });
    const bytes = encodeMessage(m);
    assert.deepEqual(decodeMessage(bytes, MAX_VALUE), m);
    // The item's reference and tie follow its key and wall offset: 0 becomes 2, node 1.
    const at = bytes.indexOf(Buffer.from([2, 0x6b, 0, 0])) + 3;
    const past = Buffer.from(bytes);
    past[at] = 2;
    refused(past, MAX_VALUE, /node reference is out of range/);
  });
});
