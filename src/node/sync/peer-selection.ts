// Which peers a round talks to: all of them (the default, fine for a few nodes), or K chosen at
// random each round, as gossip systems do (Dynamo, Cassandra) so that a round costs O(K), not
// O(N). Shared by the node's scheduler and the simulation.

/** K distinct indexes below n, drawn uniformly (Floyd's algorithm: k draws, whatever n is). */
export function pickIndexes(n: number, k: number, random: () => number): number[] {
  if (k >= n) return Array.from({ length: n }, (_, i) => i);
  const chosen = new Set<number>();
  for (let j = n - k; j < n; j++) {
    const t = Math.floor(random() * (j + 1));
    chosen.add(chosen.has(t) ? j : t);
  }
  return [...chosen];
}

/** K random peers; all of them, in their order, when k is undefined or not below their number. */
export function pickPeers<T>(
  peers: readonly T[],
  k: number | undefined,
  random: () => number,
): T[] {
  if (k === undefined || k >= peers.length) return [...peers];
  return pickIndexes(peers.length, k, random).map((i) => peers[i]!);
}
