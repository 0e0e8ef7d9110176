// The live page's hands on a real cluster: which nodes the page killed, and the Hands that
// perform.ts acts through (the cluster's clients, which hold the cluster key; the page never does).
import type { Cluster } from '../../cluster/cluster.js';
import type { NodeSample } from '../../cluster/watch.js';
import type { Hands } from './perform.js';
import type { ControlledNode } from './plan.js';
import { clusterHints } from '../hints.js';

/** Actions run one at a time, so a kill cannot race a restart of the same node. */
export class ClusterControls {
  readonly #cluster: Cluster;
  readonly #killed = new Set<string>();
  #queue: Promise<unknown> = Promise.resolve();

  constructor(cluster: Cluster) {
    this.#cluster = cluster;
  }

  /** Whether Kill and Restart can work on these nodes. */
  get canKill(): boolean {
    return this.#cluster.canKill;
  }

  /** Ids of the nodes the page killed and has not restarted, in node order. */
  get killed(): string[] {
    return this.#cluster.nodes.filter((n) => this.#killed.has(n.id)).map((n) => n.id);
  }

  nodes(): ControlledNode[] {
    return this.#cluster.nodes.map((n) => ({
      id: n.id,
      address: n.address,
      running: !this.#killed.has(n.id),
    }));
  }

  /** Runs `work` after every action before it. */
  serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.#queue.catch(() => undefined).then(work);
    this.#queue = next;
    return next;
  }

  /** `samples`: the last look at the nodes, for what a full exchange would cost. */
  hands(samples: () => readonly NodeSample[]): Hands {
    const cluster = this.#cluster;
    const index = (id: string) => cluster.nodes.findIndex((n) => n.id === id);
    return {
      calls: (id) => cluster.clients[index(id)]!,
      kill: async (id) => {
        this.#killed.add(id);
        await cluster.kill(index(id) + 1, 'SIGKILL');
      },
      restart: async (id) => {
        await cluster.restart(index(id) + 1);
        this.#killed.delete(id);
        // A node starts with its own flags: it takes the switch as the rest of the cluster has it.
        const setting = clusterHints(samples().filter((s) => s.id !== id));
        if (setting !== null) await cluster.clients[index(id)]!.setHints(setting);
      },
      idOf: (address) => cluster.idOf(address),
      fullCost: (id, peer) => {
        const all = samples();
        const bytes = (match: (s: NodeSample) => boolean) => all.find(match)?.fullBytes ?? 0;
        return bytes((s) => s.id === id) + bytes((s) => s.address === peer);
      },
    };
  }
}
