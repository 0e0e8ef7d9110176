// What one anti-entropy round exchanged, per peer, beside what shipping everything would cost.
import chalk from 'chalk';
import Table from 'cli-table3';
import type { RoundReport } from '../../node/sync/scheduler.js';
import { beside, bytes, movedKeys, ribltLine } from '../../format.js';

export function exchangeTable(
  report: RoundReport,
  ids: Record<string, string>,
  fullCost: Record<string, number>,
): string {
  const table = new Table({
    head: ['exchange', 'status', 'pulled', 'pushed', 'round trips', 'bytes', 'a full exchange'],
    style: { head: chalk.level > 0 ? ['bold'] : [], border: [] },
  });
  for (const p of report.peers) {
    const spent = p.bytes.sent + p.bytes.received;
    const full = fullCost[p.peer];
    const status =
      p.status === 'repaired'
        ? chalk.green(p.status)
        : p.status === 'unreachable'
          ? chalk.red(p.status)
          : chalk.dim(p.status);
    const note = p.status === 'unreachable' && p.reason ? p.reason : ribltLine(p.riblt);
    table.push([
      `${report.node} ⇄ ${ids[p.peer] ?? p.peer}`,
      note ? `${status}\n${chalk.dim(note)}` : status,
      movedKeys(p.keys.pulled, p.counts.pulled),
      movedKeys(p.keys.pushed, p.counts.pushed),
      String(p.roundTrips),
      bytes(spent),
      beside(full, spent),
    ]);
  }
  return table.toString();
}
