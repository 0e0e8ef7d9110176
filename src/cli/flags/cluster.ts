// Flags shared by the commands that start a local cluster (run, cluster, chaos); starting it is
// lifecycle/local-cluster.ts, so that `--help` and the flags' checks load no launcher.
import type { Argv } from 'yargs';
import { STRATEGIES, type Strategy } from '../../api/strategies.js';
import { CONFLICT_MODES, type ConflictMode } from '../../api/conflicts.js';
import { UsageError } from '../../errors.js';
import {
  DEFAULT_BASE_PORT,
  DEFAULT_NODE_COUNT,
  MAX_PORT,
  parseCount,
  parsePort,
} from './values.js';
import { parsePeersPerRound } from './node.js';

export const MAX_NODES = 9;

export interface ClusterArgs {
  nodes: number;
  'base-port': number;
  'ae-strategy': string;
  'ae-peers-per-round'?: number;
}

export function clusterFlags<T>(y: Argv<T>): Argv<T & ClusterArgs> {
  return y
    .option('nodes', {
      type: 'number',
      default: DEFAULT_NODE_COUNT,
      describe: `How many nodes (2 to ${MAX_NODES})`,
    })
    .option('base-port', {
      type: 'number',
      default: DEFAULT_BASE_PORT,
      describe: 'Port of node 1; node i listens on base-port + i - 1',
    })
    .option('ae-strategy', {
      type: 'string',
      choices: STRATEGIES,
      default: 'merkle',
      describe:
        'How the nodes reconcile: merkle (tree walk), riblt (coded symbols), full (ship everything)',
    })
    .option('ae-peers-per-round', {
      type: 'number',
      describe:
        "Peers each node's periodic rounds talk to, picked at random every round (default: all); " +
        'a trigger talks to all',
    }) as Argv<T & ClusterArgs>;
}

/** The cluster flags checked: how many nodes, on which ports, reconciling how. */
export interface ClusterSetup {
  count: number;
  /** Port of node 1; node i listens on basePort + i - 1. */
  basePort: number;
  strategy: Strategy;
  /** Peers a periodic round talks to; undefined: all of them. */
  peersPerRound?: number;
  /** The nodes' conflict mode (--conflicts; lww when absent). */
  conflicts?: ConflictMode;
}

/** --nodes, --base-port, --ae-strategy and --ae-peers-per-round, checked. */
export function checkClusterFlags(argv: ClusterArgs): ClusterSetup {
  const count = parseCount(argv.nodes, '--nodes', 2, MAX_NODES);
  const basePort = parsePort(argv['base-port'], '--base-port', false);
  const last = basePort + count - 1;
  // The user gave the first port; the last node's port is ours to name, with the way out.
  if (last > MAX_PORT)
    throw new UsageError(
      `--base-port ${basePort} puts node ${count} on port ${last}, past ${MAX_PORT}; ` +
        `choose --base-port ${MAX_PORT - count + 1} or lower, or fewer --nodes.`,
    );
  const strategy = STRATEGIES.find((s) => s === argv['ae-strategy']) ?? 'merkle';
  const k = argv['ae-peers-per-round'];
  return {
    count,
    basePort,
    strategy,
    ...(k !== undefined ? { peersPerRound: parsePeersPerRound(k) } : {}),
  };
}

/** --conflicts for the commands whose nodes take any writes (cluster, chaos). */
export function conflictsFlag<T>(y: Argv<T>): Argv<T & { conflicts: string }> {
  return y.option('conflicts', {
    type: 'string',
    choices: CONFLICT_MODES,
    default: 'lww',
    describe: 'How every node resolves concurrent writes: lww (newest wins) or siblings (keep all)',
  }) as Argv<T & { conflicts: string }>;
}

/** --conflicts checked: siblings, or nothing for the default lww. */
export function checkConflicts(argv: { conflicts: string }): { conflicts?: ConflictMode } {
  return argv.conflicts === 'siblings' ? { conflicts: 'siblings' } : {};
}
