// The benchmark's report (pure): the project's number formatting in every cell, one whole grid
// off a terminal, and on a terminal tables no wider than it (the grid split in two, its row key
// repeated in each).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderReport } from '../../../src/bench/report.js';
import type { BenchResult } from '../../../src/bench/result.js';
import type { ExchangeRow } from '../../../src/bench/exchange.js';

const row = (strategy: ExchangeRow['strategy'], divergence: number): ExchangeRow => ({
  strategy,
  keys: 100_000,
  divergence,
  differing: 100_000 * divergence,
  differingBytes: 11_440_000 * divergence,
  roundTrips: 12,
  bodyBytes: 2_345_678,
  wireBytes: 2_456_789,
  ratio: 2.05,
  wallMs: 1234.56,
  cpuMs: { initiator: 1500, responder: 1800 },
  converged: true,
  ...(strategy === 'riblt' ? { riblt: { symbols: 2878, decoded: 2000 } } : {}),
});

const result = {
  settings: {} as BenchResult['settings'],
  exchange: [row('merkle', 0.1), row('riblt', 0.01)],
  targets: [
    { name: 'riblt: identical replicas, bytes <= 512 B', measured: '282 B', met: true, why: '' },
  ],
} as BenchResult;

test('every number in the grid as the rest of the CLI writes it', () => {
  const report = renderReport(result);
  assert.match(report, /│ 100,000 │ 10%\s+│ merkle\s+│ 10,000\s+│ 1\.1 MB /);
  assert.match(report, /2,878 for 2,000/);
  assert.match(report, /1,500 \/ 1,800/);
  assert.match(report, /│ 2\.3 MB\s+│ 2\.5 MB /);
});

test('off a terminal the grid is one table, every row on one line', () => {
  const lines = renderReport(result).split('\n');
  assert.equal(lines.filter((l) => l.startsWith('┌')).length, 1);
  assert.ok(lines.some((l) => l.includes('100,000') && l.includes('2,878 for 2,000')));
});

for (const width of [80, 120])
  test(`at ${width} columns every line fits, the grid in two tables with its row key in each`, () => {
    const lines = renderReport(result, width).split('\n');
    assert.deepEqual(
      lines.filter((l) => l.length > width),
      [],
    );
    assert.equal(lines.filter((l) => l.startsWith('┌')).length, 2);
    assert.equal(lines.filter((l) => /^│ 100,000 │ 10%\s+│ merkle /.test(l)).length, 2);
    // The cell may wrap between its words, never inside a number.
    assert.match(lines.join(' '), /2,878( for|[ │]+for)/);
    assert.ok(!lines.join(' ').includes('2,87 '));
  });

test('an exchange that did not complete reads NO with its status, not its bytes as converged', () => {
  const failed = {
    ...row('full', 0),
    roundTrips: 0,
    bodyBytes: 0,
    converged: false,
    failed: 'unreachable: no answer in 10000 ms',
  };
  const report = renderReport({ ...result, exchange: [row('merkle', 0.1), failed] });
  const line = report.split('\n').find((l) => /│ full /.test(l));
  assert.match(line ?? '', /│ NO \(unreachable\)\s+│$/);
});

// `bench --only tree` as a terminal of 80 columns shows it (seen in tmux at 80×24): its two
// tables, each ~92 columns whole, narrowed to fit, every figure still whole on its line.
test('the tree phase at 80 columns: both of its tables fit, every number whole', () => {
  const tree = {
    rows: [1_000, 100_000, 1_000_000].map((keys) => ({
      keys,
      treeNsPerWrite: 4122,
      applyNsPerWrite: 17_224,
      keyedApplyNsPerWrite: 18_586,
    })),
    upkeep: {
      keys: 1_000_000,
      applyNs: 13_332,
      applyWithSketchNs: 23_988,
      sketchNs: 4752,
      sketchBytes: 4_200_000,
    },
  };
  const only = { settings: {} as BenchResult['settings'], tree, targets: [] } as BenchResult;
  const whole = renderReport(only).split('\n');
  assert.ok(
    whole.some((l) => l.length > 80),
    'off a terminal the tables are wider than 80',
  );
  const lines = renderReport(only, 80).split('\n');
  assert.deepEqual(
    lines.filter((l) => l.length > 80),
    [],
  );
  // Every line from a table's top to its bottom is a whole row of it: none cut by the wrap.
  let inTable = false;
  for (const line of lines) {
    if (line.startsWith('┌')) inTable = true;
    if (inTable) assert.match(line, /^[┌├└│].*[┐┤┘│]$/, line);
    if (line.startsWith('└')) inTable = false;
  }
  const text = lines.join('\n');
  for (const n of ['1,000,000', '17,224', '18,586', '1.08', '+ 4,752', '23,988'])
    assert.ok(text.includes(n), n);
});
