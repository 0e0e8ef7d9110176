// Flags and start-up shared by the commands that start a local cluster (run, cluster).
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Argv } from 'yargs';
import { startCluster, type Cluster } from '../cluster/cluster.js';
import { STRATEGIES, type Strategy } from '../node/sync/exchange.js';
import { DEFAULT_BASE_PORT, DEFAULT_NODE_COUNT, parseCount, parsePort } from './options.js';
import { quiet } from './render/style.js';
import { parsePeersPerRound } from './node-flags.js';

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
        "Peers each node's periodic rounds talk to, picked at random every round (default: all); a trigger talks to all",
    }) as Argv<T & ClusterArgs>;
}

export function checkClusterFlags(argv: ClusterArgs): {
  count: number;
  basePort: number;
  strategy: Strategy;
  /** Peers a periodic round talks to; undefined: all of them. */
  peersPerRound?: number;
} {
  const count = parseCount(argv.nodes, '--nodes', 2, MAX_NODES);
  const basePort = parsePort(argv['base-port'], '--base-port', false);
  parsePort(basePort + count - 1, '--base-port (plus --nodes)', false);
  const strategy = STRATEGIES.find((s) => s === argv['ae-strategy']) ?? 'merkle';
  const k = argv['ae-peers-per-round'];
  return {
    count,
    basePort,
    strategy,
    ...(k !== undefined ? { peersPerRound: parsePeersPerRound(k) } : {}),
  };
}

/**
 * Starts the nodes with a fresh random cluster key (through the environment, not argv, so it
 * shows in no process list) and periodic anti-entropy off unless asked for.
 */
export function startLocalCluster(
  count: number,
  basePort: number,
  aeIntervalMs: number,
  onLog?: (node: number, stream: 'stdout' | 'stderr', line: string) => void,
  extraArgs: (index: number) => string[] = () => [],
  strategy: Strategy = 'merkle',
  peersPerRound?: number,
): Promise<Cluster> {
  return startCluster({
    count,
    basePort,
    portFlag: '--base-port',
    clusterKey: randomBytes(16).toString('hex'),
    nodeArgs: (i) => [
      '--ae-interval',
      String(aeIntervalMs),
      '--ae-strategy',
      strategy,
      ...(peersPerRound !== undefined ? ['--ae-peers-per-round', String(peersPerRound)] : []),
      ...extraArgs(i),
    ],
    ...(onLog ? { onLog } : {}),
  });
}

export function nodeLine(cluster: Cluster): string {
  return cluster.nodes.map((n) => `${n.id} ${quiet(`:${n.port}`)}`).join(' · ');
}

export interface DataDirs {
  root: string;
  /** The flags that give node i (1-based) its own data directory under the root. */
  args(index: number): string[];
  remove(): Promise<void>;
}

/** A fresh temporary root for the nodes' data directories, removed when the command ends. */
export async function makeDataDirs(prefix: string): Promise<DataDirs> {
  const root = await mkdtemp(path.join(os.tmpdir(), prefix));
  return {
    root,
    args: (index) => ['--data-dir', path.join(root, `node-${index}`)],
    remove: () => rm(root, { recursive: true, force: true }),
  };
}
