// What one anti-entropy round exchanged, per peer, beside what shipping everything would cost.
import chalk from 'chalk';
import type { RoundReport } from '../../api/reports.js';
import { beside, bytes, count, fullRoundBytes, list, movedKeys, ribltLine } from '../../format.js';
import { renderTable } from './table.js';

/** The section names the node that ran the round: each row names only the peer, to stay narrow. */
const HEAD = ['status', 'pulled', 'pushed', 'round trips', 'bytes', 'a full exchange'];

/** One row per peer: what moved, in how many round trips and bytes; `width`: the terminal's. */
export function exchangeTable(
  report: RoundReport,
  ids: Record<string, string>,
  fullCost: Record<string, number>,
  width?: number,
): string {
  const rows = report.peers.map((p) => {
    const spent = p.bytes.sent + p.bytes.received;
    const full = fullCost[p.peer];
    const said = statusText(p.status);
    const status =
      p.status === 'repaired'
        ? chalk.green(said)
        : p.status === 'unreachable' || p.status === 'refused'
          ? chalk.red(said)
          : chalk.dim(said);
    const note = p.reason ?? ribltLine(p.riblt);
    return [
      `⇄ ${ids[p.peer] ?? p.peer}`,
      note ? `${status}\n${chalk.dim(note)}` : status,
      movedKeys(p.keys.pulled, p.counts.pulled),
      movedKeys(p.keys.pushed, p.counts.pushed),
      p.passes > 1 ? `${p.roundTrips} (${p.passes} passes)` : String(p.roundTrips),
      bytes(spent),
      beside(fullRoundBytes(full, p.passes), spent),
    ];
  });
  return renderTable([`${report.node} with`, ...HEAD], rows, width);
}

/**
 * Why round trips vary from run to run: a round talks to its peers at once, and when it pulled
 * keys from one it goes over the other peers again to hand them on. With the Merkle walk that second
 * pass costs 1 round trip where the peer already had them and a walk down the tree where it had not.
 */
export function secondPassNote(
  report: RoundReport,
  ids: Record<string, string>,
): string | undefined {
  const again = report.peers.filter((p) => p.passes > 1);
  if (again.length === 0) return undefined;
  const name = (peer: string) => ids[peer] ?? peer;
  const sources = report.peers.filter((p) => p.counts.pulled > 0);
  const what = pulledKeys(sources);
  const them = what.total === 1 ? 'it' : 'them';
  const cost =
    report.strategy === 'merkle'
      ? ` (1 round trip where a peer already had ${them}, a walk down the tree where it had not: ` +
        'why the count varies from run to run)'
      : '';
  const from = sources.map((p) => name(p.peer)).join(', ') || 'a peer';
  return (
    `round trips include a second pass with ${again.map((p) => name(p.peer)).join(', ')}: ` +
    `${report.node} pulled ${what.text} from ${from} while it talked to every peer at once, ` +
    `then went over the others again to hand ${them} on${cost}`
  );
}

/** "in sync" rather than the report's in_sync: a table is read, not parsed. */
function statusText(status: RoundReport['peers'][number]['status']): string {
  return status.replace('_', ' ');
}

/**
 * The keys a round pulled, each named once though several peers sent it: when every peer's list
 * is whole, their union; otherwise the names kept and the largest total (at least that many).
 */
function pulledKeys(sources: RoundReport['peers']): { text: string; total: number } {
  const keys = [...new Set(sources.flatMap((p) => p.keys.pulled))];
  const whole = sources.every((p) => p.keys.pulled.length === p.counts.pulled);
  if (keys.length === 0) return { text: 'keys', total: 0 };
  if (whole) return { text: list(keys), total: keys.length };
  const most = Math.max(...sources.map((p) => p.counts.pulled));
  return {
    text: `${keys.slice(0, 3).join(', ')}, … (at least ${count(most)} in all)`,
    total: most,
  };
}
