// The simulation's lines of the benchmark: its table, and its targets as ratios to their limits.
import Table from 'cli-table3';
import type { Target } from './run.js';
import {
  logLogSlope,
  RING_MIN_SLOPE,
  SIM_TARGET_LIMITS as LIMIT,
  type SimBench,
} from './simulate.js';

const gib = (bytes: number) => `${(bytes / 2 ** 30).toFixed(2)} GiB`;

export function simulationTargets(s: SimBench): Target[] {
  const t = s.target;
  const bound = LIMIT.roundsPerLog2N * t.log2N;
  const out: Target[] = [
    {
      name: `simulate ${t.nodes} × ${t.keys / 1000}k keys: rounds <= ${LIMIT.roundsPerLog2N}·log2 N`,
      measured: `${(t.rounds / bound).toFixed(2)} (${t.rounds} of ${bound.toFixed(1)} rounds${t.converged ? '' : ', NOT converged'})`,
      met: t.converged && t.rounds <= bound,
    },
    {
      name: `simulate ${t.nodes} × ${t.keys / 1000}k keys: wall time <= ${LIMIT.wallMs / 1000} s`,
      measured: `${(t.wallMs / LIMIT.wallMs).toFixed(2)} (${(t.wallMs / 1000).toFixed(1)} s)`,
      met: t.wallMs <= LIMIT.wallMs,
    },
    {
      name: `simulate ${t.nodes} × ${t.keys / 1000}k keys: peak RSS <= ${gib(LIMIT.peakRssBytes)}`,
      measured: `${(t.peakRssBytes / LIMIT.peakRssBytes).toFixed(2)} (${gib(t.peakRssBytes)})`,
      met: t.peakRssBytes <= LIMIT.peakRssBytes,
    },
  ];
  const random = s.series.filter((r) => r.selection === 'random');
  const ring = s.series.filter((r) => r.selection === 'ring');
  if (random.length > 0) {
    const worst = Math.max(...random.map((r) => r.rounds / (LIMIT.roundsPerLog2N * r.log2N)));
    out.push({
      name: `simulate random, N=${random[0]!.nodes}…${random.at(-1)!.nodes}: rounds <= ${LIMIT.roundsPerLog2N}·log2 N at every N (grows like log N)`,
      measured: `${worst.toFixed(2)} at worst (${random.map((r) => r.rounds).join(', ')} rounds)`,
      met: worst <= 1 && random.every((r) => r.converged),
    });
  }
  if (ring.length > 1) {
    const slope = logLogSlope(ring);
    out.push({
      name: `simulate ring, N=${ring[0]!.nodes}…${ring.at(-1)!.nodes}: rounds grow like N (log-log slope >= ${RING_MIN_SLOPE})`,
      measured: `${slope.toFixed(2)} (${ring.map((r) => r.rounds).join(', ')} rounds)`,
      met: slope >= RING_MIN_SLOPE && ring.every((r) => r.converged),
    });
  }
  return out;
}

export function renderSimulation(s: SimBench): string {
  const table = new Table({
    head: [
      'replicas',
      'keys',
      'writes',
      'selection',
      'rounds',
      'log2 N',
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
      r.log2N.toFixed(1),
      r.bytesPerReplicaPerRound,
      (r.wallMs / 1000).toFixed(1),
      gib(r.peakRssBytes),
    ]);
  return `Simulation (ae-demo simulate, one random or ring peer per round, a child process per run)\n${table.toString()}`;
}
