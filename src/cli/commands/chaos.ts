// `ae-demo chaos`: a randomized, reproducible check of convergence and durability.
import { VerificationError } from '../../errors.js';
import type { Cluster } from '../../cluster/cluster.js';
import type { NodeCommands } from '../../cluster/node-commands.js';
import type { Teardown } from '../lifecycle/teardown.js';
import type { ChaosRun } from '../../story/scenario.js';
import type { ClusterSetup } from '../flags/cluster.js';
import { makeDataDirs, startLocalCluster } from '../lifecycle/local-cluster.js';
import { withTeardown } from '../lifecycle/teardown.js';
import { chaosLines } from '../render/chaos.js';
import { quiet } from '../render/style.js';
import { terminalWidth, wrap } from '../render/wrap.js';

/** The cluster `ae-demo chaos` starts, the operations it plays on it, and how it reports. */
export interface ChaosOptions extends ClusterSetup {
  /** Seed of the random sequence. */
  seed: number;
  /** How many random operations. */
  ops: number;
  /** Print the report as JSON. */
  json: boolean;
  /** Nodes already running elsewhere, played on instead of started ones. */
  connect?: string[];
  /** Their cluster key. */
  clusterKey?: string;
  /** How to kill and restart one of them; without a restart command chaos kills none. */
  commands?: NodeCommands;
}

/** Starts a cluster with data directories, plays chaos on it and reports what it found. */
export async function runChaos(o: ChaosOptions, loadChaos: () => Promise<ChaosRun>): Promise<void> {
  const { count, seed } = o;
  const chaos = await loadChaos();
  await withTeardown(async (teardown) => {
    const cluster = await chaosCluster(o, teardown);
    const { ops } = o;
    const progress = (line: string) =>
      process.stderr.write(`${wrap(quiet(line), terminalWidth(), '  ')}\n`);
    const report = await chaos(cluster, seed, ops, progress, o.conflicts ?? 'lww');
    if (o.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    else
      for (const line of chaosLines(report, count))
        process.stdout.write(`${wrap(line, terminalWidth(), '  ')}\n`);
    if (report.violations.length > 0) {
      throw new VerificationError(
        `Chaos with --seed ${seed} found ${report.violations.length} violation(s), first: ${report.violations[0]}`,
      );
    }
  });
}

/** The nodes chaos plays on: its own, with data directories, or those --connect names. */
async function chaosCluster(o: ChaosOptions, teardown: Teardown): Promise<Cluster> {
  if (o.connect) {
    const kills = o.commands?.restart
      ? 'kills and restarts run your commands'
      : 'no node is killed (that needs --restart-command)';
    const said = `--connect: chaos on ${o.connect.length} nodes that run elsewhere; none is started or stopped`;
    process.stderr.write(`${wrap(`${said}; ${kills}.`, terminalWidth())}\n`);
    const { connectCluster } = await import('../../cluster/connect.js');
    const cluster = await connectCluster(o.connect, o.clusterKey, o.commands);
    // Not a stop: every cut healed, every node taken down started again.
    teardown.defer(() => cluster.stop());
    return cluster;
  }
  const data = await makeDataDirs('ae-demo-chaos-');
  teardown.defer(() => data.remove());
  const cluster = await startLocalCluster({
    count: o.count,
    basePort: o.basePort,
    aeIntervalMs: 0,
    extraArgs: data.args,
    strategy: o.strategy,
    ...(o.conflicts ? { conflicts: o.conflicts } : {}),
    ...(o.peersPerRound !== undefined ? { peersPerRound: o.peersPerRound } : {}),
  });
  teardown.defer(() => cluster.stop());
  return cluster;
}
