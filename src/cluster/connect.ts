// A cluster that runs elsewhere (containers, other machines): nodes already running, asked for
// their ids, driven through the same clients as forked ones. Nothing here starts or stops a
// node. It kills and restarts one only through the user's own commands (node-commands.ts), and
// leaves the nodes as it found them: when it stops, every cut it made is healed and every node
// it took down is started again.
import { Cluster } from './cluster.js';
import { NodeClient } from './client.js';
import type { LaunchedNode } from './launcher.js';
import { streamMessages } from './message-stream.js';
import { runNodeCommand, type NodeCommands } from './node-commands.js';
import { CutLedger, NamingClient } from './connected-client.js';
import { InterruptedError, NodeCommandError, UsageError } from '../errors.js';
import type { Health } from '../api/http.js';

/** A node taken down by the kill command is gone well within this (a pod's grace period is 30 s). */
const DOWN_TIMEOUT_MS = 60_000;
/** A restarted node answers within this: a pod rescheduled, its volume attached, its data read. */
const UP_TIMEOUT_MS = 180_000;
/** How often a node on its way down or up is asked. */
const POLL_MS = 200;
/** A probe gives up quickly: a node on its way down may hold a connection open. */
const PROBE_TIMEOUT_MS = 1_000;

/** What stands in for a process this CLI does not own. */
function connectedNode(
  index: number,
  id: string,
  address: string,
  clusterKey: string | undefined,
): LaunchedNode {
  const port = Number(address.slice(address.lastIndexOf(':') + 1));
  return {
    index,
    id,
    address,
    port,
    pid: undefined,
    // It never exits as far as this CLI knows: it was running before and runs on after.
    exited: new Promise(() => undefined),
    stop: () => Promise.resolve(),
    kill: () => {
      throw new Error(`${id} runs elsewhere; only ConnectedCluster.kill can take it down.`);
    },
    watchMessages: (listener) => streamMessages(address, clusterKey, listener),
  };
}

/** Nodes at these addresses; kill and restart only through the user's commands. */
export class ConnectedCluster extends Cluster {
  readonly #commands: NodeCommands;
  readonly #ledger: CutLedger;
  readonly #probes: NodeClient[];
  /** Nodes (1-based) this CLI took down: 'killed' by the kill command, or 'cycling' (restart). */
  readonly #down = new Map<number, 'killed' | 'cycling'>();
  /** Each node's own address, from /health: how its peers name it. */
  readonly #own: string[];

