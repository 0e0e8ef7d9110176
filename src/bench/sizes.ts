// The store sizes the benchmark measures at, named once: the runner, the targets and the
// report all speak of them.

/** The exchange grid's sizes by default: a store that fits the caches, and one that does not. */
export const DEFAULT_SIZES = [10_000, 100_000];
/** The size the targets at "100k" read, and where the tree's cost is timed between 1k and 1M. */
export const MID_SIZE = 100_000;
/** `--large` adds it to the grid; memory, start-up and upkeep are measured at it always. */
export const LARGE_SIZE = 1_000_000;
/** The share of keys made to differ: none, one in a thousand, one in a hundred, one in ten. */
export const DIVERGENCES = [0, 0.001, 0.01, 0.1];
/**
 * The tree's cost per write is timed at 1k (in the first-level cache), MID_SIZE and LARGE_SIZE
 * (in memory): the table shows the cost following the caches, not the work per write.
 */
export const TREE_SIZES = [1_000, MID_SIZE, LARGE_SIZE];
