// `ae-demo simulate` as help shows it: its many flags and their defaults, and their values
// checked into one set of options per run; the simulation itself is commands/simulate.ts.
import type { ArgumentsCamelCase, Argv, InferredOptionTypes } from 'yargs';
import { UsageError } from '../../errors.js';
import { CONFLICT_MODES } from '../../api/conflicts.js';
import { STRATEGIES } from '../../api/strategies.js';
import {
  SIM_DEFAULTS as D,
  SIM_MAX_KEYS,
  SIM_MAX_NODES,
  SIM_MAX_ROUNDS_LIMIT,
} from '../../sim/constants.js';
import { SELECTIONS } from '../../sim/selection.js';
import type { SimOptions } from '../../sim/simulate.js';
import type { SimulateOptions } from '../commands/simulate.js';
import { command } from '../yargs/lazy.js';
import { parseCount, parseDuration } from '../flags/values.js';
import { fraction, nonZero, parseLatency, partitionFrom, positive } from '../flags/sim-network.js';
import { connectKey, type KeyArgs } from '../flags/connect.js';

const FLAGS = {
  nodes: {
    type: 'string',
    default: String(D.nodes),
    describe: 'Replicas, 2 or more; a list (16,64,256) runs each and compares rounds against N',
  },
  keys: {
    type: 'number',
    default: D.keys,
    describe: 'Background keys every replica holds at the start',
  },
  'value-bytes': { type: 'number', default: D.valueBytes, describe: 'Bytes per value' },
  writes: {
    type: 'number',
    default: D.writes,
    describe: 'Writes before the first round, each on one random replica',
  },
  given: {
    type: 'string',
    describe:
      'Start replica i with what node i held before the repair in this run --json output (keys, values, versions)',
  },
  'cluster-key-file': {
    type: 'string',
    describe:
      "A file holding a cluster key: the replicas hash their trees as that cluster's nodes do " +
      "(with --given: the run's key)",
  },
  'cluster-key': {
    type: 'string',
    describe: 'The cluster key itself (seen in process listings: prefer --cluster-key-file)',
  },
  'write-rate': {
    type: 'number',
    default: D.writeRate,
    describe: 'Writes per simulated second during the run (on random up replicas)',
  },
  'write-for': {
    type: 'string',
    default: '10s',
    describe: 'How long --write-rate writes (simulated)',
  },
  selection: {
    type: 'string',
    default: D.selection,
    describe: 'Peers of a round: all, random or ring (a list such as random,ring runs each)',
  },
  'peers-per-round': {
    type: 'number',
    default: D.peersPerRound,
    describe: 'Peers per round for random and ring',
  },
  'interval-ms': {
    type: 'number',
    default: D.intervalMs,
    describe: "Milliseconds between a replica's rounds (jittered ±20% like a node)",
  },
  'latency-ms': {
    type: 'number',
    describe: `One-way latency of every message [default: ${D.latencyMs}]`,
  },
  latency: {
    type: 'string',
    describe:
      "Each message's latency drawn, as chaos draws it: fixed:MS, uniform:MIN-MAX or " +
      'exponential:MEAN (ms; instead of --latency-ms)',
  },
  'bandwidth-mbps': {
    type: 'number',
    default: D.bandwidthMbps,
    describe: 'Uplink of each replica (messages queue behind each other)',
  },
  loss: {
    type: 'number',
    default: D.loss,
    describe: 'Probability that a message (a request or an answer) is lost, 0 to 1',
  },
  duplicate: {
    type: 'number',
    default: 0,
    describe: 'Probability that a message is delivered twice, 0 to 1',
  },
  reorder: {
    type: 'number',
    default: 0,
    describe: 'Probability that a message is held back up to 200 ms so later ones overtake it',
  },
  churn: {
    type: 'number',
    default: D.churn,
    describe: 'Probability that an up replica crashes in an interval, 0 to 1 (it keeps its store)',
  },
  'down-for': { type: 'string', default: '3s', describe: 'How long a crashed replica stays down' },
  partition: { type: 'string', describe: 'Split the replicas in two halves from..to, e.g. 0s-20s' },
  'ae-strategy': {
    type: 'string',
    default: D.strategy,
    describe: `Exchange strategy: ${STRATEGIES.join(', ')}`,
  },
  conflicts: {
    type: 'string',
    default: 'lww',
    describe: `How replicas resolve concurrent writes: ${CONFLICT_MODES.join(', ')} (siblings keeps all)`,
  },
  seed: {
    type: 'number',
    default: D.seed,
    describe: 'Seed of every random choice (same seed, same JSON byte for byte)',
  },
  'max-rounds': {
    type: 'number',
    default: D.maxRounds,
    describe: 'Give up (exit 1) after this many rounds',
  },
  json: { type: 'boolean', default: false, describe: 'Print the result as JSON' },
  report: {
    type: 'string',
    describe: 'Write a self-contained HTML report with SVG plots to this file',
  },
  plot: {
    type: 'string',
    describe: 'Write the main plot alone as an SVG file (rounds against N with a --nodes list)',
  },
} as const;

