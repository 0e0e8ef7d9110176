// The live page's regions, each rendered whole from the state: the browser swaps a region only
// when its markup changed. The shell is what GET / serves before any event arrives.
import { isOver, type LiveState, type Section } from '../model.js';
import { actionForms } from './actions.js';
import { nodeCards } from './cards.js';
import { html, htmlDocument, type Html } from './html.js';
import { gridLegend } from './legend.js';
import { tableNames } from './scroll-region.js';
import { storyEvent } from './story.js';
import { activity, timeline } from './timeline.js';
import { verdictBanner } from './verdict.js';
import { messagesView } from './sequence.js';
import { timeBar } from './time.js';
import { hintsSwitch, watchedKeys } from './repair-controls.js';
import { count, tryCommands } from '../../format.js';

export type Region =
  | 'header'
  | 'timeline'
  | 'activity'
  | 'cards'
  | 'switches'
  | 'actions'
  | 'watched'
  | 'story'
  | 'messages';
export const REGIONS: readonly Region[] = [
  'header',
  'timeline',
  'activity',
  'cards',
  'switches',
  'actions',
  'watched',
  'story',
  'messages',
];

/** Every region at the state given; `until`: the diagram's moment (ms since the run began). */
export function regions(
  state: LiveState,
  connection: 'live' | 'lost',
  until = Infinity,
): Record<Region, Html> {
  return {
    ...presentRegions(state, connection),
    timeline: timeline(state),
    activity: activity(state),
    cards: html`${endedNote(state)}${nodeCards(
      state.nodes,
      state.samples,
      // Nodes that run elsewhere were not stopped: their cards keep their last status.
      isOver(state) && state.elsewhere !== true,
      state.controls ? { killed: state.killed, canKill: state.canKill } : undefined,
    )}`,
    watched: watchedKeys(state),
    story: story(state),
    messages: messagesView(state, until),
  };
}

/**
 * The regions that show the cluster as it is now even when the Time slider shows the past: the
 * header and the controls (they act on the cluster as it is).
 */
export function presentRegions(
  state: LiveState,
  connection: 'live' | 'lost',
): Pick<Record<Region, Html>, 'header' | 'switches' | 'actions'> {
  return {
    header: header(state, connection),
    // Its own region: the forms are redrawn only when the nodes change, not at every look.
    switches: hintsSwitch(state),
    actions: state.controls ? actionForms(state.nodes, state.canKill) : html``,
  };
}

function header(state: LiveState, connection: 'live' | 'lost'): Html {
  const cluster = state.elsewhere ? 'a cluster that runs elsewhere' : 'a local cluster';
  const what = state.mode === 'cluster' ? cluster : html`scenario <b>${state.scenario}</b>`;
  const status = state.ended
    ? state.ended.kept
      ? 'finished · the cluster stays up'
      : state.elsewhere
        ? 'finished · the nodes run on elsewhere'
        : 'finished · the nodes have stopped'
    : connection === 'lost'
      ? 'connection lost'
      : 'live';
  const next = state.step && state.ended === null ? nextButton(state.waiting) : '';
  const title = html`<h1>ae-demo</h1><p>anti-entropy between ${state.nodes.length || '…'} replicas · ${what}</p>`;
  const conn = connection === 'lost' && !state.ended ? 'lost' : state.ended ? 'ended' : 'live';
  const light = html`<span class="conn ${conn}" data-seq="${state.seq}">${status}</span>`;
  const said = html`<p class="dim summary">${summary(state)}</p>`;
  return html`<div class="title">${title}${said}</div><div class="controls">${light}${next}</div>`;
}

/** The button to the next part: pressable while the run waits for it, and naming that part. */
function nextButton(waiting: string | null): Html {
  const disabled = waiting === null ? 'true' : 'false';
  const label = waiting === null ? 'Next ▶' : html`Next: ${waiting} ▶`;
  const hint = 'Next part (also → , Page Down or Space)';
  return html`<button id="next" type="button" aria-disabled="${disabled}" title="${hint}">${label}</button>`;
}

/**
 * The run's one-line summary; once the page has set the interval, what it set (on cluster --web
 * the summary is the interval, which it replaces; on a run it is the scenario, which it follows).
 */
function summary(state: LiveState): string {
  if (state.intervalMs === null) return state.summary;
  const set =
    state.intervalMs === 0
      ? 'anti-entropy only on trigger'
      : `periodic anti-entropy every ~${count(state.intervalMs)} ms`;
  return state.mode === 'cluster'
    ? `${set[0]!.toUpperCase()}${set.slice(1)} (set from this page)`
    : `${state.summary} · ${set} (set from this page)`;
}

/**
 * While the run plays, the newest part comes first (it is what the room looks at); once it is
 * over, the story reads from the first part to the last, as a report does.
 */
