// Peer selection of the simulated replicas: all others, K random others (the node's own rule,
// sync/peer-selection.ts), or the K next replicas on a ring (Riak's preference list, a
// Cassandra ring's neighbours): on a ring news travels a few hops per round, so convergence
// takes O(N) rounds where random selection takes O(log N).
import { pickIndexes } from '../node/sync/peer-selection.js';

export type Selection = 'all' | 'random' | 'ring';
export const SELECTIONS: readonly Selection[] = ['all', 'random', 'ring'];

/** A chooser of the peers (indexes) replica `self` exchanges with in its next round. */
export function selector(
  selection: Selection,
  nodes: number,
  peersPerRound: number,
  random: () => number,
): (self: number) => number[] {
  const k = Math.min(peersPerRound, nodes - 1);
  // The i-th of the others: every index but self.
  const other = (self: number, i: number) => (i < self ? i : i + 1);
  switch (selection) {
    case 'ring':
      return (self) => Array.from({ length: k }, (_, j) => (self + 1 + j) % nodes);
    case 'all':
      return (self) => Array.from({ length: nodes - 1 }, (_, i) => other(self, i));
    case 'random':
      return (self) => pickIndexes(nodes - 1, k, random).map((i) => other(self, i));
  }
}
