// A story's causality picture on the page: the drawing (causality-svg.ts), the same writes as a
// table (its text alternative: which write, its value, what its client had seen), and the notes
// that say what each rule kept.
import { sawInWords, type CausalGraph } from '../../story/causal-graph.js';
import { causalitySvg } from './causality-svg.js';
import { html, type Html } from './html.js';
import { scrollRegion } from './scroll-region.js';

export function causalFigure(
  graph: CausalGraph,
  notes: readonly string[],
  name: (what: string) => string,
): Html {
  const svg = causalitySvg(graph, 'Which write saw which: a drawing of the table below');
  const caption = html`<figcaption>Which write saw which</figcaption>`;
  const figure = html`<figure class="causal-figure" data-key-content>${caption}${svg}</figure>`;
  const head = html`<thead><tr><th>write</th><th>value</th><th>its client had seen</th></tr></thead>`;
  const rows = graph.writes.map(
    (w) =>
      html`<tr><td>${w.title}</td><td class="value">${w.detail}</td><td>${sawInWords(graph, w)}</td></tr>`,
  );
  const table = html`<table class="exchange causal-table">${head}<tbody>${rows}</tbody></table>`;
  const said = notes.map((n) => html`<li>${n.trim()}</li>`);
  return html`${figure}${scrollRegion(name('which write saw which'), table)}<ul class="causal-notes">${said}</ul>`;
}
