// What chaos has injected into each node's network, kept on chaos's side: a node's faults are
// set whole by POST /admin/faults, so each new fault is added to what the node already has and
// the whole is sent. A heal, a kill or a restart leaves a node with none.
import {
  EVERY_PEER,
  type FaultsRequest,
  type LatencyDist,
  type LinkFaults,
} from '../../src/api/faults.js';
import type { Step } from '../../src/story/chaos.js';

interface NodeFaults {
  /** Faults on the links to every peer. */
  every: LinkFaults;
  /** Latency of the link to one peer, by node number. */
  latency: Map<number, LatencyDist>;
  /** Nodes this one does not hear. */
  deaf: Set<number>;
  skewMs: number;
}

/** The network steps: those that set a node's faults through POST /admin/faults. */
export type NetworkStep = Extract<
  Step,
  { op: 'latency' | 'loss' | 'duplicate' | 'reorder' | 'asymmetric' | 'skew' }
>;

export function isNetworkStep(step: Step): step is NetworkStep {
  return ['latency', 'loss', 'duplicate', 'reorder', 'asymmetric', 'skew'].includes(step.op);
}

export class NetworkFaults {
  readonly #nodes = new Map<number, NodeFaults>();
  readonly #addresses: readonly string[];
  readonly #seed: number;

  /** addresses[i]: node i + 1's; seed: the run's, from which each node's fault seed is made. */
  constructor(addresses: readonly string[], seed: number) {
    this.#addresses = addresses;
    this.#seed = seed;
  }

  /** The step added to its node's faults, and the request that sets them whole. */
  add(step: NetworkStep): FaultsRequest {
    const f = this.#of(step.node);
    switch (step.op) {
      case 'latency':
        if (step.peer === null) f.every = { ...f.every, latency: step.latency };
        else f.latency.set(step.peer, step.latency);
        break;
      case 'loss':
      case 'duplicate':
      case 'reorder':
        f.every = { ...f.every, [step.op]: step.p };
        break;
      case 'asymmetric':
        f.deaf.add(step.peer);
        break;
      case 'skew':
        f.skewMs = step.ms;
        break;
    }
    return this.#request(step.node, step.id, f);
  }

  /** The node has no fault any more (healed, killed or restarted). */
  clear(node: number): void {
    this.#nodes.delete(node);
  }

  #of(node: number): NodeFaults {
    let f = this.#nodes.get(node);
    if (!f)
      this.#nodes.set(node, (f = { every: {}, latency: new Map(), deaf: new Set(), skewMs: 0 }));
    return f;
  }

  #request(node: number, stepId: number, f: NodeFaults): FaultsRequest {
    const address = (k: number) => this.#addresses[k - 1]!;
    const links: Record<string, LinkFaults> = { [EVERY_PEER]: f.every };
    for (const [peer, latency] of f.latency) links[address(peer)] = { ...f.every, latency };
    return {
      links,
      deaf: [...f.deaf].map(address),
      skewMs: f.skewMs,
      // Each node draws its own fates, the same ones whenever this step is played again.
      seed: (Math.imul(this.#seed ^ node, 0x9e3779b1) + stepId) >>> 0,
    };
  }
}
