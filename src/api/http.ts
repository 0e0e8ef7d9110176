// The node's HTTP answers as types, said once (docs/http-api.md): the node builds them
// (http/views.ts), the cluster client, the watch, the page and the bench read them. Types only.
import type { LinkFaults } from './faults.js';
import type { Counters } from './counters.js';
import type { HintCounters, ReadRepair, Via } from './repair.js';
import type { RoundRecord, RoundReport } from './reports.js';
import type { Version } from './version.js';

/** How a node hashes its tree: keyed by its cluster key's tree key (named by its fingerprint), or not. */
export interface TreeKeying {
  keyed: boolean;
  /** The tree key's fingerprint, when keyed: a simulation given a key checks it is this one. */
  keyFingerprint?: string;
}

/** GET /health. */
export interface Health {
  status: 'ok';
  id: string;
  address: string;
  peers: readonly string[];
  keys: number;
  /** How this node's tree is hashed (never its key): what `run --json` reports as "tree". */
  tree: TreeKeying;
}

/** GET /kv/{key}, and each item of GET /kv. `via`: how this node got the version it holds. */
export interface ReadAnswer {
  key: string;
  value: string;
  version: Version;
  via: Via;
  /** GET /kv/{key}?read=all: the replicas repaired before this answer, and those silent. */
  readRepair?: ReadRepair;
}

/** GET /kv?prefix&limit&cursor: one page of live entries in key order. */
export interface ListAnswer<Item = ReadAnswer> {
  items: Item[];
  next: string | null;
}

/**
 * Which peers took a replicated write; null for a direct write. A failed peer is `hinted` when
 * this node keeps the write for it, to replay when it answers again (hinted handoff).
 */
export interface Replication {
  acked: string[];
  failed: { peer: string; reason: string; hinted: boolean }[];
}

/** PUT or DELETE /kv/{key}[/direct]: the write as stored (a delete has deleted: true, no value). */
export interface WriteAnswer {
  key: string;
  value?: string;
  deleted?: true;
  version: Version;
  replication: Replication | null;
}

/** POST /kv: how many items were written, and their replication as one message per peer. */
export interface BatchAnswer {
  count: number;
  replication: Replication | null;
}

/** A tree node's digest and entry count, by its index in its level. */
export interface TreeChild {
  index: number;
  digest: string;
  count: number;
}

/** GET /merkle/snapshot: the root, the first level and what a full exchange would cost. */
export interface Snapshot {
  node: string;
  root: string;
  count: number;
  fanout: number;
  depth: number;
  maxDepth: number;
  hash: string;
  liveKeys: number;
  tombstones: number;
  /** Bytes a full-data exchange would ship for this node's entries. */
  fullExchangeBytes: number;
  children: TreeChild[];
}

/** GET /merkle/node: one tree node, its children, and its entries once it holds few enough. */
export interface TreeNodeView {
  node: string;
  level: number;
  index: number;
  digest: string;
  count: number;
  children: TreeChild[];
  entries: { key: string; version: Version; deleted: boolean; digest: string }[] | null;
}

/** GET /merkle/level: every tree node of one level, in index order. */
export interface TreeLevel {
  node: string;
  level: number;
  digests: string[];
  counts: number[];
}

/** POST /anti-entropy/trigger. */
export type TriggerAnswer = RoundReport;

/** GET /anti-entropy/rounds?after=n: the recent rounds after n, and the newest number. */
export interface RoundsAnswer {
  node: string;
  latest: number;
  rounds: RoundRecord[];
}

/** GET /admin/faults, and the answer of POST /admin/faults, /admin/partition and /admin/heal. */
export interface FaultsAnswer {
  node: string;
  /** Peers this node is cut off from, both ways. */
  cut: string[];
  /** Peers this node does not hear (they still hear it). */
  deaf: string[];
  /** Faults per link, by peer address or "*" (every peer). */
  links: Record<string, LinkFaults>;
  /** The node's clock offset in milliseconds. */
  skewMs: number;
}

/** GET /admin/interval, and the answer of POST /admin/interval: the periodic interval now. */
export interface IntervalAnswer {
  node: string;
  /** Milliseconds between periodic rounds (±20% jitter); 0: only on trigger. */
  intervalMs: number;
}

/** GET /admin/hints, and the answer of POST /admin/hints: hinted handoff's switch and queue. */
export interface HintsAnswer {
  node: string;
  enabled: boolean;
  /** How long a hint is kept: --hint-window, never past --tombstone-ttl. */
  keepMs: number;
  pending: number;
  /** Writes a peer refused for good since the node started (not kept: see HintCounters). */
  refused: number;
}

/** GET /stats: the node's counters, its tree and peer-wire figures, and its process. */
export interface StatsAnswer extends Omit<Counters, 'hints'> {
  /** Hinted handoff: whether it is on now (as GET /admin/hints says), beside its counters. */
  hints: HintCounters & { enabled: boolean };
  node: string;
  keys: number;
  tombstones: number;
  tree: { entries: number; depth: number };
  peers: readonly string[];
  /** Peers a periodic round talks to (--ae-peers-per-round; every peer by default). */
  peersPerRound: number;
  peerWire: { sent: number; received: number };
  process: { cpuMs: { user: number; system: number }; rssBytes: number; uptimeS: number };
}
