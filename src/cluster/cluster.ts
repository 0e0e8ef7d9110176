// A local cluster: N nodes on consecutive ports, each peered with all others, started together
// and always stopped together.
import { launchNode, type LaunchedNode, type LaunchOptions } from './launcher.js';
import { NodeClient } from './client.js';

export interface ClusterOptions extends LaunchOptions {
  count: number;
  basePort: number;
  host?: string;
  /** Environment for every node (e.g. the cluster key). */
  env?: Record<string, string>;
  /** Extra flags for every node (e.g. --ae-interval 0). */
  nodeArgs?: (index: number) => string[];
}

export class Cluster {
  readonly nodes: LaunchedNode[];
  readonly clients: NodeClient[];

  constructor(nodes: LaunchedNode[]) {
    this.nodes = nodes;
    this.clients = nodes.map((n) => new NodeClient(n.address));
  }

  /** Stops every node (SIGTERM, then SIGKILL past the deadline) and waits for their exit. */
  async stop(): Promise<void> {
    await Promise.all(this.nodes.map((n) => n.stop()));
  }
}

export async function startCluster(o: ClusterOptions): Promise<Cluster> {
  const host = o.host ?? '127.0.0.1';
  const addresses = Array.from({ length: o.count }, (_, i) => `${host}:${o.basePort + i}`);
  const started = await Promise.allSettled(
    addresses.map((_, i) =>
      launchNode(
        { index: i + 1, host, port: o.basePort + i, peers: addresses.filter((_, j) => j !== i), args: o.nodeArgs?.(i + 1) ?? [], env: o.env ?? {} },
        o,
      ),
    ),
  );
  const up = started.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  const failure = started.find((r) => r.status === 'rejected');
  if (failure) {
    await Promise.all(up.map((n) => n.stop()));
    throw (failure as PromiseRejectedResult).reason;
  }
  return new Cluster(up);
}
