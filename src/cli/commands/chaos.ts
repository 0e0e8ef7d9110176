// `ae-demo chaos`: a randomized, reproducible check of convergence and durability.
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { VerificationError } from '../../errors.js';
import type { NodeCommands } from '../../cluster/node-commands.js';
import type { Teardown } from '../lifecycle/teardown.js';
import type { FaultKind, Schedule } from '../../story/chaos.js';
import type { ChaosCluster, ChaosRun } from '../../story/scenario.js';
import type { ClusterSetup } from '../flags/cluster.js';
import { makeDataDirs, startLocalCluster } from '../lifecycle/local-cluster.js';
import { withTeardown } from '../lifecycle/teardown.js';
import { closeOnNodesElsewhere } from '../lifecycle/interrupt.js';
import { chaosLines, shrunkLines } from '../render/chaos.js';
import { quiet } from '../render/style.js';
import { hintsOf, switchHints } from '../../cluster/repair-client.js';
import { terminalWidth, wrap } from '../render/wrap.js';

/** The nodes' periodic anti-entropy under chaos: several rounds a second, so convergence is timed. */
const CHAOS_AE_INTERVAL_MS = 250;

/** The cluster `ae-demo chaos` starts, the operations it plays on it, and how it reports. */
export interface ChaosOptions extends ClusterSetup {
  /** Seed of the random sequence. */
  seed: number;
  /** How many random operations. */
  ops: number;
  /** The kinds of fault to inject. */
  faults: FaultKind[];
  /** A saved schedule to replay instead of one made from the seed. */
  schedule?: Schedule;
  /** On a violation, look for a shorter schedule that still fails. */
  shrink: boolean;
  /** Print the report as JSON. */
  json: boolean;
  /** Nodes already running elsewhere, played on instead of started ones. */
  connect?: string[];
  /** Their cluster key; without --connect, the key chaos's own nodes start with (else a fresh one). */
  clusterKey?: string;
  /** How to kill and restart one of them; without a restart command chaos kills none. */
  commands?: NodeCommands;
}

/** Starts a cluster with data directories, plays chaos on it and reports what it found. */
export async function runChaos(o: ChaosOptions, loadChaos: () => Promise<ChaosRun>): Promise<void> {
  const { count, seed, ops } = o;
  const chaos = await loadChaos();
  await withTeardown(async (teardown) => {
    const cluster = await chaosCluster(o, teardown);
    const plan = {
      seed,
      ops,
      faults: o.faults,
      shrink: o.shrink,
      conflicts: o.conflicts ?? 'lww',
      ...(o.schedule ? { schedule: o.schedule } : {}),
    };
    const report = await chaos(cluster, plan, (line) =>
      process.stderr.write(`${wrap(quiet(line), terminalWidth(), '  ')}\n`),
    );
    const saved = report.shrunk ? await save(report.shrunk.schedule, seed) : undefined;
    if (o.json)
      process.stdout.write(
        `${JSON.stringify(saved ? { ...report, shrunkFile: saved } : report, null, 2)}\n`,
      );
    else {
      const lines = chaosLines(report, count);
      if (saved) lines.push(...shrunkLines(report, saved, rerunCommand(o, saved)));
      for (const line of lines) process.stdout.write(`${wrap(line, terminalWidth(), '  ')}\n`);
    }
    if (report.violations.length > 0) {
      throw new VerificationError(
        `Chaos with --seed ${seed} found ${report.violations.length} violation(s), first: ${report.violations[0]}`,
      );
    }
  });
}

/**
 * The nodes chaos plays on: its own, with data directories, or those --connect names, whose
 * periodic interval is set for the run (convergence is timed by their own rounds) and put back.
 */
async function chaosCluster(o: ChaosOptions, teardown: Teardown): Promise<ChaosCluster> {
  if (o.connect) {
    const kills = o.commands?.restart
      ? 'kills and restarts run your commands'
      : 'no node is killed (that needs --restart-command)';
    closeOnNodesElsewhere();
    const said = `--connect: chaos on ${o.connect.length} nodes that run elsewhere; none is started or stopped`;
    process.stderr.write(`${wrap(`${said}; ${kills}.`, terminalWidth())}\n`);
    const { connectCluster } = await import('../../cluster/connect.js');
    const cluster = await connectCluster(o.connect, o.clusterKey, o.commands);
    // Not a stop: every cut healed, every node taken down started again.
    teardown.defer(() => cluster.stop());
    const before = await Promise.all(cluster.clients.map((c) => c.interval()));
    teardown.defer(async () => {
      await Promise.allSettled(cluster.clients.map((c, i) => c.setInterval(before[i]!.intervalMs)));
    });
    const hints = await Promise.all(cluster.clients.map((c) => hintsOf(c)));
    teardown.defer(async () => {
      await Promise.allSettled(cluster.clients.map((c, i) => switchHints(c, hints[i]!)));
    });
    // Chaos's interval, and hinted handoff on: a write a node misses is kept for it.
    const timed = async (i: number) => {
      await cluster.clients[i - 1]!.setInterval(CHAOS_AE_INTERVAL_MS);
      await switchHints(cluster.clients[i - 1]!, true);
    };
    await Promise.all(cluster.clients.map((_, i) => timed(i + 1)));
    // A node started again runs with its own interval and hints: chaos's are set on it again.
    return {
      clients: cluster.clients,
      nodes: cluster.nodes,
      canKill: cluster.canKill,
      kill: (i) => cluster.kill(i),
      restart: async (i) => {
        const node = await cluster.restart(i);
        await timed(i);
        return node;
      },
    };
  }
  const data = await makeDataDirs('ae-demo-chaos-');
  teardown.defer(() => data.remove());
  const cluster = await startLocalCluster({
    count: o.count,
    basePort: o.basePort,
    aeIntervalMs: CHAOS_AE_INTERVAL_MS,
    // Hinted handoff on, whatever the nodes' default: chaos counts what each repair path did.
    extraArgs: (i) => ['--hints', 'on', ...data.args(i)],
    strategy: o.strategy,
    ...(o.conflicts ? { conflicts: o.conflicts } : {}),
    ...(o.peersPerRound !== undefined ? { peersPerRound: o.peersPerRound } : {}),
    ...(o.clusterKey !== undefined ? { clusterKey: o.clusterKey } : {}),
  });
  teardown.defer(() => cluster.stop());
  return cluster;
}

/** Writes a schedule where the user can find it after the run; returns its path. */
async function save(schedule: Schedule, seed: number): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), `ae-demo-chaos-seed${seed}-`));
  const file = path.join(dir, 'schedule.json');
  await writeFile(file, `${JSON.stringify(schedule)}\n`);
  return file;
}

/** The command that replays a saved schedule on a cluster like this one. */
export function rerunCommand(
  o: Pick<ChaosOptions, 'seed' | 'count' | 'strategy'>,
  file: string,
): string {
  const parts = ['npx ae-demo chaos', `--seed ${o.seed}`, `--schedule ${file}`];
  if (o.count !== 3) parts.push(`--nodes ${o.count}`);
  if (o.strategy !== 'merkle') parts.push(`--ae-strategy ${o.strategy}`);
  return parts.join(' ');
}
