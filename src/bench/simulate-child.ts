// Child of bench/simulate.ts: one simulation in a fresh process, so that its peak RSS is its
// own. Takes the options (over simulate's defaults) as JSON and prints the result's figures,
// the wall time of simulate() and the process's peak RSS.
import { SIM_DEFAULTS } from '../sim/constants.js';
import { simulate, type SimOptions } from '../sim/simulate.js';

const options = { ...SIM_DEFAULTS, ...JSON.parse(process.argv[2] ?? '{}') } as SimOptions;
const started = performance.now();
const r = await simulate(options);
const wallMs = performance.now() - started;
process.stdout.write(
  JSON.stringify({
    nodes: r.nodes,
    keys: options.keys,
    writes: r.writes,
    selection: r.selection,
    converged: r.converged,
    rounds: r.rounds,
    log3N: r.epidemic.log3N,
    bytesPerReplicaPerRound: r.bytesPerReplicaPerRound,
    wallMs: Math.round(wallMs),
    // resourceUsage().maxRSS is the peak resident set in KiB (getrusage's ru_maxrss).
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
  }),
);
