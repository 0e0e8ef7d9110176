// A peer's line of a round report for tests: every field at its "nothing moved" value, so a
// test names only what its case is about.
import type { PeerReport } from '../../src/api/reports.js';

/** One peer's report: no bytes, no keys, one pass, unless `over` says otherwise. */
export function peerReport(
  peer: string,
  status: PeerReport['status'],
  over: Partial<PeerReport> = {},
): PeerReport {
  return {
    peer,
    status,
    roundTrips: 0,
    bytes: { sent: 0, received: 0 },
    keys: { pulled: [], pushed: [] },
    counts: { pulled: 0, pushed: 0 },
    levels: 0,
    passes: 1,
    durationMs: 1,
    ...over,
  };
}
