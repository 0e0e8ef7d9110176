// The before/after table: one row per node where the nodes disagree on a key, one row for all
// of them where they agree. Colours: green for the value last-write-wins picks, red for what loses.
import chalk from 'chalk';
import type { KeyState } from '../../cluster/client.js';
import { allAgree, lwwWinner, rowStanding, valueText } from '../../cluster/key-state.js';
import { allOf, versionTime } from '../../format.js';
import { renderTable } from './table.js';

const COLOURS = { winner: chalk.green, missing: chalk.dim, loser: chalk.red } as const;

/** Each story key on every node (one row when they agree); `width`: the terminal's. */
export function keyTable(
  keys: readonly string[],
  states: Record<string, KeyState[]>,
  width?: number,
): string {
  const cells: string[][] = [];
  for (const key of keys) {
    const rows = states[key] ?? [];
    const winner = lwwWinner(rows);
    const agree = rows.length > 1 && allAgree(rows);
    const shown = agree ? [{ ...rows[0]!, node: allOf(rows.length) }] : rows;
    for (const r of shown) {
      const colour = agree ? (s: string) => s : COLOURS[rowStanding(r, winner)];
      cells.push([
        r.node,
        key,
        colour(valueText(r)),
        r.version?.node ?? '—',
        r.version ? versionTime(r.version) : '—',
      ]);
    }
  }
  return renderTable(['node', 'key', 'value', 'written by', 'version (UTC)'], cells, width);
}
