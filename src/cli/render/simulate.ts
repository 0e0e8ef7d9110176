// The terminal output of `ae-demo simulate`: the per-interval table and the summary, with the
// epidemic bound beside the measured rounds.
import type { SimResult } from '../../sim/simulate.js';
import { SIM_TABLE_MAX_ROWS } from '../../sim/constants.js';

/** The interval table (at most SIM_TABLE_MAX_ROWS rows, evenly spread, the last always kept). */
export function intervalTable(r: SimResult): string {
  const rows = r.perInterval;
  const step = Math.max(1, Math.ceil(rows.length / SIM_TABLE_MAX_ROWS));
  const shown = rows.filter((_, i) => i % step === 0 || i === rows.length - 1);
  const head = ['time (s)', 'converged', 'up', 'messages', 'bytes', 'lost', 'exchanges'];
  const body = shown.map((row) => [
    (row.timeMs / 1000).toFixed(2),
    `${row.converged}/${r.nodes}`,
    String(row.up),
    String(row.messages),
    String(row.bytes),
    String(row.lostMessages),
    String(row.exchanges),
  ]);
  const widths = head.map((h, c) => Math.max(h.length, ...body.map((b) => b[c]!.length)));
  const line = (cells: string[]) => cells.map((x, c) => x.padStart(widths[c]!)).join('  ');
  const note = step > 1 ? `\n(every ${step}th interval shown; --json has all ${rows.length})` : '';
  return [line(head), ...body.map(line)].join('\n') + note;
}

/** The summary: rounds and time to converge, cost, slowest replica, and the O(log N) bound. */
export function simSummary(r: SimResult): string {
  const simulated = `(${(r.simulatedMs / 1000).toFixed(2)} s simulated)`;
  const lines = [
    `${r.nodes} replicas, ${r.selection} selection, ${r.strategy} strategy, ${r.writes} writes`,
    r.converged
      ? `converged: every replica holds root ${r.root} after ${r.rounds} rounds ${simulated}`
      : `NOT converged after ${r.rounds} rounds ${simulated}`,
    `epidemic bound (push-pull, one random peer): ~log2(N) = ${r.bound.log2N.toFixed(1)} rounds; ` +
      `target ≤ 3·log2(N) = ${r.bound.target.toFixed(1)}; measured ${r.rounds}`,
    `cost: ${r.messages} messages (${r.lostMessages} lost), ${r.bytes} bytes, ` +
      `${r.bytesPerReplicaPerRound} bytes per replica per round`,
  ];
  if (r.crashes > 0)
    lines.push(`churn: ${r.crashes} crashes, each restarted with its store intact`);
  if (r.slowest)
    lines.push(`slowest replica: ${r.slowest.replica} at ${(r.slowest.atMs / 1000).toFixed(2)} s`);
  return lines.join('\n');
}

/** Rounds against N, one line per run, for a list of --nodes (or --selection) values. */
export function scalingTable(results: readonly SimResult[]): string {
  const lines = ['nodes  selection  rounds  log2(N)  converged'];
  for (const r of results) {
    const cells = [
      String(r.nodes).padStart(5),
      r.selection.padEnd(9),
      String(r.rounds).padStart(6),
      r.bound.log2N.toFixed(1).padStart(7),
      r.converged ? 'yes' : 'no',
    ];
    lines.push(cells.join('  '));
  }
  return lines.join('\n');
}
