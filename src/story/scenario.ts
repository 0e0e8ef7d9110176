// What a scenario is (demo/ holds them) and what it may do: it drives a real cluster through the context and tells
// its story as events; the CLI decides how events look (terminal, JSON). No printing here.
import type { FaultKind, Quantiles, Schedule } from './chaos.js';
import type { KeyState } from '../cluster/client.js';
import type { Cluster } from '../cluster/cluster.js';
import type { RoundReport } from '../api/reports.js';
import type { Version } from '../api/version.js';
import type { RepairPathRow, StoryEvent } from './events.js';
import type { RepairedCounters } from '../api/repair.js';
import type { Strategy } from '../api/strategies.js';
import type { ConflictMode } from '../api/conflicts.js';

/** One part of a story: a short name for the agenda, and the title it is played under. */
export interface Part {
  short: string;
  /** Fixed, or made from the cluster (titles that name a node). */
  title: string | ((cluster: Cluster) => string);
}

/** The agenda: each part's short name, in order. */
export function outline(parts: readonly Part[]): string[] {
  return parts.map((p) => p.short);
}

/** The title a part is played under, on this cluster. */
export function partTitle(part: Part, cluster: Cluster): string {
  return typeof part.title === 'string' ? part.title : part.title(cluster);
}

export interface ScenarioOptions {
  seed: number;
  /** Keys written normally before the story, so the cost of repair means something. */
  backgroundKeys: number;
}

export interface ScenarioContext {
  readonly cluster: Cluster;
  readonly options: ScenarioOptions;
  /**
   * Starts the next numbered part of the story (with --step, waits for Enter first). It must be
   * the next of the scenario's parts: a scenario cannot play what its outline does not say.
   */
  section(part: Part): Promise<void>;
  /** Runs work under a spinner; the summary becomes the spinner's final line. */
  phase<T>(title: string, work: () => Promise<T>, summary?: (result: T) => string): Promise<T>;
  show(event: StoryEvent): void;
  /**
   * Resolves once the messages of this round have reached whoever records or lists them (they
   * travel apart from the round's answer); at once when nobody does.
   */
  awaitMessages?(report: RoundReport): Promise<void>;
}

/** A key on every node, by node id, as --json reports it. */
export type KeysByNode = Record<
  string,
  Record<string, { state: KeyState['state']; value: string | null; version: Version | null }>
>;

/**
 * A round as the result (and --json) carries it: the node's report, plus what a full exchange
 * with each peer would have shipped, by peer address (the screen's "a full exchange" column).
 */
export interface ShownRound extends RoundReport {
  fullExchangeBytes: Record<string, number>;
}

export interface ScenarioResult {
  converged: boolean;
  problems: string[];
  before: KeysByNode;
  after: KeysByNode;
  roots: { before: Record<string, string>; after: Record<string, string> };
  antiEntropy: ShownRound[];
  keys: number;
  /** Acknowledged writes no node holds once converged, by conflict mode (where both ran). */
  lostWrites?: { lww: number; siblings: number };
  /** Scenarios that wait for convergence say how long it took. */
  convergedAfterMs?: number;
  /** bit-rot: the byte flipped on disk, what each node found damaged, what a scrub cost. */
  damage?: DamageReport;
  /** repair-paths: entries each path repaired (the nodes' /stats "repaired", summed). */
  repairedBy?: RepairedCounters;
  /** repair-paths: each path's entries, time, bytes and messages, as its table shows them. */
  repairPaths?: RepairPathRow[];
}

/** What the bit-rot scenario did to a data directory and what the nodes made of it. */
export interface DamageReport {
  node: string;
  key: string;
  /** The file and the offset of the flipped byte, and the byte before and after. */
  flip: { file: string; offset: number; before: number; after: number };
  /** Entries each node found damaged (its /stats corrupt), after the restart. */
  corrupt: Record<string, number>;
  /** The damaged node's scrub after the repair: rows read, milliseconds, per 100,000 rows. */
  scrub: { rows: number; ms: number; msPer100k: number; corrupt: number };
}

