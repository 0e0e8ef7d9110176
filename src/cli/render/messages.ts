// run --messages: each exchange of a round as the list of its messages, one line each, under the
// exchange table: which way it went, its step, what it carried, its bytes. The lines fit the
// terminal (80 columns and less): what a message carried is cut first, its bytes never.
import chalk from 'chalk';
import { stepOfKind, type MessageRecord } from '../../api/messages.js';
import type { RoundReport } from '../../api/reports.js';
import { roundMessages } from '../../cluster/round-messages.js';
import { bytes, plural } from '../../format.js';
import { carriedText } from '../../message-text.js';

const INDENT = '   ';
/** Width when the output is not a terminal: lines stay within the usual 80 columns. */
const DEFAULT_WIDTH = 80;
/** The step's column: the longest step word ("entries", "symbols") and a space. */
const STEP_WIDTH = 8;

/** The lines of every exchange of the round whose records came (none: no lines). */
export function messageLines(
  records: readonly MessageRecord[],
  report: RoundReport,
  ids: Record<string, string>,
  width = DEFAULT_WIDTH,
): string[] {
  const lines: string[] = [];
  for (const { peer, records: mine } of roundMessages(records, report)) {
    if (mine.length === 0) continue;
    const other = ids[peer] ?? peer;
    let total = 0;
    for (const r of mine) total += r.bytes;
    lines.push(
      `${INDENT}${chalk.bold(`${report.node} ⇄ ${other}`)}  ` +
        chalk.dim(`${plural(mine.length, 'message')}, ${bytes(total)}`),
    );
    for (const r of mine) lines.push(messageLine(r, report.node, width));
  }
  return lines;
}

/** "  → root     16 digests ............ 24 B", cut to `width`. */
function messageLine(r: MessageRecord, self: string, width: number): string {
  const arrow = r.from === self ? '→' : '←';
  const step = (stepOfKind(r.kind) ?? r.kind).padEnd(STEP_WIDTH);
  const size = bytes(r.bytes);
  const lead = `${INDENT}  ${arrow} ${step}`;
  const room = Math.max(0, width - lead.length - size.length - 2);
  const what = cut(carriedText(r), room);
  const gap = ' '.repeat(Math.max(1, width - lead.length - what.length - size.length));
  return `${lead}${chalk.dim(what)}${gap}${size}`;
}

function cut(text: string, room: number): string {
  if (text.length <= room) return text;
  return room <= 1 ? '' : `${text.slice(0, room - 1)}…`;
}
