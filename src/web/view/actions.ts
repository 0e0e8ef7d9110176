// The live page's forms for the audience: write, delete or read from all replicas a key on a
// chosen node, and set every node's periodic anti-entropy interval. Labels are the accessible
// names tests and screen readers use.
import { MAX_KEY_BYTES } from '../../api/limits.js';
import { MAX_PAGE_VALUE_BYTES } from '../actions/limits.js';
import type { NodeRef } from '../model.js';
import { html, raw, type Html } from './html.js';

/** What the typed fields share: plain text, and no suggestions from the browser. */
const TYPED = raw('type="text" autocomplete="off"');
/** The interval field's: plain text, but a phone offers its number pad. */
const NUMERIC = raw('type="text" inputmode="numeric" autocomplete="off"');

/** One labelled field: its label, then the control the label names. */
function field(id: string, label: string, control: Html): Html {
  return html`<span class="field"><label for="${id}">${label}</label>${control}</span>`;
}

/** Why the cards have no Kill: said once, as text every reader reaches after the cards. */
const NO_KILL =
  'Kill and Restart are not offered: these nodes run elsewhere, and ae-demo was given no ' +
  '--restart-command to restart one.';

/**
 * Drawn only while the controls are shown; its markup changes only with the node list (and
 * whether Kill and Restart work).
 */
export function actionForms(nodes: readonly NodeRef[], canKill = true): Html {
  const key = html`<input id="f-key" name="key" ${TYPED} maxlength="${MAX_KEY_BYTES}" placeholder="demo:k">`;
  const value = html`<input id="f-value" name="value" ${TYPED} maxlength="${MAX_PAGE_VALUE_BYTES}" placeholder="one">`;
  const options = nodes.map((n) => html`<option value="${n.id}">${n.id}</option>`);
  const node = html`<select id="f-node" name="node">${options}</select>`;
  const interval = html`<input id="f-interval" name="ms" ${NUMERIC} placeholder="0" size="8">`;
  const write = html`<button type="submit" data-action="write">Write</button>`;
  const remove = html`<button type="button" id="f-delete" data-action="delete">Delete</button>`;
  // Reads the key through the chosen node from every replica, repairing the stale ones.
  const read = html`<button type="button" id="f-read" data-action="read">Read from all</button>`;
  return html`<div class="action-forms"><form id="write-form" class="action-form" aria-label="Write a key">
${field('f-key', 'Key', key)}
${field('f-value', 'Value', value)}
${field('f-node', 'Node', node)}
<label class="check"><input id="f-direct" name="direct" type="checkbox"> Direct (no replication)</label>
${write}${remove}${read}
</form><form id="interval-form" class="action-form" aria-label="Periodic anti-entropy">
${field('f-interval', 'Anti-entropy interval (ms)', interval)}
<button type="submit">Set interval</button>
</form>${canKill ? '' : html`<p id="no-kill" class="dim">${NO_KILL}</p>`}</div>`;
}
