// How a repaired entry is marked wherever the page and the report show a key on a node: a small
// tag naming the path that brought that node's version (hint, read repair or anti-entropy), in
// words, so colour is never the only sign. Entries written by a client or replicated carry none.
import type { Via } from '../../api/repair.js';
import type { KeyState } from '../../cluster/key-state.js';
import { html, type Html } from './html.js';

/** The paths that repair, as the tag and the legend say them. */
export const REPAIR_PATHS: readonly { via: Via; words: string; why: string }[] = [
  { via: 'hint', words: 'by hint', why: 'a missed write, replayed by the node that kept it' },
  { via: 'read-repair', words: 'by read repair', why: 'written back by a read from all replicas' },
  { via: 'anti-entropy', words: 'by anti-entropy', why: 'brought by a Merkle round' },
];

/** The tag of an entry that came by a repair path ('' for a client's write or replication). */
export function viaMark(via: Via | undefined, nodes?: string): Html | string {
  const path = REPAIR_PATHS.find((p) => p.via === via);
  if (!path) return '';
  const on = nodes === undefined ? '' : ` on ${nodes}`;
  return html` <span class="via ${path.via}" title="${path.why}">repaired ${path.words}${on}</span>`;
}

/** The tags of rows shown as one (every node agrees): each path once, with the nodes it repaired. */
export function viaMarks(rows: readonly KeyState[]): Html {
  const tags = REPAIR_PATHS.map((p) => {
    const nodes = rows.filter((r) => r.via === p.via).map((r) => r.node);
    return nodes.length > 0 ? viaMark(p.via, nodes.join(', ')) : '';
  });
  return html`${tags}`;
}

/** The legend's entries for the tags: what each one says. */
export function viaLegend(): Html {
  const items = REPAIR_PATHS.map(
    (p) => html`<li><span class="via ${p.via}">repaired ${p.words}</span> ${p.why}</li>`,
  );
  return html`<ul class="via-key">${items}</ul>`;
}
