// Which message records belong to a round's report, and whether they have all arrived: the
// records of one exchange add up to the bytes the report gives for that peer, so a reader that
// got the report can wait for exactly its messages.
import type { MessageRecord } from '../api/messages.js';
import type { RoundReport } from '../api/reports.js';

/** One peer's exchange(s) in a round: its records in the order they were sent. */
export interface ExchangeMessages {
  peer: string;
  records: MessageRecord[];
}

/** The records of each exchange of the round, in the report's order of peers. */
export function roundMessages(
  records: readonly MessageRecord[],
  report: RoundReport,
): ExchangeMessages[] {
  const mine = records.filter(
    (r) =>
      r.exchange?.initiator === report.node &&
      r.exchange.round === report.round &&
      r.exchange.incarnation === report.incarnation,
  );
  return report.peers.map((p) => ({
    peer: p.peer,
    records: mine
      .filter((r) => r.exchange!.peer === p.peer)
      .sort((a, b) => a.exchange!.pass - b.exchange!.pass || a.exchange!.seq - b.exchange!.seq),
  }));
}

/** Body bytes of some records. */
export function bytesOf(records: readonly MessageRecord[]): number {
  let sum = 0;
  for (const r of records) sum += r.bytes;
  return sum;
}

/** Whether every exchange of the round has its records: their bytes add up to the report's. */
export function roundComplete(records: readonly MessageRecord[], report: RoundReport): boolean {
  if (report.round === undefined) return true;
  const byPeer = roundMessages(records, report);
  return report.peers.every(
    (p, i) => bytesOf(byPeer[i]!.records) >= p.bytes.sent + p.bytes.received,
  );
}
