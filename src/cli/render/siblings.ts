// A key's siblings under the keys table of `inspect`: each set once, with the nodes that hold
// it, and every sibling's vector in words.
import type { KeyState } from '../../cluster/key-state.js';
import { siblingInWords } from '../../story/sibling-words.js';
import { wrap } from './wrap.js';

/** The sibling sets the nodes hold with at least `least` siblings (none in lww mode). */
export function siblingLines(
  states: readonly KeyState[],
  width: number | undefined,
  least = 1,
): string[] {
  const sets = new Map<string, KeyState[]>();
  for (const s of states) {
    if (!s.siblings || s.siblings.length < least) continue;
    const text = JSON.stringify(s.siblings);
    sets.set(text, [...(sets.get(text) ?? []), s]);
  }
  const lines: string[] = [];
  for (const holders of sets.values()) {
    const siblings = holders[0]!.siblings!;
    const count = siblings.length === 1 ? 'one sibling' : `${siblings.length} siblings`;
    lines.push(wrap(`${holders.map((h) => h.node).join(', ')}: ${count}`, width, '  '));
    for (const s of siblings) lines.push(wrap(`  • ${siblingInWords(s)}`, width, '    '));
  }
  return lines;
}
