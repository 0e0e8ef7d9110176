// The scenario's parts as a timeline: done, the current one marked, the one Next will start, and
// the verdict at the end. Also each anti-entropy round the nodes ran, whoever started it.
import { bytes, list, plural } from '../../format.js';
import type { PeerReport } from '../../api/reports.js';
import type { Activity, LiveState, Phase } from '../model.js';
import { html, type Html } from './html.js';
import { shownKey } from './shown-key.js';

/** Under the part the run waits for: how to start it. */
const PRESS = html`<br><span class="dim">press Next</span>`;

export function timeline(state: LiveState): Html {
  if (state.mode === 'cluster')
    return html`<p class="dim">No scenario: the nodes run until Ctrl-C in the terminal that started them.</p>`;
  const last = state.sections.length - 1;
  const finished = state.verdict !== null || state.ended !== null;
  const items = state.sections.map((s, i) => {
    if (i === 0 && s.phases.length === 0) return '';
    const mark = i < last || finished || state.waiting !== null ? 'done' : 'current';
    const phases =
      mark === 'current' ? html`<ul class="phases">${s.phases.map(phaseItem)}</ul>` : '';
    const num = html`<span class="num">${i === 0 ? '·' : i}</span>`;
    return html`<li class="${mark}" data-section="${i}">${num}<div><b>${s.title}</b>${phases}</div></li>`;
  });
  const next =
    state.waiting !== null
      ? html`<li class="next"><span class="num">${last + 1}</span><div><b>${state.waiting}</b>${PRESS}</div></li>`
      : '';
  // The agenda: parts not played yet, by their outline names (outline[0] is part 1).
  const firstUpcoming = last + (state.waiting !== null ? 2 : 1);
  const upcoming = finished
    ? []
    : state.outline
        .slice(firstUpcoming - 1)
        .map(
          (title, i) =>
            html`<li class="upcoming"><span class="num">${firstUpcoming + i}</span><div>${title}</div></li>`,
        );
  const verdict = state.verdict ? verdictItem(state.verdict.converged) : '';
  return html`<ol class="timeline">${items}${next}${upcoming}${verdict}</ol>`;
}

/** The timeline's last line once the run has its verdict. */
function verdictItem(converged: boolean): Html {
  const mood = converged ? 'good' : 'bad';
  const sign = converged ? '✔' : '✘';
  const word = converged ? 'Converged' : 'Not converged';
  return html`<li class="${mood} current"><span class="num">${sign}</span><div><b>${word}</b></div></li>`;
}

function phaseItem(p: Phase): Html {
  return html`<li class="phase ${p.state}">${p.state === 'running' ? p.title : (p.summary ?? p.title)}</li>`;
}

/** The rounds the nodes ran, newest first: one line per peer, as compact as the exchange table. */
export function activity(state: LiveState): Html {
  const quiet =
    state.quietRounds > 0
      ? html`<p class="dim">${plural(state.quietRounds, 'round')} found every peer in sync.</p>`
      : '';
  if (state.activity.length === 0)
    return quiet || html`<p class="dim">No anti-entropy round has run yet.</p>`;
  const rounds = state.activity.map((a) => {
    const peers = a.report.peers.map((p) => peerLine(a, p));
    return html`<li><code>${a.at.slice(11, 19)}</code> <b>${a.node}</b><ul>${peers}</ul></li>`;
  });
  return html`<ul class="activity">${rounds}</ul>${quiet}`;
}

function peerLine(a: Activity, p: PeerReport): Html {
  const peer = a.ids[p.peer] ?? p.peer;
  if (p.status === 'unreachable' || p.status === 'refused')
    return html`<li class="bad">⇄ ${peer}: ${p.status} (${p.reason ?? 'no answer'})</li>`;
  const spent = p.bytes.sent + p.bytes.received;
  const full = a.fullCost[p.peer];
  const moved = [
    p.counts.pulled > 0 ? `pulled ${list(p.keys.pulled.map(shownKey), 2)}` : '',
    p.counts.pushed > 0 ? `pushed ${list(p.keys.pushed.map(shownKey), 2)}` : '',
  ]
    .filter(Boolean)
    .join(', ');
  const took = `${plural(p.levels, 'level')} · ${plural(p.roundTrips, 'round trip')}`;
  const cost = `${bytes(spent)}${full ? ` (a full exchange: ${bytes(full)})` : ''}`;
  const line = html`⇄ ${peer}: ${moved || 'in sync'} <span class="dim">· ${took} · ${cost}</span>`;
  return html`<li class="${p.status}">${line}</li>`;
}
