// Starting a local cluster for run, cluster and chaos: the nodes, their data directories, and
// the one line that names them.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startCluster, type Cluster } from '../../cluster/cluster.js';
import type { Strategy } from '../../api/strategies.js';
import type { ConflictMode } from '../../api/conflicts.js';
import { quiet } from '../render/style.js';

/** How `run`, `cluster` and `chaos` start their nodes. */
export interface LocalClusterOptions {
  count: number;
  basePort: number;
  /** Periodic anti-entropy (0: only on trigger). */
  aeIntervalMs: number;
  onLog?: (node: number, stream: 'stdout' | 'stderr', line: string) => void;
  /** More flags for node i (1-based): its data directory, a scenario's own. */
  extraArgs?: (index: number) => string[];
  strategy?: Strategy;
  /** The nodes' conflict mode (lww when absent). */
  conflicts?: ConflictMode;
  peersPerRound?: number;
  /** The key the nodes share; a fresh random one when not given. */
  clusterKey?: string;
}

/** A fresh cluster key: 16 random bytes, as hex. */
export function randomClusterKey(): string {
  return randomBytes(16).toString('hex');
}

/**
 * Starts the nodes with a cluster key (through the environment, not argv, so it shows in no
 * process list) and periodic anti-entropy off unless asked for.
 */
export function startLocalCluster(o: LocalClusterOptions): Promise<Cluster> {
  const { aeIntervalMs, strategy = 'merkle', peersPerRound, onLog } = o;
  const extraArgs = o.extraArgs ?? (() => []);
  return startCluster({
    count: o.count,
    basePort: o.basePort,
    portFlag: '--base-port',
    clusterKey: o.clusterKey ?? randomClusterKey(),
    nodeArgs: (i) => [
      '--ae-interval',
      String(aeIntervalMs),
      '--ae-strategy',
      strategy,
      ...(peersPerRound !== undefined ? ['--ae-peers-per-round', String(peersPerRound)] : []),
      ...(o.conflicts && o.conflicts !== 'lww' ? ['--conflicts', o.conflicts] : []),
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
