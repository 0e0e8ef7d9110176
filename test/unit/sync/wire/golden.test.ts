// The committed bytes of test/fixtures/wire (one message of each kind the exchange sends, from
// fixed inputs in test/helpers/wire-golden.ts) decode to those inputs and encode back byte for
// byte. A round trip alone passes when encode and decode change the same way; these bytes do
// not change with them, so any change of the layout (docs/wire.md) fails here until the
// fixtures are made again on purpose.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { CodecError } from '../../../../src/node/sync/wire/codec.js';
import {
  decodeMessage,
  encodeMessage,
  WIRE_VERSION,
} from '../../../../src/node/sync/wire/message.js';
import { FIXTURES, GOLDEN } from '../../../helpers/wire-golden.js';
import { MAX_VALUE } from '../../../helpers/replica.js';

describe('golden wire messages', () => {
  it('are every fixture file, and there is one for every kind of message', () => {
    const files = readdirSync(FIXTURES).filter((f) => f.endsWith('.bin'));
    assert.deepEqual(files.sort(), GOLDEN.map((g) => `${g.name}.bin`).sort());
    const has = (pick: (m: (typeof GOLDEN)[number]['message']) => unknown) =>
      GOLDEN.some((g) => Boolean(pick(g.message)));
    assert.ok(has((m) => m.probes.length && m.lists.length && m.dumps.length));
    assert.ok(has((m) => m.entries.some((e) => e.value === null) && m.wants.length));
    for (const part of [
      'open',
      'samples',
      'root',
      'symbols',
      'more',
      'settle',
      'fallback',
    ] as const)
      assert.ok(
        has((m) => m.riblt?.[part]),
        `a riblt section with ${part}`,
      );
  });

  for (const { name, message } of GOLDEN) {
    it(`${name}: decodes to its input and encodes back byte for byte`, () => {
      const bytes = readFileSync(join(FIXTURES, `${name}.bin`));
      assert.equal(bytes[0], WIRE_VERSION, 'the version byte opens the message');
      assert.deepEqual(decodeMessage(bytes, MAX_VALUE), message);
      assert.deepEqual(encodeMessage(message), bytes);
      assert.deepEqual(encodeMessage(decodeMessage(bytes, MAX_VALUE)), bytes);
    });
  }

  it("docs/wire.md's examples are the golden messages they name, byte for byte", () => {
    const doc = readFileSync(join(FIXTURES, '../../../docs/wire.md'), 'utf8');
    const examples = [
      ...doc.matchAll(/`test\/fixtures\/wire\/([\w-]+)\.bin`[^`]*```\n([\s\S]*?)```/g),
    ];
    assert.ok(examples.length >= 2, 'an example of the riblt section and one of an entry');
    for (const [, name, block] of examples) {
      // Each line: bytes in hex, one space apart, then two spaces or more and what they mean;
      // a line of bytes alone, or (indented) of what the line above means.
      const lines = block!.trimEnd().split('\n');
      const hex = lines.flatMap((line) => line.split(/ {2,}/)[0]!.split(' ').filter(Boolean));
      const example = Buffer.from(hex.map((h) => parseInt(h, 16)));
      assert.deepEqual(example, readFileSync(join(FIXTURES, `${name}.bin`)), name);
    }
  });

  it('refuses each golden message under any other version byte as another build', () => {
    for (const { name } of GOLDEN) {
      const bytes = readFileSync(join(FIXTURES, `${name}.bin`));
      // 3 and 4 are the formats of earlier builds (4: format 3 and a riblt section).
      for (const version of [0, 1, 3, 4, WIRE_VERSION + 1, 0xff]) {
        const other = Buffer.from(bytes);
        other[0] = version;
        assert.throws(
          () => decodeMessage(other, MAX_VALUE),
          (e: unknown) =>
            e instanceof CodecError &&
            e.code === 'unsupported_version' &&
            new RegExp(`version ${version}\\b`).test(e.message),
          `${name} as version ${version}`,
        );
      }
    }
  });
});
