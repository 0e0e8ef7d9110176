// What one run of the benchmark measured (every phase optional: --only runs some), and the
// targets it was checked against. Types only: the runner, the targets and the report all read
// them, so they live apart from each of those.
import type { ConflictRow } from './conflicts.js';
import type { RepairRow } from './repair.js';
import type { ExchangeRow } from './exchange.js';
import type { SeededSummary } from './seeded.js';
import type { StartupRatios } from './ratios.js';
import type { SimBench } from './simulate.js';
import type { StartupRow } from './startup.js';
import type { ThroughputRow } from './throughput.js';
import type { TreeRow } from './tree.js';
import type { UpkeepMemory, UpkeepRow } from './upkeep.js';

/** The phases of a run, in the order they run; `bench --only` picks some of them. */
export const PHASES = [
  'exchange',
  'throughput',
  'tree',
  'memory',
  'startup',
  'simulate',
  'conflicts',
  'repair',
] as const;
export type Phase = (typeof PHASES)[number];

export interface BenchSettings {
  /** The phases this run measured. */
  phases: Phase[];
  sizes: number[];
  divergences: number[];
  durationS: number;
  connections: number;
  /** Rounds of the node targets between bare runs (a share of bare is a median over them). */
  rounds: number;
  node: string;
  cpus: number;
}

/** A target as checked in this run: what it asks, what was measured, and whether it holds. */
export interface Target {
  name: string;
  measured: string;
  met: boolean;
  /** Why the limit is where it is. */
  why: string;
}

export interface BenchResult {
  settings: BenchSettings;
  /** exchange: one trigger between two real nodes, each strategy, each size and divergence. */
  exchange?: ExchangeRow[];
  /** exchange (riblt): the same workload in one process over many seeds, mean and worst. */
  seeded?: SeededSummary[];
  /** throughput: PUT against bare node:http. */
  throughput?: ThroughputRow[];
  /** tree: the tree's (and the sketch's) cost per write. */
  tree?: { rows: TreeRow[]; upkeep: UpkeepRow };
  /** memory: RSS per key, with and without the sketch. */
  memory?: { keys: number; bytesPerKey: number; rssBytes: number; upkeep: UpkeepMemory };
  /** startup: a node ready from a data directory, and start-up against node -e 0. */
  startup?: {
    large: StartupRow;
    /** The same at a tenth of the keys: time per key should not grow with the store. */
    small: StartupRow;
    ratios: StartupRatios;
  };
  /** simulate: `ae-demo simulate` at 1,000 replicas, and rounds against N (random and ring). */
  simulation?: SimBench;
  /** conflicts: what siblings cost beside last write wins (bytes, bytes/E, writes a second). */
  conflicts?: ConflictRow[];
  /** repair: a short outage's missed writes repaired by hints and by one Merkle round. */
  repair?: RepairRow[];
  /** Every target whose phase ran. */
  targets: Target[];
}

/** A measurement: the number held against the limit, and how it reads beside it. */
export interface Measure {
  value: number;
  shown: string;
}

/** One row of the targets table (targets.ts). */
export interface TargetSpec {
  name: string;
  /** The measured value, or undefined when the run has no data for it (its phase did not run). */
  measure: (r: BenchResult) => Measure | undefined;
  limit: { atMost: number } | { atLeast: number };
  /** The unit after the limit ("" for a ratio). */
  unit: string;
  why: string;
}
