// What one anti-entropy round exchanged, per peer, beside what shipping everything would cost.
import chalk from 'chalk';
import type { RoundReport } from '../../api/reports.js';
import { beside, bytes, movedKeys, ribltLine } from '../../format.js';
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
    const status =
      p.status === 'repaired'
        ? chalk.green(p.status)
        : p.status === 'unreachable'
          ? chalk.red(p.status)
          : chalk.dim(p.status);
    const note = p.status === 'unreachable' && p.reason ? p.reason : ribltLine(p.riblt);
    return [
      `⇄ ${ids[p.peer] ?? p.peer}`,
      note ? `${status}\n${chalk.dim(note)}` : status,
      movedKeys(p.keys.pulled, p.counts.pulled),
      movedKeys(p.keys.pushed, p.counts.pushed),
      p.passes > 1 ? `${p.roundTrips} (${p.passes} passes)` : String(p.roundTrips),
      bytes(spent),
      beside(full, spent),
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
  const total = sources.reduce((n, p) => n + p.counts.pulled, 0);
  const keys = sources.flatMap((p) => p.keys.pulled);
  const what = keys.length > 0 ? movedKeys(keys, total) : 'keys';
  const them = total === 1 ? 'it' : 'them';
  const cost =
    report.strategy === 'merkle'
      ? ` (1 round trip where a peer already had ${them}, a walk down the tree where it had not: why the count varies from run to run)`
      : '';
  return `round trips include a second pass with ${again.map((p) => name(p.peer)).join(', ')}: ${report.node} pulled ${what} from ${sources.map((p) => name(p.peer)).join(', ') || 'a peer'} while it talked to every peer at once, then went over the others again to hand ${them} on${cost}`;
}
