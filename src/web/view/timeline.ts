// The scenario's parts as a timeline: done, the current one marked, the one Next will start, and
// the verdict at the end. Also the rounds the nodes ran, as their counters showed them.
import { count } from '../../format.js';
import type { LiveState, Phase } from '../model.js';
import { html, type Html } from './html.js';

export function timeline(state: LiveState): Html {
  if (state.mode === 'cluster') return html`<p class="dim">No scenario: the nodes run until Ctrl-C in the terminal that started them.</p>`;
  const last = state.sections.length - 1;
  const finished = state.verdict !== null || state.ended !== null;
  const items = state.sections.map((s, i) => {
    if (i === 0 && s.phases.length === 0) return '';
    const mark = i < last || finished || state.waiting !== null ? 'done' : 'current';
    return html`<li class="${mark}" data-section="${i}"><span class="num">${i === 0 ? '·' : i}</span><div><b>${s.title}</b>${mark === 'current' ? html`<ul class="phases">${s.phases.map(phaseItem)}</ul>` : ''}</div></li>`;
  });
  const next = state.waiting !== null ? html`<li class="next"><span class="num">${last + 1}</span><div><b>${state.waiting}</b><br><span class="dim">press Next</span></div></li>` : '';
  // The agenda: parts not played yet, by their outline names (outline[0] is part 1).
  const firstUpcoming = last + (state.waiting !== null ? 2 : 1);
  const upcoming = finished ? [] : state.outline.slice(firstUpcoming - 1).map((title, i) => html`<li class="upcoming"><span class="num">${firstUpcoming + i}</span><div>${title}</div></li>`);
  const verdict = state.verdict
    ? html`<li class="${state.verdict.converged ? 'good' : 'bad'} current"><span class="num">${state.verdict.converged ? '✔' : '✘'}</span><div><b>${state.verdict.converged ? 'Converged' : 'Not converged'}</b></div></li>`
    : '';
  return html`<ol class="timeline">${items}${next}${upcoming}${verdict}</ol>`;
}

function phaseItem(p: Phase): Html {
  return html`<li class="phase ${p.state}">${p.state === 'running' ? p.title : (p.summary ?? p.title)}</li>`;
}

export function activity(state: LiveState): Html {
  const quiet = state.quietRounds > 0 ? html`<p class="dim">${count(state.quietRounds)} ${state.quietRounds === 1 ? 'round' : 'rounds'} found nothing to repair.</p>` : '';
  if (state.activity.length === 0) return quiet || html`<p class="dim">No anti-entropy rounds yet.</p>`;
  return html`${quiet}<ul class="activity">${state.activity.map(
    (a) => html`<li><code>${a.at.slice(11, 19)}</code> <b>${a.node}</b> ran ${a.rounds === 1 ? 'a round' : `${a.rounds} rounds`}: pulled ${count(a.pulled)}, pushed ${count(a.pushed)}</li>`,
  )}</ul>`;
}
