// The live page's part of the three repair paths beside the forms: the Hinted handoff switch (one
// for the cluster, showing what the nodes said at the last look, not what was last pressed), and
// the keys the page wrote or read, as every node holds them, each repaired entry tagged with its path.
import type { KeyState } from '../../cluster/key-state.js';
import { clusterHints, hintsSaid } from '../hints.js';
import type { LiveState, NodeSample } from '../model.js';
import { html, type Html } from './html.js';
import { keyTable } from './story.js';
import { viaLegend } from './via.js';

const WATCHED_TITLE = 'The keys this page wrote or read, on each node';

/** The switch: on when every node that answered has hints on; pressing it sets every node alike. */
export function hintsSwitch(state: LiveState): Html {
  if (!state.controls || state.samples.length === 0) return html``;
  const on = clusterHints(state.samples) === true;
  const attrs = html`id="hints-switch" class="switch" role="switch" aria-checked="${on ? 'true' : 'false'}" \
data-action="hints" aria-describedby="hints-said"`;
  const shown = html`<span class="track" aria-hidden="true"></span>Hinted handoff\
<span class="state" aria-hidden="true">${on ? 'on' : 'off'}</span>`;
  const button = html`<button type="button" ${attrs}>${shown}</button>`;
  return html`<div class="switches">${button}<span id="hints-said" class="dim">${said(state.samples)}</span></div>`;
}

/** What the switch means now, in words (its state is never told by colour alone). */
function said(samples: readonly NodeSample[]): string {
  const { on, off } = hintsSaid(samples);
  if (on.length + off.length === 0) return 'No node has said whether it keeps hints.';
  if (off.length === 0)
    return 'On: a write a peer missed is kept for it and replayed when it answers again.';
  if (on.length === 0)
    return 'Off: a write a peer missed waits for anti-entropy, or for a read from all.';
  return `On on ${on.join(', ')}, off on ${off.join(', ')}: pressing it turns it on everywhere.`;
}

/** The keys the page acted on (the newest few), read on every node at each look. */
export function watchedKeys(state: LiveState): Html {
  if (!state.controls) return html``;
  const states: Record<string, KeyState[]> = {};
  for (const s of state.samples)
    for (const [key, held] of Object.entries(s.watched)) (states[key] ??= []).push(held);
  const keys = Object.keys(states);
  if (keys.length === 0) return html``;
  const table = keyTable(keys, states, () => WATCHED_TITLE);
  return html`<section class="watched"><h3>${WATCHED_TITLE}</h3>${viaLegend()}${table}</section>`;
}
