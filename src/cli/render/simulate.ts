// The terminal output of `ae-demo simulate`: the per-interval table and the summary, with the
// rounds theory expects beside the measured rounds.
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

/** The summary: rounds and time to converge, cost, slowest replica, and what theory expects. */
export function simSummary(r: SimResult): string {
  const simulated = `(${(r.simulatedMs / 1000).toFixed(2)} s simulated)`;
  const lines = [
    `${r.nodes} replicas, ${r.selection} selection, ${r.strategy} strategy, ${r.writes} writes` +
      (r.conflicts ? ', siblings kept' : ''),
    r.converged
      ? `converged: every replica holds root ${r.root} after ${r.rounds} rounds ${simulated}`
      : `NOT converged after ${r.rounds} rounds ${simulated}`,
    `${expectation(r)}; measured ${r.rounds}`,
    `cost: ${r.messages} messages (${faultsSeen(r)}), ${r.bytes} bytes, ` +
      `${r.bytesPerReplicaPerRound} bytes per replica per round`,
  ];
  const q = r.convergenceMs;
  if (q.count > 0)
    lines.push(
      `each replica held the final root p50 ${q.p50} ms, p95 ${q.p95} ms, max ${q.max} ms ` +
        `after the last write or heal (${q.count} replicas)`,
    );
  if (r.crashes > 0)
    lines.push(`churn: ${r.crashes} crashes, each restarted with its store intact`);
  if (r.slowest)
    lines.push(`slowest replica: ${r.slowest.replica} at ${(r.slowest.atMs / 1000).toFixed(2)} s`);
  return lines.join('\n');
}

/** "12 lost, 3 duplicated, 9 sent again": the network's faults and the retries they caused. */
function faultsSeen(r: SimResult): string {
  return [
    `${r.lostMessages} lost`,
    ...(r.duplicatedMessages > 0 ? [`${r.duplicatedMessages} duplicated`] : []),
    ...(r.retries > 0 ? [`${r.retries} sent again`] : []),
  ].join(', ');
}

/** What theory expects of this selection: an expectation to read the rounds against, not a limit. */
function expectation(r: SimResult): string {
  const log3N = r.epidemic.log3N.toFixed(1);
  if (r.selection === 'random')
    return (
      `expected (push-pull gossip, one random peer a round): about log3(N) = ${log3N} rounds, ` +
      'and a round or two more for the last replicas'
    );
  if (r.selection === 'ring')
    return (
      'expected: on a ring news moves a hop or two a round, so the rounds grow like N ' +
      `(random peers would need about log3(N) = ${log3N})`
    );
  return 'expected: every replica talks to every other each round, so a round or two';
}

/** Rounds against N, one line per run, for a list of --nodes (or --selection) values. */
export function scalingTable(results: readonly SimResult[]): string {
  const lines = ['nodes  selection  rounds  log3(N)  converged'];
  for (const r of results) {
    const cells = [
      String(r.nodes).padStart(5),
      r.selection.padEnd(9),
      String(r.rounds).padStart(6),
      r.epidemic.log3N.toFixed(1).padStart(7),
      r.converged ? 'yes' : 'no',
    ];
    lines.push(cells.join('  '));
  }
  return lines.join('\n');
}
