// The simulation's table in the benchmark's report (its targets are in simulate-targets.ts).
import Table from 'cli-table3';
import type { SimBench } from './simulate.js';

const gib = (bytes: number) => `${(bytes / 2 ** 30).toFixed(2)} GiB`;

export function renderSimulation(s: SimBench): string {
  const table = new Table({
    head: [
      'replicas',
      'keys',
      'writes',
      'selection',
      'rounds',
      'log3 N',
      'bytes / replica / round',
      'wall s',
      'peak RSS',
    ],
    style: { head: [], border: [] },
  });
  for (const r of [s.target, ...s.series])
    table.push([
      r.nodes.toLocaleString('en-US'),
      r.keys.toLocaleString('en-US'),
      r.writes,
      r.selection,
      r.converged ? r.rounds : `${r.rounds} (NOT converged)`,
      r.log3N.toFixed(1),
      r.bytesPerReplicaPerRound,
      (r.wallMs / 1000).toFixed(1),
      gib(r.peakRssBytes),
    ]);
  return (
    'Simulation (ae-demo simulate, one random or ring peer per round, a child process per run)\n' +
    table.toString()
  );
}
