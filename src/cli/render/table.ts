// Every table of the story drawn one way: bold head on a colour terminal, and, when the terminal
// is narrower than the table, columns narrowed with their cells wrapped between words (widest
// column first), then a long word after its punctuation, so the terminal never cuts a row.
import { createRequire } from 'node:module';
import { stripVTControlCharacters } from 'node:util';
import chalk from 'chalk';
import type Table from 'cli-table3';
import { breakWord } from './wrap.js';

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
/** A word split after each of its punctuation marks: the pieces it may break into. */
const SOFT_BREAK = /(?<=[_:,./-])/;
/** The narrowest a column gets when even the pieces of its words are too wide: one character. */
const HARD_FLOOR = 1 + CELL_PADDING;

/** `rows` under `head` as box-drawn text no wider than `width` (down to a character a column). */
export function renderTable(head: string[], rows: string[][], width?: number): string {
  const colWidths = width === undefined ? undefined : fitColumns(head, rows, width);
  const fit = (cells: string[]) =>
    colWidths ? cells.map((c, i) => breakLongWords(c, colWidths[i]! - CELL_PADDING)) : cells;
  const table = new (tableClass())({
    head: fit(head),
    style: { head: chalk.level > 0 ? ['bold'] : [], border: [] },
    ...(colWidths ? { colWidths, wordWrap: true } : {}),
  });
  table.push(...rows.map(fit));
  return table.toString();
}

/**
 * Column widths that fit `width`, or undefined when the table fits as it is. Headings wrap
 * first (they are labels); then the widest column gives up a column at a time, down to its
 * longest word; then words break after punctuation (never inside "node-21000"'s number if the
 * hyphen will do), and only then anywhere.
 */
export function fitColumns(head: string[], rows: string[][], width: number): number[] | undefined {
  const columns = head.length;
  const lines = (cells: string[][], c: number) =>
    cells.flatMap((r) => stripVTControlCharacters(r[c] ?? '').split('\n'));
  const widest = (texts: string[]) => Math.max(0, ...texts.map((t) => t.length)) + CELL_PADDING;
  const words = (texts: string[]) => texts.flatMap((t) => t.split(/\s+/));
  const pieces = (texts: string[]) => words(texts).flatMap((w) => w.split(SOFT_BREAK));
  const all = [head, ...rows];
  const each = (f: (c: number) => number) => Array.from({ length: columns }, (_, c) => f(c));
  const natural = each((c) => widest(lines(all, c)));
  const least = each((c) => widest(words(lines(all, c))));
  const body = each((c) => Math.max(least[c]!, widest(lines(rows, c))));
  const soft = each((c) => widest(pieces(lines(all, c))));
  const hard = each(() => HARD_FLOOR);
  // Borders: one between columns and one at each side.
  const total = (widths: number[]) => widths.reduce((a, b) => a + b, 0) + columns + 1;
  if (total(natural) <= width) return undefined;
  const widths = [...natural];
  for (const floor of [body, least, soft, hard]) {
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

/**
 * `cell` with every word longer than `max` visible characters broken onto lines of its own:
 * after punctuation where it can, else at `max`. Colour codes take no room and stay in place
 * (the table carries a colour over the line break).
 */
export function breakLongWords(cell: string, max: number): string {
  return cell
    .split('\n')
    .map((line) =>
      line
        .split(' ')
        .map((word) => breakWord(word, max))
        .join(' '),
    )
    .join('\n');
}
