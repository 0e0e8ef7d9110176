// Quantiles of a few measurements (convergence times of a chaos run's rounds, of a simulation's
// partitions): nearest rank, so every figure reported is one that was measured.

/** The median, the 95th percentile and the largest of some measurements, and how many. */
export interface Quantiles {
  p50: number;
  p95: number;
  max: number;
  count: number;
}

/** Nearest-rank quantiles of `xs` (all 0 when there is none). */
export function quantiles(xs: readonly number[]): Quantiles {
  if (xs.length === 0) return { p50: 0, p95: 0, max: 0, count: 0 };
  const sorted = [...xs].sort((a, b) => a - b);
  const rank = (q: number) => sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)]!;
  return { p50: rank(0.5), p95: rank(0.95), max: sorted[sorted.length - 1]!, count: xs.length };
}
