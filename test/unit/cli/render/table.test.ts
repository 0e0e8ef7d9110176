// Tables narrowed to the terminal: widest column first, never below its longest word.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fitColumns, renderTable } from '../../../../src/cli/render/table.js';

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

  it('no column goes below its longest word: too narrow a terminal keeps the words whole', () => {
    const widths = fitColumns(head, rows, 20)!;
    // "⇄ node-2" → "node-2" (6), "cmp:shared:01," (14), "kB" / "bytes" (5), plus padding.
    assert.deepEqual(widths, [8, 16, 7]);
    assert.doesNotMatch(renderTable(head, rows, 20), /…/);
  });
});
