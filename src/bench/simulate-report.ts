// The simulation's table in the benchmark's report (its targets are in simulate-targets.ts).
import { count } from '../format.js';
import { renderTable } from '../cli/render/table.js';
import { SIM_LOSS, type SimBench } from './simulate.js';

const gib = (bytes: number) => `${(bytes / 2 ** 30).toFixed(2)} GiB`;

const HEAD = [
  'replicas',
  'keys',
  'writes',
  'selection',
  'rounds',
  'log3 N',
  'bytes / replica / round',
  'wall s',
  'peak RSS',
];

/** The simulation's table, narrowed to `width` (a terminal's) when given. */
export function renderSimulation(s: SimBench, width?: number): string {
  const cells = [s.target, ...s.series].map((r) => [
    count(r.nodes),
    count(r.keys),
    count(r.writes),
    r.selection,
    r.converged ? count(r.rounds) : `${count(r.rounds)} (NOT converged)`,
    r.log3N.toFixed(1),
    count(r.bytesPerReplicaPerRound),
    (r.wallMs / 1000).toFixed(1),
    gib(r.peakRssBytes),
  ]);
  return (
    'Simulation (ae-demo simulate, one random or ring peer per round, a child process per run)\n' +
    renderTable(HEAD, cells, width) +
    lossLines(s)
  );
}

/** "10% loss: 38 rounds against 35 without (1.09 x)", one line per loss rate. */
function lossLines(s: SimBench): string {
  if (!s.loss || s.loss.length === 0) return '';
  const lines = s.loss.map(
    (r) =>
      `  ${r.loss * 100}% loss: ${r.rounds} rounds against ${r.losslessRounds} without ` +
      `(${(r.rounds / r.losslessRounds).toFixed(2)} x)${r.converged ? '' : ', NOT converged'}`,
  );
  const { nodes, seeds } = SIM_LOSS;
  return `\nUnder message loss (${nodes} replicas, rounds summed over ${seeds.length} seeds):\n${lines.join('\n')}`;
}
