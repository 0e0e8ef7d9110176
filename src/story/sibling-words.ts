// A sibling's vector in words: which node wrote it, and which writes its writer had seen, as a
// person says it ("written on node-9999 after seeing node-10000's second write").
import type { SiblingView } from '../api/conflicts.js';

const ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth'];

/** 1 -> first, 2 -> second, ..., 9 -> 9th. */
export function ordinal(n: number): string {
  return ORDINALS[n - 1] ?? `${n}th`;
}

/** What the writer had seen: "node-10000's second write and node-9999's first", or nothing. */
export function seenInWords(seen: Record<string, number>): string {
  const parts = Object.entries(seen).map(([node, k]) => `${node}'s ${ordinal(k)}`);
  if (parts.length === 0) return 'without seeing any earlier write';
  const last = parts.pop()!;
  const list = parts.length > 0 ? `${parts.join(', ')} and ${last}` : last;
  return `after seeing ${list} write${Object.keys(seen).length > 1 ? 's' : ''}`;
}

/** The whole sentence for one sibling. */
export function siblingInWords(s: SiblingView): string {
  const what = s.deleted ? 'a delete' : JSON.stringify(s.value);
  const nth = `its ${ordinal(s.counter)} write of the key`;
  return `${what}: written on ${s.node} ${seenInWords(s.seen)} (${nth})`;
}
