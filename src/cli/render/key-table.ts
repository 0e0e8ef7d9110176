// The before/after table: one row per node where the nodes disagree on a key, one row for all
// of them where they agree. Colours: green for the value last-write-wins picks, red for what loses.
import chalk from 'chalk';
import Table from 'cli-table3';
import type { KeyState } from '../../cluster/client.js';
import { compareVersions, type Version } from '../../node/version.js';
import { allOf, versionTime } from './format.js';

const NOT_FOUND = 'NOT_FOUND';

export function keyTable(keys: readonly string[], states: Record<string, KeyState[]>): string {
  const table = new Table({ head: ['node', 'key', 'value', 'written by', 'version (UTC)'], style: { head: chalk.level > 0 ? ['bold'] : [], border: [] } });
  for (const key of keys) {
    const rows = states[key] ?? [];
    const winner = lwwWinner(rows);
    const agree = rows.length > 1 && new Set(rows.map((r) => JSON.stringify([r.state, r.value, r.version]))).size === 1 && rows[0]!.state !== 'unreachable';
    const shown = agree ? [{ ...rows[0]!, node: allOf(rows.length) }] : rows;
    for (const r of shown) {
      const colour = agree ? (s: string) => s : r.version && winner && compareVersions(r.version, winner) === 0 ? chalk.green : r.state === 'missing' ? chalk.dim : chalk.red;
      table.push([r.node, key, colour(valueText(r)), r.version?.node ?? '—', r.version ? versionTime(r.version) : '—']);
    }
  }
  return table.toString();
}

/** What a node shows for a key: the value, NOT_FOUND, (deleted), or why it could not answer. */
export function valueText(r: KeyState): string {
  switch (r.state) {
    case 'value':
      return r.value ?? '';
    case 'missing':
      return NOT_FOUND;
    case 'deleted':
      return '(deleted)';
    case 'unreachable':
      return `unreachable${r.reason ? ` (${r.reason})` : ''}`;
  }
}

/** The version last-write-wins settles on among these states (null if none has a version). */
export function lwwWinner(rows: readonly KeyState[]): Version | null {
  let best: Version | null = null;
  for (const r of rows) if (r.version && (!best || compareVersions(r.version, best) > 0)) best = r.version;
  return best;
}
