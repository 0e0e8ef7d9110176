// A key's siblings under the keys table of the page and the report: each set once, with the
// nodes that hold it, every sibling's vector in words (as `inspect` prints them), and the same
// drawn: which earlier write each sibling saw (the words are the drawing's text alternative).
import type { KeyState } from '../../cluster/key-state.js';
import { siblingInWords } from '../../story/sibling-words.js';
import { html, type Html } from './html.js';
import { causalitySvg } from './causality-svg.js';
import { siblingsGraph } from '../../story/causal-graph.js';

/** The sibling sets of the keys shown (nothing for a cluster in lww mode). */
export function siblingList(states: Record<string, KeyState[]>): Html | string {
  const items: Html[] = [];
  const named: string[] = [];
  for (const [key, rows] of Object.entries(states)) {
    const sets = new Map<string, KeyState[]>();
    for (const r of rows) {
      if (!r.siblings || r.siblings.length < 2) continue;
      const text = JSON.stringify(r.siblings);
      sets.set(text, [...(sets.get(text) ?? []), r]);
    }
    for (const holders of sets.values()) {
      const words = holders[0]!.siblings!.map((s) => html`<li>${siblingInWords(s)}</li>`);
      const who = holders.map((h) => h.node).join(', ');
      if (!named.includes(key)) named.push(key);
      const label = `Which write saw which: ${key} on ${who}`;
      const drawn = causalitySvg(siblingsGraph(holders[0]!.siblings!), label);
      items.push(
        html`<li>${key} on ${who}: ${words.length} siblings<ul>${words}</ul>${drawn}</li>`,
      );
    }
  }
  if (items.length === 0) return '';
  // Named so a screen reader's list of lists (and a test) finds it by what it holds.
  return html`<ul class="siblings" aria-label="Siblings of ${named.join(', ')}">${items}</ul>`;
}
