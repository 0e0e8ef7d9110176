// Renders a scenario's events for a person: numbered sections, tables, trees, a verdict.
import chalk from 'chalk';
import type { StoryEvent, Winner, WriteLine } from '../../story/events.js';
import { exchangeTable, secondPassNote } from './exchange-table.js';
import {
  ackedBy,
  bytes,
  costCells,
  COST_HEAD,
  count,
  counted,
  failedPeers,
  FLOOR_NOTE,
  floorCell,
  floorParts,
  morePairs,
  plural,
  seconds,
  shortHash,
  versionTime,
  winnerParts,
  writePath,
} from '../../format.js';
import { keyTable } from './key-table.js';
import { siblingLines } from './siblings.js';
import { renderTable } from './table.js';
import { drawTreeDiff } from './tree-diff.js';
import { wrap } from './wrap.js';
import type { MessageRecord } from '../../api/messages.js';
import type { RoundReport } from '../../api/reports.js';
import { messageLines } from './messages.js';
import { REPAIR_PATH_HEAD, repairPathCells } from '../../story/repair-words.js';

const INDENT = '   ';

export class StoryPrinter {
  #section = 0;
  readonly #out: ((text: string) => void) | undefined;
  readonly #width: number | undefined;
  readonly #messages: (() => readonly MessageRecord[]) | undefined;

  /**
   * `out` undefined: a story nobody reads (run --json), so its tables are not even drawn.
   * `width`: wrap prose to this many columns (the terminal's); undefined: lines stay whole.
   * `messages`: the records so far, to list each exchange's messages under its table (--messages).
   */
  constructor(
    out: ((text: string) => void) | undefined,
    width?: number,
    messages?: () => readonly MessageRecord[],
  ) {
    this.#out = out;
    this.#width = width;
    this.#messages = messages;
  }

  line(text = ''): void {
    this.#out?.(`${text}\n`);
  }

