// The concurrent scenario's count and picture: which acknowledged writes no node holds once
// the replicas agree, and which write saw which, drawn in a few lines that fit 80 columns.
import type { KeyState } from '../../src/cluster/client.js';
import type { WriteLine } from '../../src/story/events.js';
import type { CausalGraph } from '../../src/story/causal-graph.js';

/**
 * The writes whose value no node holds: lost, though acknowledged. `join` splits a cell that
 * shows several siblings (none: one value a node).
 */
export function countLost(
  writes: readonly WriteLine[],
  rows: readonly KeyState[],
  join?: string,
): WriteLine[] {
  const held = new Set(
    rows.flatMap((r) => (r.value === null ? [] : join ? r.value.split(join) : [r.value])),
  );
  return writes.filter((w) => w.value !== undefined && !held.has(w.value));
}

/** Client A's and B's writes after one read, what each rule kept, and the merge. */
export function causality(
  lww: readonly [WriteLine, WriteLine],
  lost: readonly WriteLine[],
  siblings: readonly [WriteLine, WriteLine],
  merged: string,
): string[] {
  const [a, b] = siblings;
  const pad = ' '.repeat(BASE.length);
  const nodes = Math.max(a.node.length, b.node.length);
  const write = (name: string, w: WriteLine) =>
    `${name} "${w.value}" on ${w.node.padEnd(nodes)} (saw ${BASE} only)`;
  return [
    'Which write saw which:',
    `${BASE} ─┬─▶ ${write('A', a)}`,
    `${pad}  └─▶ ${write('B', b)}`,
    ...causalityNotes(lww, lost, merged),
  ];
}

const BASE = 'carol_v1';

/** What the picture means: A and B concurrent, what last write wins lost, what siblings kept. */
export function causalityNotes(
  lww: readonly [WriteLine, WriteLine],
  lost: readonly WriteLine[],
  merged: string,
): string[] {
  const lostNames: string[] = lost.map((w) => (w === lww[0] ? 'A' : 'B'));
  const kept = ['A', 'B'].filter((n) => !lostNames.includes(n));
  const gone = lost.map((w) => `"${w.value}"`).join(' and ');
  return [
    'A and B are concurrent: neither client had seen the other write.',
    `last write wins: kept ${kept.join(' and ') || 'none'}` +
      (lostNames.length > 0 ? `; ${lostNames.join(' and ')} acknowledged, gone:` : ''),
    ...(lost.length > 0 ? [`                 ${gone} is on no node`] : []),
    `siblings:        kept A and B; C saw both, wrote "${merged}"`,
  ];
}

/** The siblings half as a graph for the page: carol_v1, then A and B, then C, which saw both. */
export function causalityGraph(
  baseNode: string,
  siblings: readonly [WriteLine, WriteLine],
  merged: string,
  mergedNode: string,
): CausalGraph {
  const [a, b] = siblings;
  const quoted = (v: string | undefined) => JSON.stringify(v ?? '');
  return {
    writes: [
      { id: 'base', title: `first write on ${baseNode}`, detail: quoted(BASE), saw: [] },
      { id: 'A', title: `A on ${a.node}`, detail: quoted(a.value), saw: ['base'] },
      { id: 'B', title: `B on ${b.node}`, detail: quoted(b.value), saw: ['base'] },
      {
        id: 'C',
        title: `C on ${mergedNode}`,
        detail: quoted(merged),
        saw: ['A', 'B'],
        standing: true,
      },
    ],
  };
}
