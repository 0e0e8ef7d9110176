// One peer's part of a round: what its exchanges did (keys as sets, so a second pass adds to the
// first without repeats), or why there was none, and the line of the round report it becomes.
import type { PeerReport, RibltOutcome } from '../../api/reports.js';
import { PeerRefusedError } from '../errors.js';
import type { ExchangeResult } from './exchange.js';
import { addReceipts } from './receipt.js';

/** Key lists in a report are cut here; the counts beside them stay exact. */
export const REPORT_MAX_KEYS = 100;

/** One peer's exchanges of a round, its keys still whole sets (cut to lists for the report). */
export type Outcome = Omit<PeerReport, 'keys' | 'counts'> & {
  pulled: Set<string>;
  pushed: Set<string>;
};

/** An exchange that ran. */
export function outcomeOf(peer: string, r: ExchangeResult, durationMs: number): Outcome {
  return {
    peer,
    status: r.status,
    roundTrips: r.roundTrips,
    bytes: r.bytes,
    pulled: new Set(r.keys.pulled),
    pushed: new Set(r.keys.pushed),
    levels: r.levels,
    passes: 1,
    durationMs,
    ...(r.riblt ? { riblt: r.riblt } : {}),
    receipt: r.receipt,
  };
}

/**
 * An exchange that failed: refused, with the peer's code, when the peer answered with an error;
 * unreachable when it did not answer at all.
 */
export function failedOutcome(peer: string, error: unknown, durationMs: number): Outcome {
  const refused = error instanceof PeerRefusedError;
  return {
    peer,
    status: refused ? 'refused' : 'unreachable',
    roundTrips: 0,
    bytes: { sent: 0, received: 0 },
    pulled: new Set(),
    pushed: new Set(),
    levels: 0,
    passes: 1,
    durationMs,
    reason: (error as Error).message,
    ...(refused && error.code !== undefined ? { code: error.code } : {}),
  };
}

/** An outcome with the copies its exchange sent again, when there were any. */
export function withRetries(o: Outcome, retries: number): Outcome {
  return retries > 0 ? { ...o, retries } : o;
}

/** Whether the exchange took place (the peer answered and took part). */
export function reached(o: Outcome): boolean {
  return o.status !== 'unreachable' && o.status !== 'refused';
}

/** Whether the round pulled anything from a peer other than number i. */
export function pulledFromOthers(first: readonly Outcome[], i: number): boolean {
  return first.some((o, j) => j !== i && o.pulled.size > 0);
}

/** A first pass and a second one with the same peer, as one line of the report. */
export function combine(a: Outcome, b: Outcome): Outcome {
  const moved = a.status === 'repaired' || b.status === 'repaired';
  return {
    peer: a.peer,
    status: !reached(b) ? b.status : moved ? 'repaired' : 'in_sync',
    roundTrips: a.roundTrips + b.roundTrips,
    bytes: { sent: a.bytes.sent + b.bytes.sent, received: a.bytes.received + b.bytes.received },
    pulled: new Set([...a.pulled, ...b.pulled]),
    pushed: new Set([...a.pushed, ...b.pushed]),
    levels: Math.max(a.levels, b.levels),
    passes: a.passes + b.passes,
    ...(a.retries || b.retries ? { retries: (a.retries ?? 0) + (b.retries ?? 0) } : {}),
    durationMs: a.durationMs + b.durationMs,
    ...(b.reason !== undefined ? { reason: b.reason } : {}),
    ...(b.code !== undefined ? { code: b.code } : {}),
    ...(a.riblt || b.riblt ? { riblt: addRiblt(a.riblt, b.riblt) } : {}),
    ...(a.receipt || b.receipt ? { receipt: addReceipts(a.receipt, b.receipt)! } : {}),
  };
}

function addRiblt(a?: RibltOutcome, b?: RibltOutcome): RibltOutcome {
  const fallback = a?.fallback ?? b?.fallback;
  // The first pass's opening stands for the line (the second's follows from how the first ended).
  const opening = a?.opening ?? b?.opening;
  return {
    ...(opening !== undefined ? { opening } : {}),
    symbols: (a?.symbols ?? 0) + (b?.symbols ?? 0),
    decoded: (a?.decoded ?? 0) + (b?.decoded ?? 0),
    ...(fallback !== undefined ? { fallback } : {}),
  };
}

export function toReport(o: Outcome): PeerReport {
  const pulled = [...o.pulled];
  const pushed = [...o.pushed];
  return {
    peer: o.peer,
    status: o.status,
    roundTrips: o.roundTrips,
    bytes: o.bytes,
    keys: { pulled: pulled.slice(0, REPORT_MAX_KEYS), pushed: pushed.slice(0, REPORT_MAX_KEYS) },
    counts: { pulled: pulled.length, pushed: pushed.length },
    levels: o.levels,
    passes: o.passes,
    ...(o.retries !== undefined ? { retries: o.retries } : {}),
    durationMs: round3(o.durationMs),
    ...(o.reason !== undefined ? { reason: o.reason } : {}),
    ...(o.code !== undefined ? { code: o.code } : {}),
    ...(o.riblt ? { riblt: o.riblt } : {}),
    ...(o.receipt ? { receipt: o.receipt } : {}),
  };
}

/** Milliseconds to the microsecond, as reports give them (the simulator's too): three decimals. */
export function round3(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}
