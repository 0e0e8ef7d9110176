// The before/after table: one row per node where the nodes disagree on a key, one row for all
// of them where they agree. Colours: green for the value last-write-wins picks, red for what loses.
import chalk from 'chalk';
import type { KeyState } from '../../cluster/client.js';
import { allAgree, lwwWinner, rowStanding, valueText } from '../../cluster/key-state.js';
import { allOf, versionTime } from '../../format.js';
import { renderTable } from './table.js';
import { viaWords } from '../../story/repair-words.js';

const COLOURS = { winner: chalk.green, missing: chalk.dim, loser: chalk.red } as const;

/**
 * Each story key on every node (one row when they agree); `width`: the terminal's. With
 * `provenance` (inspect: one key, named by the command), a row per node always, saying how that
 * node got the version it holds instead of naming the key.
 */
export function keyTable(
  keys: readonly string[],
  states: Record<string, KeyState[]>,
  width?: number,
  provenance = false,
): string {
  const cells: string[][] = [];
  for (const key of keys) {
    const rows = states[key] ?? [];
    const winner = lwwWinner(rows);
    const agree = rows.length > 1 && allAgree(rows);
    const shown = agree && !provenance ? [{ ...rows[0]!, node: allOf(rows.length) }] : rows;
    for (const r of shown) {
      const colour = agree ? (s: string) => s : COLOURS[rowStanding(r, winner)];
      const version = [r.version?.node ?? '—', r.version ? versionTime(r.version) : '—'];
      const how = r.via ? viaWords(r.via) : '—';
      const value = colour(valueText(r));
      cells.push(provenance ? [r.node, value, ...version, how] : [r.node, key, value, ...version]);
    }
  }
  const head = provenance
    ? ['node', 'value', 'written by', 'version (UTC)', 'how it got it']
    : ['node', 'key', 'value', 'written by', 'version (UTC)'];
  return renderTable(head, cells, width);
}
