// Tables narrowed to the terminal: widest column first, words whole while they can be, then
// broken after their punctuation.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { breakLongWords, fitColumns, renderTable } from '../../../../src/cli/render/table.js';

const head = ['peer', 'pulled', 'bytes'];
const rows = [['⇄ node-2', 'cmp:shared:01, cmp:shared:02, cmp:shared:00 +12 more', '5.6 kB']];

describe('renderTable', () => {
  it('headings wrap before any cell does', () => {
    const wideHead = ['node-10001 with', 'round trips'];
    const cells = [['⇄ node-10002', '3']];
    // Natural: 17 + 13 + 3 borders = 33; the first heading gives up 3 columns ("⇄ node-10002").
    assert.deepEqual(fitColumns(wideHead, cells, 30), [14, 13]);
    assert.match(renderTable(wideHead, cells, 30), /│ ⇄ node-10002 │/);
  });

  it('a table that fits is left as it is', () => {
    assert.equal(fitColumns(head, rows, 200), undefined);
    assert.equal(renderTable(head, rows, 200), renderTable(head, rows));
  });

  it('a wide table is narrowed to the width, its cells wrapped between words', () => {
    const natural = renderTable(head, rows).split('\n')[0]!.length;
    const lines = renderTable(head, rows, 50).split('\n');
    assert.ok(natural > 50);
    for (const l of lines) assert.ok(l.length <= 50, `${l.length}: ${l}`);
    const text = lines.join(' ');
    for (const word of ['cmp:shared:01,', 'cmp:shared:02,', 'cmp:shared:00', '+12', '5.6 kB'])
      assert.ok(text.includes(word), word);
  });

  it('too narrow for whole words: a word breaks after its punctuation, nothing is cut off', () => {
    const lines = renderTable(head, rows, 30).split('\n');
    for (const l of lines) assert.ok(l.length <= 30, `${l.length}: ${l}`);
    assert.doesNotMatch(lines.join('\n'), /…/);
    // The cells' text, read back column by column, is all there.
    const pulled = lines
      .map((l) => l.split('│')[2]?.trim() ?? '')
      .filter((t) => t !== '' && !/^pulled$/.test(t))
      .join('');
    assert.ok(pulled.includes('cmp:shared:01,'), pulled);
    assert.ok(pulled.includes('+12'), pulled);
  });

  it('the before/after table of the seed scenario fits 80 columns', () => {
    const keys = ['node', 'key', 'value', 'written by', 'version (UTC)'];
    const cells = [
      ['node-21000', 'user:alice', 'alice_data_from_node1', 'node-21000', '11:57:38.773927'],
      [
        'node-21001',
        'user:alice',
        'alice_data_from_node2_DIFFERENT',
        'node-21001',
        '11:57:38.777664',
      ],
      ['all three', 'user:bob', 'bob_data', 'node-21000', '11:57:38.766063'],
    ];
    const lines = renderTable(keys, cells, 80).split('\n');
    assert.ok(renderTable(keys, cells).split('\n')[0]!.length > 80, 'wider than 80 as it is');
    for (const l of lines) assert.ok(l.length <= 80, `${l.length}: ${l}`);
    // The long value breaks after an underscore, never inside a word part.
    assert.ok(lines.some((l) => /alice_data_from_/.test(l)));
    assert.ok(lines.some((l) => /node2_DIFFERENT|DIFFERENT/.test(l)));
    assert.ok(
      lines.some((l) => l.includes('11:57:38.777664')),
      'versions stay whole',
    );
  });
});

describe('breakLongWords', () => {
  it('breaks only words longer than the room, after punctuation, else at the room', () => {
    assert.equal(breakLongWords('short words stay', 6), 'short words stay');
    assert.equal(breakLongWords('alice_data_from_node1', 12), 'alice_data_\nfrom_node1');
    assert.equal(breakLongWords('abcdefghij', 4), 'abcd\nefgh\nij');
  });

  it('colour codes take no room and stay around the text', () => {
    const green = '\x1b[32malice_data_from_node1\x1b[39m';
    assert.equal(breakLongWords(green, 12), '\x1b[32malice_data_\nfrom_node1\x1b[39m');
  });
});