  /** A line of prose, wrapped at word boundaries; continuation lines add `hanging` to the indent. */
  prose(text: string, hanging = ''): void {
    this.line(wrap(text, this.#width, hanging));
  }

  /** The run's first line: what it is, on how many replicas, which scenario. */
  heading(scenario: string, nodes: number): void {
    this.prose(
      `${chalk.bold('ae-demo')} · anti-entropy between ${nodes} replicas of a key-value store` +
        ` · scenario ${chalk.bold(scenario)}`,
    );
    this.line();
  }

  section(title: string): void {
    this.#section += 1;
    this.line();
    this.prose(`${chalk.bold.cyan(String(this.#section).padEnd(2))} ${chalk.bold(title)}`, '   ');
  }

  /** The width left beside the indent (undefined off a terminal). */
  #narrower(): number | undefined {
    return this.#width === undefined ? undefined : this.#width - INDENT.length;
  }

  show(event: StoryEvent): void {
    if (!this.#out) return;
    switch (event.type) {
      case 'writes':
        for (const w of event.writes) this.prose(INDENT + writeLine(w), '  ');
        return;
      case 'keys':
        this.line(keyTable(event.keys, event.states, this.#width));
        for (const l of siblingLines(Object.values(event.states).flat(), this.#narrower(), 2))
          this.line(l.replace(/^/gm, INDENT));
        if (event.background > 0)
          this.prose(
            chalk.dim(
              `${INDENT}+ ${count(event.background)} background keys, equal on every node (not shown)`,
            ),
          );
        return;
      case 'roots': {
        const roots = new Set(event.snapshots.map((s) => s.root));
        for (const s of event.snapshots) {
          const hash =
            roots.size === 1 ? chalk.dim(shortHash(s.root)) : chalk.yellow(shortHash(s.root));
          this.prose(
            `${INDENT}${s.node.padEnd(12)} root ${hash}   ${counted(s.count, 'entry', 'entries')}`,
            '  ',
          );
        }
        if (roots.size === 1)
          this.line(`${INDENT}${chalk.dim('Every root is equal: nothing to repair.')}`);
        return;
      }
      case 'tree-diff':
        this.line();
        for (const l of drawTreeDiff(event.a, event.b, event.diff, INDENT, this.#width))
          this.line(l);
        return;
      case 'tree-diff-more':
        this.prose(chalk.dim(`${INDENT}(${morePairs(event.pairs)})`));
        return;
      case 'exchange': {
        this.line(exchangeTable(event.report, event.ids, event.fullCost, this.#width));
        const second = secondPassNote(event.report, event.ids);
        if (second) this.prose(chalk.dim(INDENT + second));
        const first = event.report.peers[0]?.peer ?? '';
        const full = `${bytes(event.fullCost[first] ?? 0)} with ${event.ids[first] ?? 'the first peer'}`;
        this.prose(
          chalk.dim(
            `${INDENT}bytes: request and response bodies of the exchange; a full exchange ships ` +
              `every entry of both nodes, once per pass (${full})`,
          ),
        );
        const receipts = receiptLine(event.report, event.ids);
        if (receipts) this.prose(chalk.dim(INDENT + receipts));
        if (this.#messages)
          for (const l of messageLines(this.#messages(), event.report, event.ids, this.#width))
            this.line(l);
        return;
      }
      case 'winners':
        for (const w of event.winners) this.prose(INDENT + winnerLine(w));
        return;
      case 'note':
        this.prose(INDENT + event.text);
        return;
      case 'causality':
        for (const l of event.lines) this.line(INDENT + l);
        return;
      case 'costs': {
        this.line(renderTable(COST_HEAD, event.rows.map(costCells), this.#width));
        return;
      }
      case 'repair-paths': {
        const cells = event.rows.map((r) => repairPathCells(r, event.returned));
        this.line(renderTable(REPAIR_PATH_HEAD, cells, this.#width));
        return;
      }
    }
  }

  verdict(
    converged: boolean,
    nodes: number,
    keys: number,
    root: string,
    problems: string[],
    elapsedMs: number,
  ): void {
    this.line();
    if (converged) {
      const what = `Converged: ${plural(nodes, 'node')}, ${plural(keys, 'key')}, one root ${shortHash(root)}`;
      this.prose(
        `${chalk.green('✔')} ${chalk.bold(what)}   ${chalk.dim(`total ${seconds(elapsedMs)}`)}`,
        '  ',
      );
    } else {
      this.line(`${chalk.red('✘')} ${chalk.bold('Not converged:')} the replicas still differ`);
      for (const p of problems) this.prose(`${INDENT}${chalk.red('-')} ${p}`, '  ');
    }
  }
}

/**
 * Each exchange's receipt beside the floor, in one line under the table (a column would not fit
 * 80 columns): "floor: …; with node-2 68 B (5.7×), d 1 of 1,002 keys, E 66 B".
 */
function receiptLine(report: RoundReport, ids: Record<string, string>): string {
  const shown = report.peers.filter((p) => p.receipt?.ratio != null);
  if (shown.length === 0) return '';
  const each = shown.map(
    (p) => `with ${ids[p.peer] ?? p.peer} ${floorCell(p.receipt)}, ${floorParts(p.receipt)}`,
  );
  return `${FLOOR_NOTE}, and the bytes sent over it: ${each.join('; ')}`;
}

function writeLine(w: WriteLine): string {
  const path = writePath(w);
  const lead = `${path.padEnd(32)} ${`on ${w.node}`.padEnd(16)}`;
  if (w.direct) {
    const version = chalk.dim(`version ${versionTime(w.version)}, no replication`);
    return `${lead} ${JSON.stringify(w.value)}   ${version}`;
  }
  const failed = failedPeers(w);
  return `${lead} ${ackedBy(w)}${failed ? chalk.red(`; failed on ${failed}`) : ''}`;
}

function winnerLine(w: Winner): string {
  const { by, than, missing } = winnerParts(w);
  const holds =
    w.value === null
      ? 'the key is deleted on every node'
      : `every node now holds ${chalk.green(JSON.stringify(w.value))}`;
  return `${chalk.bold(w.key)}: ${by}${than}${missing}: last write wins, so ${holds}.`;
}