/** Many replicas in one process, on a simulated network in virtual time. */
export const simulateCommand = command({
  command: 'simulate',
  describe: 'Simulate N replicas (the real store, tree and exchange) on a network in virtual time',
  builder: (y: Argv) =>
    y
      .options(FLAGS)
      .example('$0 simulate', '64 replicas, one random peer per round')
      .example(
        '$0 simulate --nodes 1000 --keys 10000 --writes 100',
        '1,000 replicas of 10,000 keys, 100 writes (about 20 s, 1 GiB)',
      )
      .example(
        '$0 simulate --given seed.json --cluster-key-file key.txt --nodes 3 --keys 0 --writes 0 ' +
          '--selection all',
        'replay what ae-demo run --keys 0 --cluster-key-file key.txt --json > seed.json ' +
          'repaired: the same final root',
      )
      .example('$0 simulate --nodes 16,64,256,1024 --selection random,ring', 'rounds against N')
      .example('$0 simulate --loss 0.1 --churn 0.05 --partition 2s-10s', 'a hostile network')
      .example(
        '$0 simulate --nodes 1000 --loss 0.1 --duplicate 0.05 --reorder 0.1 --latency exponential:20',
        "chaos's network faults on a thousand replicas; --json convergenceMs compares with chaos",
      )
      .example(
        '$0 simulate --nodes 16,64,256,1024 --selection random,ring --keys 100 --report sim.html',
        'the plots in a self-contained HTML page',
      )
      .example('$0 simulate --nodes 16,64,256 --plot rounds.svg', 'rounds against N as an SVG file')
      .example('$0 simulate --ae-strategy riblt --json', 'the rateless strategy, as JSON'),
  options: (argv): SimulateOptions => ({
    runs: runsFrom(argv),
    json: argv.json,
    ...(argv.report !== undefined ? { report: argv.report } : {}),
    ...(argv.plot !== undefined ? { plot: argv.plot } : {}),
    ...(argv.given !== undefined ? { given: argv.given } : {}),
  }),
  run: async (o) => (await import('../commands/simulate.js')).simulate(o),
});

/** argv as yargs parses FLAGS. */
type SimArgs = ArgumentsCamelCase<InferredOptionTypes<typeof FLAGS>>;

/** Checked flags -> one SimOptions per (nodes, selection) pair. */
function runsFrom(argv: SimArgs): SimOptions[] {
  const nodes = String(argv.nodes)
    .split(',')
    .map((n) => parseCount(n.trim(), '--nodes', 2, SIM_MAX_NODES));
  const selections = String(argv.selection)
    .split(',')
    .map((s) => {
      const found = SELECTIONS.find((x) => x === s.trim());
      if (!found)
        throw new UsageError(`--selection takes ${SELECTIONS.join(', ')} (or a list), not "${s}".`);
      return found;
    });
  const strategy = STRATEGIES.find((s) => s === argv['ae-strategy']);
  if (!strategy) throw new UsageError(`--ae-strategy takes one of ${STRATEGIES.join(', ')}.`);
  const conflicts = CONFLICT_MODES.find((c) => c === argv.conflicts);
  if (!conflicts) throw new UsageError(`--conflicts takes one of ${CONFLICT_MODES.join(', ')}.`);
  const latency = Number(argv['latency-ms'] ?? D.latencyMs);
  if (!(latency >= 0 && Number.isFinite(latency)))
    throw new UsageError('--latency-ms must be 0 or more.');
  if (argv.latency !== undefined && argv['latency-ms'] !== undefined)
    throw new UsageError('Give --latency or --latency-ms, not both.');
  const partition = partitionFrom(argv.partition);
  const base = {
    keys: parseCount(argv.keys, '--keys', 0, SIM_MAX_KEYS),
    valueBytes: parseCount(argv['value-bytes'], '--value-bytes', 1, 1_000_000),
    writes: parseCount(argv.writes, '--writes', 0, SIM_MAX_KEYS),
    writeRate: Number(argv['write-rate']) === 0 ? 0 : positive(argv['write-rate'], 'write-rate'),
    writeForMs: parseDuration(String(argv['write-for']), '--write-for'),
    peersPerRound: parseCount(argv['peers-per-round'], '--peers-per-round', 1, SIM_MAX_NODES),
    intervalMs: positive(argv['interval-ms'], 'interval-ms'),
    latencyMs: latency,
    ...(argv.latency !== undefined ? { latency: parseLatency(argv.latency, '--latency') } : {}),
    bandwidthMbps: positive(argv['bandwidth-mbps'], 'bandwidth-mbps'),
    loss: fraction(argv.loss, 'loss'),
    ...nonZero('duplicate', fraction(argv.duplicate, 'duplicate')),
    ...nonZero('reorder', fraction(argv.reorder, 'reorder')),
    churn: fraction(argv.churn, 'churn'),
    downMs: parseDuration(String(argv['down-for']), '--down-for'),
    ...partition,
    strategy,
    ...(conflicts === 'siblings' ? { conflicts } : {}),
    seed: parseCount(argv.seed, '--seed', 0, 2 ** 32 - 1),
    maxRounds: parseCount(argv['max-rounds'], '--max-rounds', 1, SIM_MAX_ROUNDS_LIMIT),
    ...keyOf(argv),
  };
  return nodes.flatMap((n) => selections.map((selection) => ({ ...base, nodes: n, selection })));
}

/**
 * --cluster-key or --cluster-key-file, checked as every command checks them; the environment's
 * key is not read: a simulation is keyed only when asked to be.
 */
function keyOf(argv: KeyArgs): Pick<SimOptions, 'clusterKey'> {
  const clusterKey = connectKey(argv, {});
  return clusterKey === undefined ? {} : { clusterKey };
}
