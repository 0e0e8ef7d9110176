// Throughput as a share of bare node:http when the machine's speed moves under the runs. Bare
// runs bracket each round of node runs (bare, nodes, bare, nodes, ..., bare), every node run is
// divided by the mean of the two bare runs around it, and a target's share is the median over
// rounds: a slow spell that lands on a few runs moves a few rounds, not the figure.

/** One round: what each node target did, between bare runs `round` and `round + 1`. */
export type Round<T extends string> = Record<T, number>;

/**
 * Each target's median share of bare across rounds. `bare` has one run more than `rounds`
 * (before the first round, between rounds, after the last).
 */
export function sharesOfBare<T extends string>(
  bare: readonly number[],
  rounds: readonly Round<T>[],
  targets: readonly T[],
): Record<T, number> {
  if (rounds.length === 0 || bare.length !== rounds.length + 1)
    throw new Error(`sharesOfBare: ${bare.length} bare runs around ${rounds.length} rounds`);
  const shares = {} as Record<T, number>;
  for (const target of targets) {
    const perRound = rounds.map((round, i) => round[target] / ((bare[i]! + bare[i + 1]!) / 2));
    shares[target] = median(perRound);
  }
  return shares;
}

/** The middle value (the mean of the middle two for an even count). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