  constructor(
    nodes: LaunchedNode[],
    healths: Health[],
    clusterKey?: string,
    commands: NodeCommands = {},
  ) {
    const ledger = new CutLedger();
    // Each node is told the names it knows its peers by: their own addresses, from /health.
    const own = new Map(nodes.map((n, i) => [n.address, healths[i]!.address]));
    const naming = (addresses: readonly string[]) => addresses.map((a) => own.get(a) ?? a);
    super(
      nodes,
      [],
      { portFlag: '--connect' },
      clusterKey,
      (a) => new NamingClient(a, clusterKey, naming, ledger),
    );
    this.#ledger = ledger;
    this.#own = healths.map((h) => h.address);
    this.#commands = commands;
    this.#probes = nodes.map(
      (n) => new NodeClient(n.address, clusterKey, { retries: 0, timeoutMs: PROBE_TIMEOUT_MS }),
    );
  }

  /**
   * The node a peer entry names: its address here, its own address, or an entry on its port
   * whose host starts with the same label (ae-1.ae:9999 for ae-1:9999) or that no other node's
   * port matches (localhost:P for 127.0.0.1:P).
   */
  override idOf(address: string): string {
    const i = this.nodes.findIndex((n, j) => n.address === address || this.#own[j] === address);
    if (i >= 0) return this.nodes[i]!.id;
    const { label, port } = parts(address);
    const samePort = this.#own.flatMap((a, j) => (parts(a).port === port ? [j] : []));
    const named = samePort.filter((j) => parts(this.#own[j]!).label === label);
    const found = named.length === 1 ? named[0] : samePort.length === 1 ? samePort[0] : undefined;
    return found === undefined ? address : this.nodes[found]!.id;
  }

  override get canKill(): boolean {
    return this.#commands.restart !== undefined;
  }

  /** The user's command takes a node down here, whatever signal a story asked for. */
  override killedBy(): string {
    return this.#commands.kill !== undefined ? 'your --kill-command' : 'your --restart-command';
  }

  /**
   * Takes node i down: the kill command, then until it stops answering; without one, the
   * restart command, which takes it down and brings it back by itself.
   */
  override async kill(i: number): Promise<void> {
    const { kill, restart } = this.#commands;
    if (restart === undefined) throw new UsageError(noRestartCommand(this.nodes[i - 1]!.id));
    if (kill !== undefined) {
      this.#down.set(i, 'killed');
      await runNodeCommand(kill, this.nodes[i - 1]!, '--kill-command');
      await this.#until(i, false, DOWN_TIMEOUT_MS);
    } else {
      this.#down.set(i, 'cycling');
      await runNodeCommand(restart, this.nodes[i - 1]!, '--restart-command');
    }
  }

  /** Brings node i back: the restart command (unless it is already on its way up), until it answers. */
  override async restart(i: number): Promise<LaunchedNode> {
    const { restart } = this.#commands;
    if (restart === undefined) throw new UsageError(noRestartCommand(this.nodes[i - 1]!.id));
    if (this.#ledger.closed) throw new InterruptedError('a stop of the cluster');
    if (this.#down.get(i) !== 'cycling')
      await runNodeCommand(restart, this.nodes[i - 1]!, '--restart-command');
    await this.#until(i, true, UP_TIMEOUT_MS);
    this.#down.delete(i);
    return this.nodes[i - 1]!;
  }

  /** Stops nothing: heals the cuts this CLI made and starts again the nodes it took down. */
  override async stop(): Promise<void> {
    await this.#ledger.close();
    const healed = Promise.all(this.#ledger.cutNodes().map((a) => this.#heal(a)));
    const back = [...this.#down.keys()].map(async (i) => {
      if (this.#down.get(i) === 'killed')
        await runNodeCommand(this.#commands.restart!, this.nodes[i - 1]!, '--restart-command');
      await this.#until(i, true, UP_TIMEOUT_MS);
      this.#down.delete(i);
      // A node that restarted has no cuts; one that did not come back is reported.
    });
    const results = await Promise.allSettled([healed, ...back]);
    const failed = results.find((r) => r.status === 'rejected');
    if (failed) throw (failed as PromiseRejectedResult).reason;
  }

  async #heal(address: string): Promise<void> {
    const i = this.nodes.findIndex((n) => n.address === address);
    // A node down for good cannot be healed, and comes back with no cuts anyway.
    if (this.#down.has(i + 1)) return;
    await this.clients[i]!.heal();
  }

  /** Polls node i until it answers /health with its id (`up`) or stops answering (not `up`). */
  async #until(i: number, up: boolean, deadlineMs: number): Promise<void> {
    const node = this.nodes[i - 1]!;
    const started = performance.now();
    for (;;) {
      const answers = await this.#probes[i - 1]!.health().then(
        (h) => h.id === node.id,
        () => false,
      );
      if (answers === up) return;
      if (performance.now() - started > deadlineMs)
        throw new NodeCommandError(
          up
            ? `${node.id} did not answer at ${node.address} within ${deadlineMs / 1000} s of its restart.`
            : `${node.id} still answered at ${node.address} ${deadlineMs / 1000} s after --kill-command.`,
        );
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }
}

/** An address's port and its host's first label (lower case). */
function parts(address: string): { label: string; port: string } {
  const colon = address.lastIndexOf(':');
  return {
    label: address.slice(0, colon).toLowerCase().split('.')[0] ?? '',
    port: address.slice(colon + 1),
  };
}

/** The sentence for a kill or restart asked of connected nodes with no command to do it. */
export function noRestartCommand(id: string): string {
  return (
    `${id} runs elsewhere, so it can be killed or restarted only by a command of yours: ` +
    "give --restart-command (for example 'kubectl delete pod {id}')."
  );
}

/** The nodes at these addresses, by the ids they answer /health with (all must answer). */
export async function connectCluster(
  addresses: readonly string[],
  clusterKey?: string,
  commands: NodeCommands = {},
): Promise<ConnectedCluster> {
  const healths = await Promise.all(addresses.map((a) => new NodeClient(a, clusterKey).health()));
  const nodes = healths.map((h, i) => connectedNode(i + 1, h.id, addresses[i]!, clusterKey));
  return new ConnectedCluster(nodes, healths, clusterKey, commands);
}
