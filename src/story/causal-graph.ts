// Which write saw which, as data the page and the report draw (the terminal draws its own lines):
// each write once, with the writes its client had seen before writing. A scenario builds one for
// its story; a key's siblings give one from their vectors (siblingsGraph).
import type { SiblingView } from '../api/conflicts.js';
import { ordinal } from './sibling-words.js';

export interface CausalWrite {
  id: string;
  /** The first line: which write, and on which node ("A on node-9999"). */
  title: string;
  /** The second line: its value (quoted), or what became of it. */
  detail: string;
  /** The ids of the writes its client had seen: drawn as arrows into it. */
  saw: string[];
  /** Still held (a sibling, or the write that resolved them): drawn stronger. */
  standing?: boolean;
}

export interface CausalGraph {
  writes: CausalWrite[];
}

/**
 * A key's siblings and the earlier writes their vectors name: "saw node-9999's second write"
 * becomes a box of its own (superseded, so no longer held) with an arrow into each sibling that
 * saw it, so two siblings that saw the same write fork from one box, as concurrent writes do.
 */
export function siblingsGraph(siblings: readonly SiblingView[]): CausalGraph {
  const earlier = new Map<string, CausalWrite>();
  const standing = siblings.map((s): CausalWrite => {
    const saw = Object.entries(s.seen).map(([node, k]) => {
      const id = `${node}#${k}`;
      if (!earlier.has(id))
        earlier.set(id, { id, title: writeName(node, k), detail: 'seen, superseded', saw: [] });
      return id;
    });
    const detail = s.deleted ? 'a delete' : JSON.stringify(s.value);
    return {
      id: `${s.node}#${s.counter}`,
      title: writeName(s.node, s.counter),
      detail,
      saw,
      standing: true,
    };
  });
  return { writes: [...earlier.values(), ...standing] };
}

/** "node-9999's second write" */
function writeName(node: string, counter: number): string {
  return `${node}'s ${ordinal(counter)} write`;
}

/** What a write's client had seen, in words: "A and B", or "nothing". */
export function sawInWords(graph: CausalGraph, w: CausalWrite): string {
  const names = w.saw.map((id) => graph.writes.find((x) => x.id === id)?.title ?? id);
  if (names.length === 0) return 'nothing';
  const last = names.pop()!;
  return names.length > 0 ? `${names.join(', ')} and ${last}` : last;
}
