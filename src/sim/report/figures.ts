// The report's plots as data (pure): from the results of one `simulate` command to PlotSpecs.
// One run: replicas converged and bytes sent against simulated time. Several runs: the same per
// run against the round on a log2 axis (a ring's hundreds of rounds beside random's handful),
// and, with several --nodes values, rounds to converge against N beside log3 N.
import type { SimResult } from '../simulate.js';
import { SCALING_LOG_Y_SPAN } from './constants.js';
import { log3 } from '../epidemic.js';
import type { PlotSeries, PlotSpec } from './spec.js';
import { formatBytes, formatCount } from './text.js';

const seconds = (v: number) => `${formatCount(v)} s`;

/** A run's name in a legend or a table: "N=256 random". */
export function runName(r: SimResult): string {
  return `N=${formatCount(r.nodes)} ${r.selection}`;
}

/** Replicas holding the final root, interval by interval. */
export function convergedPlot(results: readonly SimResult[], intervalMs: number): PlotSpec {
  if (results.length === 1) {
    const r = results[0]!;
    const points = r.perInterval.map((row) => ({ x: row.timeMs / 1000, y: row.converged }));
    const start = points[0]?.x ?? 0;
    const end = points.at(-1)?.x ?? 0;
    const outcome = r.converged
      ? `all hold the final root after ${r.rounds} rounds (${seconds(r.simulatedMs / 1000)})`
      : `not converged after ${r.rounds} rounds`;
    return {
      title: 'Replicas converged over simulated time',
      desc:
        `${r.nodes} replicas, ${r.selection} selection: ${outcome}. ` +
        `The dashed line is all ${r.nodes} replicas.`,
      x: { label: 'simulated time (s)', format: formatCount },
      y: { label: 'replicas holding the final root', format: formatCount },
      series: [
        { name: runName(r), points },
        {
          name: `all ${formatCount(r.nodes)}`,
          points: [
            { x: start, y: r.nodes },
            { x: end, y: r.nodes },
          ],
          reference: true,
        },
      ],
    };
  }
  const runs = results.map(
    (r) => `${runName(r)} ${r.converged ? `in ${r.rounds} rounds` : 'not converged'}`,
  );
  return {
    title: 'Replicas converged, per run',
    desc:
      'The share of replicas holding the final root at the end of each round, ' +
      `for ${results.length} runs: ${runs.join('; ')}.`,
    x: { label: 'round (log2 scale)', log2: true, format: formatCount },
    y: { label: '% of replicas holding the final root', format: formatCount },
    series: results.map((r) => ({
      name: runName(r),
      points: r.perInterval.map((row) => ({
        x: roundOf(row.timeMs, intervalMs),
        y: Math.round((row.converged / r.nodes) * 1000) / 10,
      })),
    })),
  };
}

/** Bytes on the simulated network, interval by interval (per replica when runs differ in N). */
export function bytesPlot(results: readonly SimResult[], intervalMs: number): PlotSpec {
  if (results.length === 1) {
    const r = results[0]!;
    return {
      title: 'Bytes sent per interval',
      desc:
        `${formatBytes(r.bytes)} in ${formatCount(r.messages)} messages over ${r.rounds} rounds, ` +
        `${formatBytes(r.bytesPerReplicaPerRound)} per replica per round.`,
      x: { label: 'simulated time (s)', format: formatCount },
      y: { label: 'bytes sent in the interval', format: formatBytes },
      series: [
        {
          name: runName(r),
          points: r.perInterval.map((row) => ({ x: row.timeMs / 1000, y: row.bytes })),
        },
      ],
    };
  }
  const runs = results.map(
    (r) =>
      `${runName(r)} ${formatBytes(r.bytesPerReplicaPerRound)} per replica per round on average`,
  );
  return {
    title: 'Bytes per replica per round, per run',
    desc: `Bytes sent in each round divided by the number of replicas: ${runs.join('; ')}.`,
    x: { label: 'round (log2 scale)', log2: true, format: formatCount },
    y: { label: 'bytes per replica in the round', format: formatBytes },
    series: results.map((r) => ({
      name: runName(r),
      points: r.perInterval.map((row) => ({
        x: roundOf(row.timeMs, intervalMs),
        y: Math.round(row.bytes / r.nodes),
      })),
    })),
  };
}

/** Rounds to converge against N, a line per selection, with log3 N; null with one N only. */
export function scalingPlot(results: readonly SimResult[]): PlotSpec | null {
  const sizes = [...new Set(results.map((r) => r.nodes))].sort((a, b) => a - b);
  if (sizes.length < 2) return null;
  const selections = [...new Set(results.map((r) => r.selection))];
  const series: PlotSeries[] = selections.map((selection) => ({
    name: `${selection} selection`,
    points: results
      .filter((r) => r.selection === selection && r.converged)
      .sort((a, b) => a.nodes - b.nodes)
      .map((r) => ({ x: r.nodes, y: r.rounds })),
  }));
  series.push({
    name: 'log3 N (push-pull gossip)',
    points: sizes.map((n) => ({ x: n, y: Math.round(log3(n) * 100) / 100 })),
    reference: true,
  });
  const failed = results.filter((r) => !r.converged);
  const perSelection = selections.map((s) => {
    const runs = results.filter((r) => r.selection === s && r.converged);
    return `${s}: ${runs.map((r) => `${r.rounds} rounds at N=${r.nodes}`).join(', ')}`;
  });
  const ys = series.flatMap((s) => s.points.map((p) => p.y));
  // A ring's hundreds of rounds would flatten random's handful against the axis: past a span of
  // SCALING_LOG_Y_SPAN the y axis is log2 too, where a ring (∝ N) is a straight line of slope 1.
  const logY = Math.min(...ys) > 0 && Math.max(...ys) / Math.min(...ys) >= SCALING_LOG_Y_SPAN;
  return {
    title: 'Rounds to converge against the number of replicas',
    desc:
      `${perSelection.join('. ')}. ` +
      'The dashed line is log3 N, the rounds push-pull gossip with one random peer needs ' +
      'before the last few replicas, found in a round or two more.' +
      (failed.length > 0 ? ` Not converged (not drawn): ${failed.map(runName).join(', ')}.` : ''),
    x: { label: 'replicas N (log2 scale)', log2: true, format: formatCount },
    y: {
      label: `rounds until every replica holds the final root${logY ? ' (log2 scale)' : ''}`,
      log2: logY,
      format: formatCount,
    },
    series,
  };
}

/** The round an interval row closes (the last may close mid-interval, at convergence). */
function roundOf(timeMs: number, intervalMs: number): number {
  return Math.max(1, Math.ceil(timeMs / intervalMs - 1e-9));
}
