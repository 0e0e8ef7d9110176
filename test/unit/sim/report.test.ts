// From simulation results to the report's figures and page (pure): which plots appear, what
// they draw, and a page that is self-contained and the same for the same results.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { simulate, type SimOptions, type SimResult } from '../../../src/sim/simulate.js';
import { SIM_DEFAULTS } from '../../../src/sim/constants.js';
import { bytesPlot, convergedPlot, scalingPlot } from '../../../src/sim/report/figures.js';
import { simReportHtml } from '../../../src/sim/report/page.js';
import { tableRows } from '../../../src/sim/report/table.js';
import { CSS } from '../../../src/web/view/style.js';
import { externalReferences } from '../../helpers/web.js';

const options: SimOptions = { ...SIM_DEFAULTS, keys: 40, writes: 6, maxRounds: 400 };

/** A result as simulate() makes it, with only what the figures read filled in by hand. */
function result(
  nodes: number,
  selection: SimResult['selection'],
  rounds: number,
  converged = true,
): SimResult {
  const perInterval = Array.from({ length: rounds }, (_, i) => ({
    timeMs: (i + 1) * 1000,
    converged: i === rounds - 1 && converged ? nodes : Math.floor((nodes * i) / rounds),
    up: nodes,
    messages: nodes * 4,
    bytes: nodes * 500,
    lostMessages: 0,
    exchanges: nodes,
    repaired: 1,
    unreachable: 0,
  }));
  return {
    nodes,
    selection,
    strategy: 'merkle',
    converged,
    rounds,
    simulatedMs: rounds * 1000,
    bytes: nodes * 500 * rounds,
    messages: nodes * 4 * rounds,
    lostMessages: 0,
    duplicatedMessages: 0,
    retries: 0,
    bytesPerReplicaPerRound: 500,
    writes: 6,
    crashes: 0,
    convergenceMs: { p50: rounds * 500, p95: rounds * 900, max: rounds * 1000, count: nodes },
    slowest: converged ? { replica: 'r0001', atMs: rounds * 1000 } : null,
    epidemic: { log3N: Math.log(nodes) / Math.log(3) },
    root: converged ? 'ab' : null,
    perInterval,
  };
}

test('one run: replicas converged and bytes against simulated time, no scaling plot', () => {
  const r = result(64, 'random', 6);
  assert.equal(scalingPlot([r]), null);
  const converged = convergedPlot([r], 1000);
  assert.equal(converged.x.log2, undefined);
  assert.deepEqual(converged.series[0]!.points.at(-1), { x: 6, y: 64 });
  assert.deepEqual(
    converged.series[1]!.points.map((p) => p.y),
    [64, 64],
    'the line of all N',
  );
  assert.equal(converged.series[1]!.reference, true);
  assert.deepEqual(bytesPlot([r], 1000).series[0]!.points[0], { x: 1, y: 32_000 });
});

test('several runs: shares and bytes per replica against the round on a log2 axis', () => {
  const runs = [result(16, 'random', 5), result(64, 'ring', 19)];
  const converged = convergedPlot(runs, 1000);
  assert.equal(converged.x.log2, true);
  assert.deepEqual(
    converged.series.map((s) => s.name),
    ['N=16 random', 'N=64 ring'],
  );
  assert.deepEqual(converged.series[1]!.points.at(-1), { x: 19, y: 100 });
  assert.deepEqual(bytesPlot(runs, 1000).series[1]!.points[0], { x: 1, y: 500 });
});

test('rounds against N: a line per selection, log3 N beside them, the unconverged left out', () => {
  const runs = [
    result(16, 'random', 5),
    result(16, 'ring', 6),
    result(64, 'random', 6),
    result(64, 'ring', 19),
    result(256, 'random', 7),
    result(256, 'ring', 400, false),
  ];
  const spec = scalingPlot(runs)!;
  assert.equal(spec.x.log2, true);
  assert.deepEqual(
    spec.series.map((s) => s.name),
    ['random selection', 'ring selection', 'log3 N (push-pull gossip)'],
  );
  assert.deepEqual(spec.series[0]!.points, [
    { x: 16, y: 5 },
    { x: 64, y: 6 },
    { x: 256, y: 7 },
  ]);
  assert.deepEqual(spec.series[1]!.points, [
    { x: 16, y: 6 },
    { x: 64, y: 19 },
  ]);
  assert.deepEqual(
    spec.series[2]!.points.map((p) => p.y),
    [2.52, 3.79, 5.05],
  );
  assert.match(spec.desc, /Not converged \(not drawn\): N=256 ring/);
  assert.equal(spec.y.log2, false, '19 rounds is not 16 times 4');
  const ring1024 = scalingPlot([...runs.slice(0, 4), result(1024, 'ring', 277)])!;
  assert.equal(ring1024.y.log2, true, '277 rounds beside 4 gets a log2 y axis');
});

test('the data table has a row per x and a column per series, thinned evenly when long', () => {
  const spec = scalingPlot([
    result(16, 'random', 5),
    result(64, 'random', 6),
    result(64, 'ring', 19),
  ])!;
  assert.deepEqual(tableRows(spec), [
    { x: 16, ys: [5, undefined, 2.52] },
    { x: 64, ys: [6, 19, 3.79] },
  ]);
  const long = tableRows(convergedPlot([result(8, 'ring', 500)], 1000));
  assert.ok(long.length <= 60);
  assert.equal(long.at(-1)!.x, 500, 'the last row is kept');
});

test('the page: self-contained, no script, every plot twice beside its table, the same for the same runs', async () => {
  const runs = [
    await simulate({ ...options, nodes: 8, selection: 'random' }),
    await simulate({ ...options, nodes: 16, selection: 'random' }),
  ];
  const page = simReportHtml(runs, options, 'ae-demo simulate --nodes 8,16', CSS);
  assert.deepEqual(externalReferences(page), []);
  assert.doesNotMatch(page, /<script/i);
  assert.equal((page.match(/<section class="part plot-block"/g) ?? []).length, 3);
  assert.equal((page.match(/<svg [^>]*class="plot wide"/g) ?? []).length, 3);
  assert.equal((page.match(/<svg [^>]*class="plot narrow"/g) ?? []).length, 3);
  assert.equal((page.match(/<table class="plot-data">/g) ?? []).length, 3);
  assert.match(page, /All 2 runs converged/);
  assert.match(page, /Made by <code>ae-demo simulate --nodes 8,16<\/code>/);
  assert.match(page, /no HTTP and no disk/);
  assert.equal(page, simReportHtml(runs, options, 'ae-demo simulate --nodes 8,16', CSS));
});

test('a run that did not converge is named in the verdict', () => {
  const page = simReportHtml(
    [result(8, 'random', 5), result(16, 'random', 9, false)],
    options,
    'x',
    '',
  );
  assert.match(page, /1 of 2 runs did not converge within 400 rounds: N=16 random/);
});
