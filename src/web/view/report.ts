// The report a run leaves behind (--report FILE.html): one self-contained file, with the style
// inline and no script, image, font or link to anything outside it, so that it opens anywhere
// and can be attached to a bug report or a slide.
import type { LiveState } from '../model.js';
import { nodeCards } from './cards.js';
import { html, htmlDocument, raw, type Html } from './html.js';
import { gridLegend } from './legend.js';
import { section, setup } from './page.js';
import { verdictBanner } from './verdict.js';
import { messagesView } from './sequence.js';

export function reportHtml(state: LiveState, css: string, generatedAt: string): string {
  const parts = state.sections.slice(1).map((s, i) => section(s, i + 1, false));
  const before = state.divergent
    ? html`<h3>Before repair</h3>${nodeCards(state.nodes, state.divergent)}`
    : '';
  const after =
    state.samples.length > 0
      ? html`<h3>${state.verdict ? 'At the end' : 'Last seen'}</h3>${nodeCards(state.nodes, state.samples, false)}`
      : '';
  const where = state.nodes.map((n) => `${n.id} ${n.address}`).join(', ');
  const when = html`started ${moment(state.startedAt)} · written ${moment(generatedAt)}`;
  const why = state.ended?.error ?? 'the run did not finish';
  const verdict = state.verdict
    ? verdictBanner(state.verdict)
    : html`<div class="verdict bad"><b>No verdict:</b> ${why}</div>`;
  const body = html`<main><header class="report-head"><h1>ae-demo report · scenario ${state.scenario}</h1>
<p>${state.summary}</p>
<p class="dim">${state.nodes.length} nodes (${where}) · ${when}</p></header>
${verdict}
<section class="part trees"><h2>The top of each Merkle tree</h2>${gridLegend(true)}${before}${after}</section>
${setup(state.sections[0]!)}
${parts}${messages(state)}</main>`;
  return htmlDocument({
    title: `ae-demo report · ${state.scenario}`,
    head: html`<style>
${raw(css)}
</style>`,
    bodyClass: 'report',
    body,
  });
}

/** The messages between the nodes, as a part of the report (none: nothing). */
function messages(state: LiveState): Html {
  const view = messagesView(state);
  return view.text === '' ? html`` : html`<section class="part messages">${view}</section>`;
}

/** An ISO timestamp, kept on one line (a phone's narrow column broke it at its hyphens). */
function moment(iso: string): Html {
  return html`<time datetime="${iso}">${iso}</time>`;
}