function story(state: LiveState): Html {
  const over = isOver(state);
  const last = state.sections.length - 1;
  const parts = state.sections.map((s, i) =>
    i === 0
      ? setup(s)
      : section(s, i, !over && i === last && state.waiting === null && !state.verdict),
  );
  if (state.mode === 'cluster') {
    // No set-up to show; a cluster that stopped has no commands left to try.
    const played = parts.slice(1);
    return over ? html`${played}` : html`${played.reverse()}${clusterHint(state)}`;
  }
  const verdict = state.verdict ? verdictBanner(state.verdict) : '';
  const error = state.ended?.error;
  const stopped = error
    ? html`<div class="verdict bad"><b>The run stopped:</b> ${error}</div>`
    : '';
  return html`${verdict}${stopped}${over ? parts : parts.reverse()}`;
}

/** Once the nodes have stopped, the page says so: what it shows is the cluster as it last was. */
function endedNote(state: LiveState): Html {
  if (!isOver(state)) return html``;
  const what = state.mode === 'cluster' ? 'The cluster has stopped' : 'The run has ended';
  const order = state.mode === 'run' ? '; the story reads from its first part' : '';
  const shown = 'the cards show them as they last were';
  // Nodes that run elsewhere did not stop: only this page stopped looking at them.
  const nodes = state.elsewhere
    ? 'it no longer watches its nodes, which run on'
    : 'its nodes have stopped';
  return html`<p class="ended-note" role="status">${what} and ${nodes}: ${shown}${order}.</p>`;
}

/**
 * `ae-demo cluster --web` has no story: the page says how to make one. The commands wrap (a
 * phone is narrower than any of them) rather than scroll in a box that a keyboard cannot reach.
 */
function clusterHint(state: LiveState): Html {
  const commands = tryCommands(state.nodes.map((n) => n.address));
  const items = commands.map((c) => html`<li><code>${wrappable(c)}</code></li>`);
  const heading = html`<h2>Make the nodes differ, then repair them</h2>`;
  const direct =
    'A direct write changes one node only: its grid cell lights up until a round repairs it.';
  const where = 'The cards follow the nodes every second. From another terminal:';
  return html`<section class="part current">${heading}<p>${where}</p>
<ul class="commands">${items}</ul><p class="dim">${direct}</p></section>`;
}

/**
 * A command that breaks only between its words and after the commas of a list, never inside a
 * flag ("--|nodes") or an address; copied, it is the same text (no character is added).
 */
function wrappable(command: string): Html {
  const word = (w: string) => {
    const parts = w.split(',').map((part, i) => (i === 0 ? part : html`,<wbr>${part}`));
    return html`<span class="word">${parts}</span>`;
  };
  return html`${command.split(' ').map((w, i) => (i === 0 ? word(w) : html` ${word(w)}`))}`;
}

/** One numbered part of the story with its events (the page and the report draw parts alike). */
export function section(s: Section, n: number, current: boolean): Html {
  const names = tableNames(n);
  const heading = html`<h2><span class="num">${n}</span> ${s.title}</h2>`;
  const events = s.events.map((e) => storyEvent(e, names));
  return html`<section class="part${current ? ' current' : ''}" data-section="${n}">${heading}${events}</section>`;
}

/** The set-up before the first part: starting the nodes, the background keys. */
export function setup(s: Section): Html {
  if (s.phases.length === 0) return html``;
  const phases = s.phases.map(
    (p) => html`<li class="phase ${p.state}">${p.summary ?? p.title}</li>`,
  );
  const list = html`<ul class="phases">${phases}</ul>`;
  return html`<section class="part setup" data-section="0"><h2>${s.title}</h2>${list}</section>`;
}

/** The live page's left column: the timeline and the rounds, one region a keyboard can scroll. */
function sidebar(): Html {
  const timeline = html`<h2>Timeline</h2><div id="timeline"></div>`;
  const rounds = html`<h2>Anti-entropy rounds</h2><div id="activity"></div>`;
  return html`<aside tabindex="0" aria-label="Timeline and anti-entropy rounds">${timeline}${rounds}</aside>`;
}

/** The live page's main column: the cards, the grid's legend, the forms and their answer, the story. */
function stage(): Html {
  const message = html`<p id="action-message" class="action-message" role="status" aria-live="polite"></p>`;
  const story = html`<section id="story" class="story" tabindex="0" aria-label="The story"></section>`;
  const messages = html`<div id="messages" class="messages-part"></div>`;
  const cards = html`<div id="cards"></div>${gridLegend()}<div id="switches"></div><div id="actions"></div>`;
  const watched = html`<div id="watched"></div>`;
  return html`<div class="stage">${timeBar()}${cards}${message}${watched}${story}${messages}</div>`;
}

/** The page before any event: regions to fill, the stylesheet and the script, all from ae-demo. */
export function shell(): string {
  return htmlDocument({
    title: 'ae-demo · live',
    head: html`<link rel="icon" href="data:,">
<link rel="stylesheet" href="/style.css">
<script type="module" src="/js/src/web/page/app.js"></script>`,
    bodyClass: 'live',
    body: html`<header id="header"></header><main>${sidebar()}${stage()}</main>
<noscript>The live view needs JavaScript; ae-demo run --report FILE.html writes a static report.</noscript>`,
  });
}
