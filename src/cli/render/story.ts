// Renders a scenario's events for a person: numbered sections, tables, trees, a verdict.
import chalk from 'chalk';
import type { StoryEvent, Winner, WriteLine } from '../../story/events.js';
import Table from 'cli-table3';
import { exchangeTable } from './exchange-table.js';
import {
  ackedBy,
  bytes,
  costCells,
  COST_HEAD,
  count,
  failedPeers,
  seconds,
  shortHash,
  versionTime,
  winnerParts,
  writePath,
} from '../../format.js';
import { keyTable } from './key-table.js';
import { drawTreeDiff } from './tree-diff.js';

const INDENT = '   ';

export class StoryPrinter {
  #section = 0;
  readonly #out: (text: string) => void;

  constructor(out: (text: string) => void) {
    this.#out = out;
  }

  line(text = ''): void {
    this.#out(`${text}\n`);
  }

  section(title: string): void {
    this.#section += 1;
    this.line();
    this.line(`${chalk.bold.cyan(String(this.#section).padEnd(2))} ${chalk.bold(title)}`);
  }

  show(event: StoryEvent): void {
    switch (event.type) {
      case 'writes':
        for (const w of event.writes) this.line(INDENT + writeLine(w));
        return;
      case 'keys':
        this.line(keyTable(event.keys, event.states));
        if (event.background > 0)
          this.line(
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
          this.line(`${INDENT}${s.node.padEnd(12)} root ${hash}   ${count(s.count)} entries`);
        }
        if (roots.size === 1)
          this.line(`${INDENT}${chalk.dim('Every root is equal: nothing to repair.')}`);
        return;
      }
      case 'tree-diff':
        this.line();
        for (const l of drawTreeDiff(event.a, event.b, event.diff)) this.line(INDENT + l);
        return;
      case 'tree-diff-more':
        this.line(
          chalk.dim(
            `${INDENT}(${event.pairs} more pairs of nodes differ; ae-demo diff shows them all)`,
          ),
        );
        return;
      case 'exchange':
        this.line(exchangeTable(event.report, event.ids, event.fullCost));
        this.line(
          chalk.dim(
            `${INDENT}bytes: request and response bodies of the exchange; a full exchange ships every entry of both nodes (${bytes(event.fullCost[event.report.peers[0]?.peer ?? ''] ?? 0)} with ${event.ids[event.report.peers[0]?.peer ?? ''] ?? 'the first peer'})`,
          ),
        );
        return;
      case 'winners':
        for (const w of event.winners) this.line(INDENT + winnerLine(w));
        return;
      case 'note':
        this.line(INDENT + event.text);
        return;
      case 'costs': {
        const table = new Table({
          head: COST_HEAD,
          style: { head: chalk.level > 0 ? ['bold'] : [], border: [] },
        });
        for (const row of event.rows) table.push(costCells(row));
        this.line(table.toString());
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
      this.line(
        `${chalk.green('✔')} ${chalk.bold(`Converged: ${nodes} nodes, ${count(keys)} keys, one root ${shortHash(root)}`)}   ${chalk.dim(`total ${seconds(elapsedMs)}`)}`,
      );
    } else {
      this.line(`${chalk.red('✘')} ${chalk.bold('Not converged:')} the replicas still differ`);
      for (const p of problems) this.line(`${INDENT}${chalk.red('-')} ${p}`);
    }
  }
}

function writeLine(w: WriteLine): string {
  const path = writePath(w);
  const where = `on ${w.node}`;
  if (w.direct)
    return `${path.padEnd(32)} ${where.padEnd(16)} ${JSON.stringify(w.value)}   ${chalk.dim(`version ${versionTime(w.version)}, no replication`)}`;
  const failed = failedPeers(w);
  return `${path.padEnd(32)} ${where.padEnd(16)} ${ackedBy(w)}${failed ? chalk.red(`, failed: ${failed}`) : ''}`;
}

function winnerLine(w: Winner): string {
  const { by, than, missing } = winnerParts(w);
  const holds =
    w.value === null
      ? 'the key is deleted on every node'
      : `every node now holds ${chalk.green(JSON.stringify(w.value))}`;
  return `${chalk.bold(w.key)}: ${by}${than}${missing}: last write wins, so ${holds}.`;
}
