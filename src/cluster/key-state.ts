// Reading a key's state across nodes, shared by the terminal table and the web page: what a
// node shows, which version last-write-wins settles on, and whether every node agrees.
import type { Via } from '../api/repair.js';
import type { SiblingView } from '../api/conflicts.js';
import { compareVersions, type Version } from '../api/version.js';

/** A key on one node, as a client read it. */
export interface KeyState {
  node: string;
  address: string;
  state: 'value' | 'deleted' | 'missing' | 'unreachable';
  value: string | null;
  version: Version | null;
  reason?: string;
  /** A node in siblings mode: every sibling (the value shows them joined). */
  siblings?: SiblingView[];
  /** How the node got the version it holds (GET /kv's `via`), when it holds a value. */
  via?: Via;
}

/** How one cell shows a key's siblings: their values, joined. */
export const SIBLING_JOIN = ' + ';

const NOT_FOUND = 'NOT_FOUND';

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
  for (const r of rows)
    if (r.version && (!best || compareVersions(r.version, best) > 0)) best = r.version;
  return best;
}

/** Every node answered and shows the same state, value and version: what "they agree" means. */
export function allAgree(rows: readonly KeyState[]): boolean {
  return (
    rows.length > 0 &&
    new Set(rows.map((r) => JSON.stringify([r.state, r.value, r.version]))).size === 1 &&
    rows[0]!.state !== 'unreachable'
  );
}

/** How a row compares with the winner: it is the winner, it lost, or the node has no such key. */
export function rowStanding(r: KeyState, winner: Version | null): 'winner' | 'missing' | 'loser' {
  if (r.version && winner && compareVersions(r.version, winner) === 0) return 'winner';
  return r.state === 'missing' ? 'missing' : 'loser';
}
