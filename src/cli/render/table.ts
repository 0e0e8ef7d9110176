// Every table of the story drawn one way: bold head on a colour terminal, and, when the terminal
// is narrower than the table, columns narrowed with their cells wrapped between words (widest
// column first, never below its longest word), so the terminal never breaks a row mid-word.
import { createRequire } from 'node:module';
import { stripVTControlCharacters } from 'node:util';
import chalk from 'chalk';
import type Table from 'cli-table3';

/**
 * cli-table3 (and the string-width, colours and wrapping it requires) is loaded with the first
 * table drawn: `run --json` draws none, and loading it took ~20 ms of CPU while its nodes boot.
 */
let TableClass: typeof Table | undefined;
function tableClass(): typeof Table {
  TableClass ??= createRequire(import.meta.url)('cli-table3') as typeof Table;
  return TableClass;
}

/** A cell's padding, one space each side (cli-table3's default), counted in its column's width. */
const CELL_PADDING = 2;

/** `rows` under `head` as box-drawn text no wider than `width` when the words allow it. */
export function renderTable(head: string[], rows: string[][], width?: number): string {
  const colWidths = width === undefined ? undefined : fitColumns(head, rows, width);
  const table = new (tableClass())({
    head,
    style: { head: chalk.level > 0 ? ['bold'] : [], border: [] },
    ...(colWidths ? { colWidths, wordWrap: true } : {}),
  });
  table.push(...rows);
  return table.toString();
}

/**
 * Column widths that fit `width`, or undefined when the table fits as it is. Headings wrap
 * first (they are labels); then the widest column gives up a column at a time.
 */
export function fitColumns(head: string[], rows: string[][], width: number): number[] | undefined {
  const columns = head.length;
  const lines = (cells: string[][], c: number) =>
    cells.flatMap((r) => stripVTControlCharacters(r[c] ?? '').split('\n'));
  const widest = (texts: string[]) => Math.max(0, ...texts.map((t) => t.length)) + CELL_PADDING;
  const words = (texts: string[]) => texts.flatMap((t) => t.split(/\s+/));
  const all = [head, ...rows];
  const natural = Array.from({ length: columns }, (_, c) => widest(lines(all, c)));
  const least = Array.from({ length: columns }, (_, c) => widest(words(lines(all, c))));
  const body = Array.from({ length: columns }, (_, c) =>
    Math.max(least[c]!, widest(lines(rows, c))),
  );
  // Borders: one between columns and one at each side.
  const total = (widths: number[]) => widths.reduce((a, b) => a + b, 0) + columns + 1;
  if (total(natural) <= width) return undefined;
  const widths = [...natural];
  for (const floor of [body, least]) {
    while (total(widths) > width) {
      let pick = -1;
      for (let c = 0; c < columns; c++)
        if (widths[c]! > floor[c]! && (pick < 0 || widths[c]! > widths[pick]!)) pick = c;
      if (pick < 0) break;
      widths[pick] = widths[pick]! - 1;
    }
  }
  return widths;
}
