// A local cluster: N nodes on consecutive ports, each peered with all others, started together
// and always stopped together.
import { launchNode, type LaunchedNode, type LaunchOptions, type NodeSpec } from './launcher.js';
import { NodeClient } from './client.js';
import { InterruptedError } from '../errors.js';
import { CLUSTER_KEY_ENV } from '../api/process.js';
import type { ConflictMode } from '../api/conflicts.js';

/** Re-exported: the name lives with the node's constants so the lean node entry need not load this file. */
export { CLUSTER_KEY_ENV };

export interface ClusterOptions extends LaunchOptions {
  count: number;
  basePort: number;
  host?: string;
  /** A secret the nodes share for internal and admin routes (given to them and to the clients). */
  clusterKey?: string;
  /** Extra flags for every node (e.g. --ae-interval 0). */
  nodeArgs?: (index: number) => string[];
}

export class Cluster {
  readonly nodes: LaunchedNode[];
  readonly clients: NodeClient[];
  readonly #specs: NodeSpec[];
  #stopped = false;
  readonly #options: LaunchOptions;
  readonly #restarted = new Set<(node: LaunchedNode) => Promise<void>>();
  /** Each node's first mode and data directory, kept once restartInMode moves it. */
  readonly #homes: ({ mode: string; dir: string | undefined } | undefined)[] = [];
  readonly #clusterKey: string | undefined;

  constructor(
    nodes: LaunchedNode[],
    specs: NodeSpec[],
    options: LaunchOptions,
    clusterKey?: string,
    makeClient: (address: string) => NodeClient = (a) => new NodeClient(a, clusterKey),
  ) {
    this.#clusterKey = clusterKey;
    this.nodes = nodes;
    this.clients = nodes.map((n) => makeClient(n.address));
    this.#specs = specs;
    this.#options = options;
  }

  /** The key the nodes share (none: they have none), for what must hash as they do. */
  get clusterKey(): string | undefined {
    return this.#clusterKey;
  }

  /** The id of the node at this address (as peers name it); the address itself if none is. */
  idOf(address: string): string {
    return this.nodes.find((n) => n.address === address)?.id ?? address;
  }

  /** Whether kill and restart can work on these nodes (this CLI started them). */
  get canKill(): boolean {
    return true;
  }

  /** How kill() takes a node down, in the words a story prints ("SIGKILL": a crash). */
  killedBy(signal: NodeJS.Signals): string {
    return signal;
  }

  /** Kills node i (1-based) with a signal (SIGKILL: a crash) and waits until it is gone. */
  async kill(i: number, signal: NodeJS.Signals): Promise<void> {
    const node = this.nodes[i - 1]!;
    node.kill(signal);
    await node.exited;
  }

  /**
   * Starts node i again with the same port, peers and flags (and so the same data directory).
   * A restart that a stop overtakes (Ctrl-C while chaos brings a node back) stops the node it
   * launched and rejects: once stop() has begun, no node of this cluster is left running.
   */
  async restart(i: number): Promise<LaunchedNode> {
    if (this.#stopped) throw new InterruptedError('a stop of the cluster');
    await this.nodes[i - 1]!.stop();
    const node = await launchNode(this.#specs[i - 1]!, this.#options);
    if (this.#stopped) {
      await node.stop();
      throw new InterruptedError('a stop of the cluster');
    }
    this.nodes[i - 1] = node;
    await Promise.all([...this.#restarted].map((listener) => listener(node)));
    return node;
  }

  /** Told of each node this cluster starts again, before restart() resolves (a message feed). */
  onRestart(listener: (node: LaunchedNode) => Promise<void>): () => void {
    this.#restarted.add(listener);
    return () => this.#restarted.delete(listener);
  }

  /**
   * Starts node i again in another conflict mode, durable as before: a data directory holds
   * one mode's rows (a node refuses a directory the other mode wrote), so a node that had one
   * gets a directory of the new mode beside it (node-1 -> node-1-siblings; back in its first
   * mode, node-1 again). Later restarts keep the mode and its directory.
   */
  async restartInMode(i: number, mode: ConflictMode): Promise<LaunchedNode> {
    const spec = this.#specs[i - 1]!;
    this.#homes[i - 1] ??= {
      mode: flagValue(spec.args, '--conflicts') ?? 'lww',
      dir: this.dataDir(i),
    };
    const home = this.#homes[i - 1]!;
    const args = withoutFlag(withoutFlag(spec.args, '--data-dir'), '--conflicts');
    const dir = home.dir === undefined || home.mode === mode ? home.dir : `${home.dir}-${mode}`;
    const keep = dir === undefined ? [] : ['--data-dir', dir];
    this.#specs[i - 1] = { ...spec, args: [...args, '--conflicts', mode, ...keep] };
    return this.restart(i);
  }

  /** Node i's data directory (1-based), when it was started with --data-dir. */
  dataDir(i: number): string | undefined {
    return flagValue(this.#specs[i - 1]?.args ?? [], '--data-dir');
  }

  /** Stops every node (SIGTERM, then SIGKILL past the deadline) and waits for their exit. */
  async stop(): Promise<void> {
    this.#stopped = true;
    await Promise.all(this.nodes.map((n) => n.stop()));
  }
}

export async function startCluster(o: ClusterOptions): Promise<Cluster> {
  const host = o.host ?? '127.0.0.1';
  const addresses = Array.from({ length: o.count }, (_, i) => `${host}:${o.basePort + i}`);
  const specs: NodeSpec[] = addresses.map((_, i) => ({
    index: i + 1,
    host,
    port: o.basePort + i,
    peers: addresses.filter((_, j) => j !== i),
    args: o.nodeArgs?.(i + 1) ?? [],
    env: keyEnv(o.clusterKey),
  }));
  const started = await Promise.allSettled(specs.map((spec) => launchNode(spec, o)));
  const up = started.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  const failure = started.find((r) => r.status === 'rejected');
  if (failure) {
    await Promise.all(up.map((n) => n.stop()));
    throw (failure as PromiseRejectedResult).reason;
  }
  return new Cluster(up, specs, o, o.clusterKey);
}

/** The value after the last `flag` in args. */
function flagValue(args: readonly string[], flag: string): string | undefined {
  const at = args.lastIndexOf(flag);
  return at < 0 ? undefined : args[at + 1];
}

/** args without any `flag value` pair. */
function withoutFlag(args: readonly string[], flag: string): string[] {
  return args.filter((a, k) => a !== flag && args[k - 1] !== flag);
}

function keyEnv(key: string | undefined): Record<string, string> {
  return key ? { [CLUSTER_KEY_ENV]: key } : {};
}
