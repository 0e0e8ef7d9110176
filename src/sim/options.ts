// What one simulation is asked to do: its replicas, data, writes, peer selection, network and
// faults, strategy, seed and limit (the CLI's flags checked, or the benchmark's runs).
import type { Strategy } from '../api/strategies.js';
import type { ConflictMode } from '../api/conflicts.js';
import type { Entry } from '../node/replica/entry.js';
import type { Selection } from './selection.js';
import type { LatencyDist } from '../api/faults.js';

export interface SimOptions {
  nodes: number;
  keys: number;
  valueBytes: number;
  /** Writes made before the first round, each on one random replica. */
  writes: number;
  /** Writes per simulated second during the first writeForMs (0: none). */
  writeRate: number;
  writeForMs: number;
  selection: Selection;
  peersPerRound: number;
  intervalMs: number;
  /** One-way latency of every message, unless `latency` draws it from a distribution. */
  latencyMs: number;
  /** Each message's latency drawn from this distribution, as chaos's latency fault draws it. */
  latency?: LatencyDist;
  bandwidthMbps: number;
  /** Probability that one message (a request or an answer) is lost, 0..1. */
  loss: number;
  /** Probability that a message is delivered twice, 0..1 (absent: 0). */
  duplicate?: number;
  /** Probability that a message is held back up to 200 ms, so later ones overtake it (absent: 0). */
  reorder?: number;
  /** Probability that an up replica crashes in an interval; it restarts downMs later. */
  churn: number;
  downMs: number;
  /** The replicas are split into two halves from fromMs to toMs. */
  partition?: { fromMs: number; toMs: number };
  strategy: Strategy;
  /** siblings: every replica keeps concurrent writes as siblings (lww when absent). */
  conflicts?: ConflictMode;
  seed: number;
  maxRounds: number;
  /**
   * The cluster key whose tree key the replicas hash their trees with, as nodes started with
   * it do (absent: the public hashes).
   */
  clusterKey?: string;
  /** Entries given as they are (key, value, version) to one replica each before the start. */
  given?: readonly { replica: number; entry: Entry }[];
}
