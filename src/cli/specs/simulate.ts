// `ae-demo simulate` as help shows it: its many flags and their defaults; the simulation itself
// is commands/simulate.ts.
import type { Argv } from 'yargs';
import { STRATEGIES } from '../../node/sync/strategy.js';
import { SIM_DEFAULTS as D } from '../../sim/constants.js';
import { lazyCommand } from '../lazy.js';

export type SimArgs = Record<string, string | number | boolean>;

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
  'latency-ms': { type: 'number', default: D.latencyMs, describe: 'One-way latency of a message' },
  'bandwidth-mbps': {
    type: 'number',
    default: D.bandwidthMbps,
    describe: 'Uplink of each replica (messages queue behind each other)',
  },
  loss: { type: 'number', default: D.loss, describe: 'Probability that a message is lost, 0 to 1' },
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
export const simulateCommand = lazyCommand<SimArgs>(
  {
    command: 'simulate',
    describe:
      'Simulate N replicas (the real store, tree and exchange) on a network in virtual time',
    builder: (y: Argv) =>
      (y.options(FLAGS as never) as Argv)
        .example('$0 simulate', '64 replicas, one random peer per round')
        .example('$0 simulate --nodes 1000 --keys 10000 --writes 100', "the issue's target run")
        .example(
          '$0 simulate --given seed.json --nodes 3 --keys 0 --writes 0 --selection all',
          'replay what ae-demo run --keys 0 --json > seed.json repaired: the same final root',
        )
        .example('$0 simulate --nodes 16,64,256,1024 --selection random,ring', 'rounds against N')
        .example('$0 simulate --loss 0.1 --churn 0.05 --partition 2s-10s', 'a hostile network')
        .example(
          '$0 simulate --nodes 16,64,256,1024 --selection random,ring --keys 100 --report sim.html',
          'the plots in a self-contained HTML page',
        )
        .example(
          '$0 simulate --nodes 16,64,256 --plot rounds.svg',
          'rounds against N as an SVG file',
        )
        .example(
          '$0 simulate --ae-strategy riblt --json',
          'the rateless strategy, as JSON',
        ) as unknown as Argv<SimArgs>,
  },
  async () => (await import('../commands/simulate.js')).simulate,
);
