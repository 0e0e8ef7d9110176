// Every number of the simulation, named once with its reason.

/** Virtual time 0 is this wall clock (2026-01-01T00:00:00Z, in µs): versions are reproducible. */
export const SIM_EPOCH_MICROS = 1_767_225_600_000_000;

/** Defaults of `ae-demo simulate`: a small run that finishes in a second and shows the idea. */
export const SIM_DEFAULTS = {
  nodes: 64,
  keys: 1_000,
  valueBytes: 100,
  writes: 10,
  writeRate: 0,
  writeForMs: 10_000,
  selection: 'random',
  peersPerRound: 1,
  intervalMs: 1_000,
  latencyMs: 5,
  bandwidthMbps: 100,
  loss: 0,
  churn: 0,
  downMs: 3_000,
  strategy: 'merkle',
  seed: 1,
  maxRounds: 2_000,
} as const;

/** A million replicas would not fit in memory; 100,000 of a few keys do. */
export const SIM_MAX_NODES = 100_000;
export const SIM_MAX_KEYS = 10_000_000;
/** A run stops after this many rounds even if it has not converged, and says so. */
export const SIM_MAX_ROUNDS_LIMIT = 1_000_000;

/** The terminal shows at most this many interval rows (evenly spread); --json keeps all. */
export const SIM_TABLE_MAX_ROWS = 30;

/**
 * The epidemic expectation quoted beside the measurement. In push-pull gossip with one random
 * peer a round, every replica that holds a write pushes it to one peer and every one that does
 * not pulls from one, so while few hold it their number about triples each round: log3(N)
 * rounds, then O(ln ln N) more to find the last few (Karp, Schindelhauer, Shenker and Vöcking,
 * "Randomized rumor spreading", FOCS 2000). The simulator measures log3(N) plus 1 to 3 rounds
 * for N = 16…4,096 (a round begun counts whole, and the first rounds are jittered).
 */
export const PUSH_PULL_GROWTH = 3;

/**
 * While it builds its replicas the simulation lets the event loop turn after this many (each
 * clones the whole store): 1,000 replicas of 10,000 keys took over 15 s under load in one
 * synchronous stretch, in which Ctrl-C could not be handled.
 */
export const SIM_SETUP_YIELD_EVERY = 8;
