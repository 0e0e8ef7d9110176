// The live page's forms for the audience: write or delete a key on a chosen node, and set every
// node's periodic anti-entropy interval. Labels are the accessible names tests and screen readers use.
import { MAX_KEY_BYTES } from '../../api/limits.js';
import { MAX_PAGE_VALUE_BYTES } from '../actions/limits.js';
import type { NodeRef } from '../model.js';
import { html, type Html } from './html.js';

/** Drawn only while the controls are shown; its markup changes only with the node list. */
export function actionForms(nodes: readonly NodeRef[]): Html {
  return html`<div class="action-forms"><form id="write-form" class="action-form" aria-label="Write a key">
<span class="field"><label for="f-key">Key</label><input id="f-key" name="key" type="text" autocomplete="off" maxlength="${MAX_KEY_BYTES}" placeholder="demo:k"></span>
<span class="field"><label for="f-value">Value</label><input id="f-value" name="value" type="text" autocomplete="off" maxlength="${MAX_PAGE_VALUE_BYTES}" placeholder="one"></span>
<span class="field"><label for="f-node">Node</label><select id="f-node" name="node">${nodes.map((n) => html`<option value="${n.id}">${n.id}</option>`)}</select></span>
<label class="check"><input id="f-direct" name="direct" type="checkbox"> Direct (no replication)</label>
<button type="submit" data-action="write">Write</button><button type="button" id="f-delete" data-action="delete">Delete</button>
</form><form id="interval-form" class="action-form" aria-label="Periodic anti-entropy">
<span class="field"><label for="f-interval">Anti-entropy interval (ms)</label><input id="f-interval" name="ms" type="text" inputmode="numeric" autocomplete="off" placeholder="0" size="8"></span>
<button type="submit">Set interval</button>
</form></div>`;
}
