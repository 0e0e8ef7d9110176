// What an anti-entropy round reports (POST /anti-entropy/trigger, GET /anti-entropy/rounds):
// one line per peer, declared here and filled in by the node's scheduler.
import type { Strategy } from './strategies.js';

/**
 * How an exchange with one peer ended. unreachable: the peer did not answer (refused
 * connection, timeout, reset, a network cut). refused: it answered with an error (the wrong
 * cluster key, another build, a message it could not read), named by `code`.
 */
export type PeerStatus = 'in_sync' | 'repaired' | 'unreachable' | 'refused';

/** riblt: coded symbols received, differing items decoded, and why it fell back to the walk. */
export interface RibltOutcome {
  /** Coded symbols received. */
  symbols: number;
  /** Differing items decoded (an entry only one side holds, or each side's version of a key). */
  decoded: number;
  /** Why the exchange turned to the Merkle walk, if it did. */
  fallback?: string;
}

export interface PeerReport {
  peer: string;
  status: PeerStatus;
  roundTrips: number;
  bytes: { sent: number; received: number };
  keys: { pulled: string[]; pushed: string[] };
  counts: { pulled: number; pushed: number };
  levels: number;
  /** 2 when the round made a second pass to hand on what it pulled from other peers. */
  passes: number;
  durationMs: number;
  /** Why the peer was unreachable or refused, in a few words. */
  reason?: string;
  /** refused: the error code the peer answered with (its body's error.code), when it gave one. */
  code?: string;
  riblt?: RibltOutcome;
}

export interface RoundReport {
  node: string;
  strategy: Strategy;
  durationMs: number;
  peers: PeerReport[];
}

/** One round as GET /anti-entropy/rounds lists it. */
export interface RoundRecord {
  /** 1 for the node's first round since it started, then 2, 3, … */
  seq: number;
  /** When the round ended (ISO time). */
  at: string;
  report: RoundReport;
}
