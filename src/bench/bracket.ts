// Throughput as a share of bare node:http when the machine's speed moves under the runs. Bare
// runs bracket each round of node runs (bare, nodes, bare, nodes, ..., bare), every node run is
// divided by the mean of the two bare runs around it, and a target's share is the median over
// rounds: a slow spell that lands on a few runs moves a few rounds, not the figure.

/**
 * A node target's median share of bare across rounds: its run of round i over the mean of bare
 * runs i and i + 1. `bare` has one run more than `runs` (before the first round, between
 * rounds, after the last).
 */
export function shareOfBare(bare: readonly number[], runs: readonly number[]): number {
  if (runs.length === 0 || bare.length !== runs.length + 1)
    throw new Error(`shareOfBare: ${bare.length} bare runs around ${runs.length} rounds`);
  return median(runs.map((run, i) => run / ((bare[i]! + bare[i + 1]!) / 2)));
}

/**
 * Runs over the runs of another target in the same rounds: the median of the rounds' ratios, so a
 * slow spell that lands on one round moves one ratio, not the figure.
 */
export function pairedShare(runs: readonly number[], of: readonly number[]): number {
  return median(runs.map((run, i) => run / of[i]!));
}

/** The middle value (the mean of the middle two for an even count). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
