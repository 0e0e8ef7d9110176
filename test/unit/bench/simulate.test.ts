// The simulation's benchmark targets from measured rows (pure): ratios to their limits, the
// ring's log-log slope, and a run that did not converge never meeting a target.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { logLogSlope, type SimBench, type SimBenchRow } from '../../../src/bench/simulate.js';
import { renderSimulation } from '../../../src/bench/simulate-report.js';
import { SIM_TARGETS } from '../../../src/bench/simulate-targets.js';
import { checkTargets } from '../../../src/bench/targets.js';
import type { BenchResult } from '../../../src/bench/result.js';

/** The simulation's targets checked against a result that holds only the simulation. */
const simulationTargets = (simulation: SimBench) =>
  checkTargets({ settings: {} as BenchResult['settings'], simulation, targets: [] }, SIM_TARGETS);

const row = (
  nodes: number,
  selection: string,
  rounds: number,
  extra: Partial<SimBenchRow> = {},
) => ({
  nodes,
  keys: 100,
  writes: 10,
  selection,
  converged: true,
  rounds,
  log3N: Math.log(nodes) / Math.log(3),
  bytesPerReplicaPerRound: 500,
  wallMs: 1000,
  peakRssBytes: 2 ** 28,
  ...extra,
});

// Figures of an earlier run: 9 rounds, 46 s, 1.2 GB; random 5/6/7/8, ring 6/19/77/277.
const measured: SimBench = {
  target: row(1000, 'random', 9, {
    keys: 10_000,
    writes: 100,
    wallMs: 46_000,
    peakRssBytes: 1.2e9,
  }),
  series: [
    row(16, 'random', 5),
    row(64, 'random', 6),
    row(256, 'random', 7),
    row(1024, 'random', 8),
    row(16, 'ring', 6),
    row(64, 'ring', 19),
    row(256, 'ring', 77),
    row(1024, 'ring', 277),
  ],
};

test('the log-log slope is 1 for growth like N and small for growth like log N', () => {
  assert.equal(logLogSlope([16, 64, 256].map((n) => ({ nodes: n, rounds: n / 4 }))), 1);
  assert.ok(
    Math.abs(logLogSlope(measured.series.filter((r) => r.selection === 'ring')) - 0.93) < 0.02,
  );
  assert.ok(logLogSlope(measured.series.filter((r) => r.selection === 'random')) < 0.2);
  assert.equal(logLogSlope([{ nodes: 8, rounds: 3 }]), 0);
});

test('the simulation targets read their figures from the runs', () => {
  const t = simulationTargets(measured);
  assert.deepEqual(
    t.map((x) => [x.measured, x.met]),
    [
      ['2.71 (9 rounds, log3 N = 6.29)', true],
      ['46.0 s', true],
      ['1.12 GiB', true],
      ['2.48 (N=16, 64, 256, 1024: 5, 6, 7, 8 rounds)', true],
      ['0.93 (N=16, 64, 256, 1024: 6, 19, 77, 277 rounds)', true],
    ],
  );
  assert.match(t[0]!.name, /simulate 1000 × 10k keys: rounds beyond log3 N <= 4/);
});

test('a run that did not converge, or took too long, misses its target', () => {
  const t = simulationTargets({
    target: { ...measured.target, converged: false, wallMs: 130_000 },
    series: measured.series.map((r) =>
      r.selection === 'ring' ? { ...r, rounds: 6 + r.log3N } : r,
    ),
  });
  assert.deepEqual(
    t.map((x) => x.met),
    [false, false, true, true, false],
  );
  assert.match(t[0]!.measured, /NOT converged/);
  assert.match(renderSimulation(measured), /1,000 .* 10,000 .* random .* 9 /);
});

test('random selection is held to log3 N: rounds that grow like log2 N are missed', () => {
  // Twice log2 N: within the old allowance of 3·log2 N, far beyond log3 N + a few rounds.
  const doubling = measured.series.map((r) =>
    r.selection === 'random' ? { ...r, rounds: Math.ceil(2 * Math.log2(r.nodes)) } : r,
  );
  const random = simulationTargets({ ...measured, series: doubling })[3]!;
  assert.match(random.name, /random selection: most rounds beyond log3 N at any N <= 4/);
  assert.equal(random.met, false);
  assert.match(random.measured, /^13\.69 \(N=16, 64, 256, 1024: 8, 12, 16, 20 rounds\)$/);
});
