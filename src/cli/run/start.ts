// What `run` does before its story's modules load, once specs/run.ts has checked every flag:
// start the nodes at once. Forking first and loading the rest (rendering, the HTTP client, the scenario's steps,
// the live page) while the nodes boot takes that loading off the path to the first request.
import { loadGot } from '../../cluster/got.js';
import type { Cluster } from '../../cluster/cluster.js';
import type { Strategy } from '../../api/strategies.js';
import type { Scenario } from '../../story/scenario.js';
import { makeDataDirs, startLocalCluster, type DataDirs } from '../lifecycle/local-cluster.js';
import type { Teardown } from '../lifecycle/teardown.js';
import type { NodeCommands } from '../../cluster/node-commands.js';
import { closeOnNodesElsewhere } from '../lifecycle/interrupt.js';

/** Keys written before the story: enough that shipping everything visibly costs more than a tree walk. */
export const DEFAULT_BACKGROUND_KEYS = 1000;
/** The most --keys takes. */
export const MAX_BACKGROUND_KEYS = 1_000_000;

/** What `ae-demo run` plays, on which nodes, and where it shows it (checked flags). */
export interface RunOptions {
  scenario: Scenario;
  count: number;
  basePort: number;
  json: boolean;
  step: boolean;
  keep: boolean;
  seed: number;
  keys: number;
  /** How the nodes reconcile (default merkle). */
  strategy?: Strategy;
  /** Peers each node's periodic rounds talk to, at random (default: all). */
  peersPerRound?: number;
  /** Serve the live page on this port (0: any free one). */
  webPort?: number;
  /** Write the report here at the end. */
  report?: string;
  /** Nodes already running elsewhere, played on instead of forked ones. */
  connect?: string[];
  /**
   * With --connect their cluster key (--cluster-key, --cluster-key-file, $AE_CLUSTER_KEY); else
   * the key the run's own nodes start with (the flags; a fresh one when none is given).
   */
  clusterKey?: string;
  /** How to kill and restart one of them (--kill-command, --restart-command). */
  commands?: NodeCommands;
  /** List each exchange's messages under its table (--messages). */
  messages: boolean;
  /** Record the run to this file (JSON Lines; replay reads it). */
  record?: string;
}

/** Nodes on their way up: the story awaits `cluster`; `stop` stops whichever of them started. */
export interface StartingNodes {
  /** When the run began (performance.now()): its verdict's elapsed time counts from here. */
  started: number;
  cluster: Promise<Cluster>;
  data: DataDirs | undefined;
  stop(): Promise<void>;
}

/**
 * Forks every node now (their data directories first, when the scenario keeps data or the
 * page may restart a node). The data go on the teardown stack at once; the nodes' stop is put
 * there by the story once its page is open, so that they stop before the page lingers.
 */
export async function startNodes(o: RunOptions, teardown: Teardown): Promise<StartingNodes> {
  const started = performance.now();
  if (o.connect) {
    const through = o.commands?.restart ? '; a kill or restart runs --restart-command' : '';
    const [{ connectCluster }, { terminalWidth, wrap }] = await Promise.all([
      import('../../cluster/connect.js'),
      import('../render/wrap.js'),
    ]);
    const said = `--connect: playing on ${o.connect.length} nodes that run elsewhere`;
    closeOnNodesElsewhere();
    process.stderr.write(
      `${wrap(`${said}; none is started or stopped${through}.`, terminalWidth())}\n`,
    );
    const cluster = connectCluster(o.connect, o.clusterKey, o.commands);
    const settled = cluster.then(
      (c) => c,
      () => undefined,
    );
    // Stopping stops none of them: it heals what the story cut and brings back what it took down.
    return { started, cluster, data: undefined, stop: async () => (await settled)?.stop() };
  }
  const { scenario } = o;
  const data =
    scenario.durable || (o.keep && o.webPort !== undefined)
      ? await makeDataDirs('ae-demo-')
      : undefined;
  if (data) teardown.defer(() => data.remove());
  const cluster = startLocalCluster({
    count: o.count,
    basePort: o.basePort,
    aeIntervalMs: scenario.aeIntervalMs ?? 0,
    extraArgs: (i) => [
      ...['--hints', scenario.hints ? 'on' : 'off'],
      ...(scenario.nodeArgs?.(i) ?? []),
      ...(data?.args(i) ?? []),
    ],
    strategy: scenario.strategy ?? o.strategy,
    ...(o.peersPerRound !== undefined ? { peersPerRound: o.peersPerRound } : {}),
    ...(o.clusterKey !== undefined ? { clusterKey: o.clusterKey } : {}),
  });
  // The story's first request needs got: load it while the nodes boot (a failure shows there).
  loadGot().catch(() => undefined);
  // Its failure is reported where the story awaits it; a start that failed stopped its nodes.
  const settled = cluster.then(
    (c) => c,
    () => undefined,
  );
  return { started, cluster, data, stop: async () => (await settled)?.stop() };
}