export interface Scenario {
  name: string;
  summary: string;
  /** Node counts the scenario works with. */
  minNodes: number;
  /**
   * Every part it plays (each ctx.section), in order, declared once: the live page shows their
   * short names as the agenda before they are played, and each is played under its title.
   */
  parts: readonly Part[];
  /** Extra flags for node i (1-based): a clock skew, a tombstone ttl. */
  nodeArgs?: (index: number) => string[];
  /** Nodes keep their data in a directory, so that a crash can be survived. */
  durable?: boolean;
  /** The nodes' strategy, whatever --ae-strategy says (strategies: riblt, to keep the sketch). */
  strategy?: Strategy;
  /** Periodic anti-entropy for the nodes, in ms (default 0: only on trigger). */
  aeIntervalMs?: number;
  /**
   * Hinted handoff for the nodes (default off: a story about anti-entropy shows anti-entropy,
   * not a hint that replays while it is told).
   */
  hints?: boolean;
  play(ctx: ScenarioContext): Promise<ScenarioResult>;
}

/** What chaos found: the operations it played and every broken promise (none is a pass). */
export interface ChaosReport {
  seed: number;
  ops: number;
  /** The kinds of fault the run injected. */
  faults: FaultKind[];
  counts: {
    puts: number;
    deletes: number;
    direct: number;
    failed: number;
    partitions: number;
    heals: number;
    crashes: number;
  } & Partial<Record<Exclude<FaultKind, 'partition' | 'crash'>, number>>;
  keys: number;
  /** Triggers of the closing round: 1, or more when a peer did not answer in time. */
  repairRounds: number;
  converged: boolean;
  /** Milliseconds from a heal of every fault until every node had the same root, per round. */
  convergenceMs: Quantiles;
  /** Anti-entropy bytes sent in the rounds where each kind was injected ("none": no fault). */
  repairBytes: Partial<Record<FaultKind | 'none', number>>;
  violations: string[];
  /**
   * Entries each repair path wrote during the run (the nodes' /stats "repaired", summed; a node's
   * counts are read just before chaos kills it).
   */
  repairedBy: RepairedCounters;
  /** The nodes' conflict mode, when it is siblings. */
  conflicts?: 'siblings';
  /**
   * lww: acknowledged writes another write overwrote (information, not a violation). siblings:
   * acknowledged writes a later write's context superseded.
   */
  overwritten?: number;
  /** On a violation: a shorter schedule that still fails, and what it broke. */
  shrunk?: { from: number; schedule: Schedule; violations: string[] };
}

/** What a chaos run plays: a schedule made from the seed, or one read back from a file. */
export interface ChaosPlan {
  seed: number;
  ops: number;
  faults: readonly FaultKind[];
  schedule?: Schedule;
  /** Whether a failing run looks for a shorter schedule that still fails. */
  shrink: boolean;
  /** The nodes' conflict mode: siblings keep every concurrent write. */
  conflicts: ConflictMode;
}

/** What chaos needs of a cluster: its clients and nodes, and kill and restart when it can. */
export type ChaosCluster = Pick<Cluster, 'clients' | 'nodes' | 'kill' | 'restart' | 'canKill'>;

/** A randomized run of a plan against a cluster with data directories. */
export type ChaosRun = (
  cluster: ChaosCluster,
  plan: ChaosPlan,
  progress: (line: string) => void,
) => Promise<ChaosReport>;

/**
 * What the CLI plays: given by the entry point (bin/ae-demo.js passes demo/'s list), so that
 * nothing under src/ imports the scenarios. Chaos is loaded on first use.
 */
export interface Plays {
  scenarios: readonly Scenario[];
  chaos: () => Promise<ChaosRun>;
}
