// What an anti-entropy round reports (POST /anti-entropy/trigger, GET /anti-entropy/rounds):
// one line per peer, declared here and filled in by the node's scheduler.
import type { Strategy } from './strategies.js';

/**
 * How an exchange with one peer ended. unreachable: the peer did not answer (refused
 * connection, timeout, reset, a network cut). refused: it answered with an error (the wrong
 * cluster key, another build, a message it could not read), named by `code`.
 */
export type PeerStatus = 'in_sync' | 'repaired' | 'unreachable' | 'refused';

/** riblt: how it opened, coded symbols received, items decoded, why it fell back to the walk. */
export interface RibltOutcome {
  /**
   * `root`: the opening carried the initiator's root alone, as it does after an exchange with this
   * peer that ended in sync (identical replicas then cost a root and an empty answer);
   * `samples`: the root and samples of its coded symbols, to size the first batch.
   */
  opening?: 'root' | 'samples';
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
  /** Messages sent again because they went unanswered (present when there were any). */
  retries?: number;
  durationMs: number;
  /** Why the peer was unreachable or refused, in a few words. */
  reason?: string;
  /** refused: the error code the peer answered with (its body's error.code), when it gave one. */
  code?: string;
  riblt?: RibltOutcome;
  /** What the exchange cost beside the least any exchange could have sent (exchanges that ran). */
  receipt?: Receipt;
}

/**
 * An exchange's receipt: the d entries that differed (keys pulled or pushed), their bytes E as
 * an entries message carries them, and the information floor: E plus log2 C(n, d) bits to name
 * which d of the n keys differ. No exchange can send less; `ratio` is what it sent against that.
 */
export interface Receipt {
  /** d: entries that differed (moved one way or the other). */
  differing: number;
  /** E: their bytes as an entries message carries them (its fixed head not counted). */
  entryBytes: number;
  /** n: keys the initiator holds once the exchange is done (tombstones included). */
  keys: number;
  /** E + log2 C(n, d) / 8, rounded up to a whole byte. */
  floorBytes: number;
  /** Body bytes sent and received. */
  bytes: number;
  /** bytes / floorBytes to two decimals; null when the floor is 0 (nothing differed). */
  ratio: number | null;
}

export interface RoundReport {
  node: string;
  /** The node's round number: 1 for its first since it started (message records name it). */
  round?: number;
  /** When the node started (ms since the epoch): with `round`, names the round across restarts. */
  incarnation?: number;
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
