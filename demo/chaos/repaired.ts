// What each repair path did during a chaos run, as the nodes count it (GET /stats "repaired"):
// summed over the nodes at the end, plus what a node had counted when chaos killed it (a node
// starts counting again from zero when it comes back).
import type { RepairedCounters } from '../../src/api/repair.js';
import type { ChaosCluster } from './settle.js';

const ZERO: RepairedCounters = { hint: 0, readRepair: 0, antiEntropy: 0 };

function plus(a: RepairedCounters, b: RepairedCounters): RepairedCounters {
  return {
    hint: a.hint + b.hint,
    readRepair: a.readRepair + b.readRepair,
    antiEntropy: a.antiEntropy + b.antiEntropy,
  };
}

/** The cluster with each kill counted first, and the counts so far. */
export function countingRepairs(cluster: ChaosCluster): {
  cluster: ChaosCluster;
  total: () => Promise<RepairedCounters>;
} {
  let banked = ZERO;
  // A node that does not answer (down, or a fault in the way of this request) counts nothing.
  const of = async (i: number) => {
    try {
      return (await cluster.clients[i - 1]!.stats()).repaired;
    } catch {
      return ZERO;
    }
  };
  return {
    cluster: {
      clients: cluster.clients,
      nodes: cluster.nodes,
      canKill: cluster.canKill,
      restart: (i) => cluster.restart(i),
      kill: async (i, signal) => {
        banked = plus(banked, await of(i));
        return cluster.kill(i, signal);
      },
    },
    total: async () => {
      const all = await Promise.all(cluster.nodes.map((_, i) => of(i + 1)));
      return all.reduce(plus, banked);
    },
  };
}
