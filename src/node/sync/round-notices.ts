// What the node's log says about each round: a line per peer that moved keys, could not be
// synced with, or refused. A peer whose host name does not resolve (a StatefulSet pod not
// scheduled yet, a host not in DNS yet) is said once, and once more when it resolves, not on
// every round in between: the node keeps trying it every round all the same.
import type { PeerReport, RoundReport } from '../../api/reports.js';
import { HOST_NOT_FOUND } from '../../net/network-reason.js';

/** A logger of round reports that remembers which peers did not resolve. */
export function roundNotices(log: (line: string) => void): (report: RoundReport) => void {
  const unresolved = new Set<string>();
  return (report) => {
    for (const p of report.peers) {
      if (p.status === 'unreachable' && p.reason === HOST_NOT_FOUND) {
        if (unresolved.has(p.peer)) continue;
        unresolved.add(p.peer);
        log(
          `anti-entropy: ${p.peer} does not resolve yet (${HOST_NOT_FOUND}); trying it every round`,
        );
        continue;
      }
      if (unresolved.delete(p.peer)) log(`anti-entropy: ${p.peer} resolves now`);
      const line = lineOf(p);
      if (line !== undefined) log(line);
    }
  };
}

/** The line for one peer of a round; none for a peer already in sync. */
function lineOf(p: PeerReport): string | undefined {
  if (p.status === 'in_sync') return undefined;
  if (p.status === 'unreachable') return `anti-entropy: ${p.peer} unreachable (${p.reason})`;
  if (p.status === 'refused') return `anti-entropy: ${p.peer} refused the exchange (${p.reason})`;
  const fallback = p.riblt?.fallback;
  return (
    `anti-entropy with ${p.peer}: pulled ${p.counts.pulled}, pushed ${p.counts.pushed} ` +
    `in ${p.roundTrips} round trips, ${p.bytes.sent + p.bytes.received} bytes` +
    (fallback !== undefined ? ` (fell back to the Merkle walk: ${fallback})` : '')
  );
}
