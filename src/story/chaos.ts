// What a chaos run is made of, said once for the CLI (which reads --faults and --schedule) and
// demo/chaos (which makes, plays and shrinks schedules): the fault kinds and a schedule's steps.
// Types and names only.
import type { LatencyDist } from '../api/faults.js';

/** Every kind of fault chaos can inject, in the order help lists them. */
export const FAULT_KINDS = [
  'partition',
  'crash',
  'latency',
  'loss',
  'duplicate',
  'reorder',
  'asymmetric',
  'bridge',
  'skew',
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

/** The kinds of the network's faults (set through a node's POST /admin/faults or its cuts). */
export const NETWORK_FAULT_KINDS = FAULT_KINDS.slice(2) as Exclude<
  FaultKind,
  'partition' | 'crash'
>[];

/** The kinds a run injects unless --faults says otherwise: cuts and kill -9. */
export const DEFAULT_FAULTS: readonly FaultKind[] = ['partition', 'crash'];

/** One step of a schedule. Nodes are numbered from 1; `id` keeps its place in the first schedule. */
export type Step = { id: number } & (
  | { op: 'put' | 'del'; node: number; key: number; direct: boolean }
  | { op: 'partition'; node: number; peers: number[] }
  | { op: 'heal'; node: number }
  | { op: 'crash'; node: number }
  | { op: 'restart'; node: number }
  | { op: 'latency'; node: number; peer: number | null; latency: LatencyDist }
  | { op: 'loss' | 'duplicate' | 'reorder'; node: number; p: number }
  | { op: 'asymmetric'; node: number; peer: number }
  | { op: 'bridge'; node: number; halves: [number[], number[]] }
  | { op: 'skew'; node: number; ms: number }
  | { op: 'settle' }
);

/** A run's whole sequence of steps, made from a seed or read back from a file. */
export interface Schedule {
  /** The number of nodes the steps name. */
  nodes: number;
  faults: FaultKind[];
  steps: Step[];
}

export type { Quantiles } from '../quantiles.js';
