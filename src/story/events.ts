// What a scenario tells, as events: the terminal (src/cli/render), the live page and the report
// (src/web) each decide how an event looks. Types only; scenarios (demo/) produce them.
import type { KeyState } from '../cluster/client.js';
import type { DiffNode } from '../cluster/tree-diff.js';
import type { Snapshot } from '../api/http.js';
import type { RoundReport } from '../api/reports.js';
import type { Version } from '../api/version.js';
import type { Strategy } from '../api/strategies.js';
import type { RepairedCounters } from '../api/repair.js';
import type { CausalGraph } from './causal-graph.js';

/** One write of the story, with where it was acknowledged (replicated) or not (direct). */
export interface WriteLine {
  method: 'PUT' | 'DELETE';
  key: string;
  node: string;
  direct: boolean;
  value?: string;
  version: Version;
  acked?: string[];
  /** `hinted`: the writer keeps the write for that peer and replays it when the peer answers. */
  failed?: { peer: string; reason: string; hinted?: boolean }[];
}

/** The version last-write-wins kept for a key, and the copies it beat. */
export interface Winner {
  key: string;
  value: string | null;
  version: Version;
  losers: { node: string; version: Version | null; state: KeyState['state'] }[];
}

/** One step of the story, in the order it is told. */
export type StoryEvent =
  | { type: 'writes'; writes: WriteLine[] }
  | {
      type: 'keys';
      keys: string[];
      states: Record<string, KeyState[]>;
      nodes: string[];
      background: number;
    }
  | { type: 'roots'; snapshots: Snapshot[] }
  | { type: 'tree-diff'; a: string; b: string; diff: DiffNode }
  | { type: 'tree-diff-more'; pairs: number }
  | {
      type: 'exchange';
      report: RoundReport;
      ids: Record<string, string>;
      fullCost: Record<string, number>;
    }
  | { type: 'winners'; winners: Winner[] }
  | { type: 'costs'; rows: CostRow[] }
  | { type: 'note'; text: string }
  /**
   * Which write saw which: lines the terminal draws as they are (each fits 76 columns); the page
   * draws the graph, with the notes under it (a recording made before it had them: the lines).
   */
  | { type: 'causality'; lines: string[]; graph?: CausalGraph; notes?: string[] }
  /** The repair-paths scenario's closing table: what each path repaired, how fast, its bytes. */
  | { type: 'repair-paths'; rows: RepairPathRow[]; returned: string };

/** One repair path's work, as the nodes counted and recorded it. */
export interface RepairPathRow {
  path: keyof RepairedCounters;
  /** Entries it changed on the nodes: the sum of their /stats "repaired" for this path. */
  entries: number;
  /**
   * Milliseconds from when it could begin to when its entries were everywhere: the stale node's
   * return (hints), the read (read repair), the trigger (the anti-entropy round).
   */
  ms: number;
  /** Body bytes of its messages, both ways, from the nodes' message records or round report. */
  bytes: number;
  /** Its messages (requests and answers). */
  messages: number;
}

/** What one strategy's round cost, in the strategies scenario's table. */
export interface CostRow {
  strategy: Strategy;
  /** The most round trips any exchange of the round took. */
  roundTrips: number;
  /** Request and response bodies of every exchange of the round. */
  bytes: number;
  /** Entries pulled and pushed. */
  moved: number;
  /** What shipping every entry both ways with every peer would have cost. */
  fullBytes: number;
  /** riblt: coded symbols received. */
  symbols: number;
  /** riblt turned to the Merkle walk in some exchange. */
  fellBack?: true;
}
