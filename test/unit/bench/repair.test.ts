// The repair phase's table and targets (pure): the Merkle round beside the hints as ratios of
// one run, and the targets read from the rows (a phase that did not run measures nothing).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { repairTable } from '../../../src/bench/repair-report.js';
import { REPAIR_TARGETS } from '../../../src/bench/repair-targets.js';
import type { RepairRow } from '../../../src/bench/repair.js';
import type { BenchResult } from '../../../src/bench/result.js';

const rows: RepairRow[] = [
  { path: 'hint', missed: 10_000, ms: 735, bytes: 1_209_210, messages: 4, rounds: 0 },
  { path: 'merkle', missed: 10_000, ms: 1_074, bytes: 1_468_600, messages: 6, rounds: 1 },
];

test('the round beside the hints, each measure as a ratio of the hints', () => {
  const table = repairTable(rows);
  assert.match(table, /│ hinted handoff +│ 735 ms +│ 1\.2 MB +│ 4 +│ 0 +│/);
  assert.match(
    table,
    /│ one Merkle round +│ 1,074 ms \(1\.46×\) +│ 1\.5 MB \(1\.21×\) +│ 6 +│ 1 +│/,
  );
});

test('the targets read bytes as a ratio, rounds and seconds from the hint row', () => {
  const result = { repair: rows } as BenchResult;
  const shown = REPAIR_TARGETS.map((t) => t.measure(result)?.shown);
  assert.deepEqual(shown, ['0.82x', '0', '0.73 s']);
  assert.deepEqual(
    REPAIR_TARGETS.map((t) => t.measure({} as BenchResult)),
    [undefined, undefined, undefined],
  );
});
