// Terminal prose wrapped at word boundaries to the width: no word cut, a number keeps its unit.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { stripVTControlCharacters } from 'node:util';
import chalk from 'chalk';
import { wrap } from '../../../../src/cli/render/wrap.js';

const sentence =
  "   user:alice: node-2's write (12:00:00.000001) is newer than node-1's; node-3 had none: last write wins, so every node now holds it (a full exchange ships 250.2 kB with node-2).";

describe('wrap', () => {
  for (const width of [40, 60, 110, 120]) {
    it(`at ${width} columns: no line wider, no word cut, the indent kept`, () => {
      const lines = wrap(sentence, width).split('\n');
      for (const l of lines) assert.ok(l.length <= width, `${l.length}: ${l}`);
      for (const l of lines) assert.match(l, /^ {3}\S/);
      assert.equal(lines.map((l) => l.trim()).join(' '), sentence.trim());
      assert.ok(!lines.some((l) => /250\.2$/.test(l)), 'a number keeps its unit');
    });
  }

  it('colour codes take no room, and an indent after them is kept', () => {
    const level = chalk.level;
    chalk.level = 1;
    try {
      const coloured = chalk.dim(`   ${'word '.repeat(30)}`.trimEnd());
      const lines = wrap(coloured, 50).split('\n').map(stripVTControlCharacters);
      assert.ok(lines.length > 1);
      for (const l of lines) assert.ok(l.length <= 50, l);
      for (const l of lines) assert.match(l, /^ {3}word/);
    } finally {
      chalk.level = level;
    }
  });

  it('a short line, no width or a narrow terminal leave the text alone', () => {
    assert.equal(wrap('   short', 80), '   short');
    assert.equal(wrap(sentence, undefined), sentence);
    assert.equal(wrap(sentence, 20), sentence);
  });

  it('a hanging indent for continuation lines', () => {
    const lines = wrap(`   PUT /kv/a ${'x '.repeat(60)}`.trimEnd(), 50, '  ').split('\n');
    assert.ok(lines.length > 1);
    assert.ok(lines.slice(1).every((l) => l.startsWith('     x')));
  });
});

it('a command quoted in a sentence stays whole when it fits a line, else breaks with " \\"', () => {
  const put =
    'error: put needs a key and a value, for example "ae-demo put user:alice alice_data".';
  assert.equal(
    wrap(put, 80),
    'error: put needs a key and a value, for example\n"ae-demo put user:alice alice_data".',
  );
  const long = 'for example "ae-demo run --scenario periodic --nodes 9 --ae-peers-per-round 1".';
  assert.equal(
    wrap(long, 40),
    'for example\n"ae-demo run --scenario periodic \\\n  --nodes 9 --ae-peers-per-round 1".',
  );
});
