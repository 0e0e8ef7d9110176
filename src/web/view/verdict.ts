// The end of a run in one line: converged (how many nodes and keys, the one root) or not (why).
import { count, seconds, shortHash } from '../../format.js';
import type { Verdict } from '../model.js';
import { html, type Html } from './html.js';

export function verdictBanner(v: Verdict): Html {
  if (v.converged) {
    return html`<div class="verdict good" role="status"><b>✔ Converged:</b> ${v.nodes} nodes, ${count(v.keys)} keys, one root <code>${shortHash(v.root)}</code> <span class="dim">total ${seconds(v.elapsedMs)}</span></div>`;
  }
  return html`<div class="verdict bad" role="status"><b>✘ Not converged:</b> the replicas still differ<ul>${v.problems.map((p) => html`<li>${p}</li>`)}</ul></div>`;
}
