// `ae-demo chaos`: a randomized, reproducible check of convergence and durability.
import { VerificationError } from '../../errors.js';
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
}

/** Starts a cluster with data directories, plays chaos on it and reports what it found. */
export async function runChaos(o: ChaosOptions, loadChaos: () => Promise<ChaosRun>): Promise<void> {
  const { count, basePort, strategy, peersPerRound, seed, ops } = o;
  const chaos = await loadChaos();
  await withTeardown(async (teardown) => {
    const data = await makeDataDirs('ae-demo-chaos-');
    teardown.defer(() => data.remove());
    const cluster = await startLocalCluster({
      count,
      basePort,
      aeIntervalMs: 0,
      extraArgs: data.args,
      strategy,
      ...(peersPerRound !== undefined ? { peersPerRound } : {}),
    });
    teardown.defer(() => cluster.stop());
    const report = await chaos(cluster, seed, ops, (line) =>
      process.stderr.write(`${wrap(quiet(line), terminalWidth(), '  ')}\n`),
    );
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
