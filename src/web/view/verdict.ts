// The end of a run in one line: converged (how many nodes and keys, the one root) or not (why).
import { plural, seconds, shortHash } from '../../format.js';
import type { Verdict } from '../model.js';
import { html, type Html } from './html.js';

export function verdictBanner(v: Verdict): Html {
  if (v.converged) {
    const root = html`one root <code>${shortHash(v.root)}</code>`;
    const total = html`<span class="dim">total ${seconds(v.elapsedMs)}</span>`;
    const what = `${plural(v.nodes, 'node')}, ${plural(v.keys, 'key')}`;
    return html`<div class="verdict good" role="status"><b>✔ Converged:</b> ${what}, ${root} ${total}</div>`;
  }
  const problems = v.problems.map((p) => html`<li>${p}</li>`);
  const why = html`the replicas still differ<ul>${problems}</ul>`;
  return html`<div class="verdict bad" role="status"><b>✘ Not converged:</b> ${why}</div>`;
}
