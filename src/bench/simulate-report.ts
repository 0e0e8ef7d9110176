// The simulation's table in the benchmark's report (its targets are in simulate-targets.ts).
import { count } from '../format.js';
import { renderTable } from '../cli/render/table.js';
import type { SimBench } from './simulate.js';

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
    renderTable(HEAD, cells, width)
  );
}
