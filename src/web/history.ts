// The run as it was, moment by moment: what the page's Time slider scrubs through. After each
// event that changes what the page shows (a look at the nodes, a part of the story, a verdict),
// the state is kept as a moment, timed in ms since the run began. Messages are not kept per
// moment: the diagram cuts the page's own list at the moment's time. Pure: the server keeps the
// history (for a page that connects late, and for a replay) and the page adds to it as it goes.
import type { LiveState, Moment, WebEvent } from './model.js';

export type { Moment } from './model.js';

/**
 * Moments kept. A run's story is some 40 moments; a cluster watched for hours would add one a
 * second while its nodes repair. Each moment holds a look at every node (some 6 kB a node, for its
 * grid), so a page that connects late is sent at most about 120 × 18 kB ≈ 2 MB for three nodes.
 * When full, every other moment is dropped (the first and the newest stay): the slider always
 * spans the whole run, its steps growing coarser the longer it runs.
 */
export const MAX_MOMENTS = 120;

/**
 * Adds the state after `event` (applied at `at`) as a moment, unless the event was a message (the
 * diagram cuts by time) or nothing the page shows changed since the newest moment.
 */
export function remember(history: Moment[], state: LiveState, event: WebEvent, at: number): void {
  if (event.type === 'message' || event.type === 'snapshot') return;
  const moment = momentOf(state, at);
  const last = history[history.length - 1];
  if (last && signature(last) === signature(moment)) return;
  history.push(moment);
  if (history.length > MAX_MOMENTS) thin(history);
}

/** The state as it stood (the moment's parts, nothing the moment does not know changes). */
export function stateAt(present: LiveState, moment: Moment): LiveState {
  const { at: _at, sections, ...parts } = moment;
  return {
    ...present,
    ...parts,
    sections: sections.map((s, i) => ({
      title: s.title,
      phases: s.phases,
      events: present.sections[i]?.events.slice(0, s.events) ?? [],
    })),
  };
}

/** "4.2 s into the run: Trigger anti-entropy": the moment in words (the slider's value text). */
export function momentText(moment: Moment, mode: LiveState['mode']): string {
  const into = mode === 'cluster' ? 'after the start' : 'into the run';
  const part = moment.sections[moment.sections.length - 1];
  const what = part && moment.sections.length > 1 ? `: ${part.title}` : '';
  return `${duration(moment.at)} ${into}${what}`;
}

/** "0.8 s", "42.0 s", "3 min 5 s". */
export function duration(ms: number): string {
  const s = Math.max(0, ms) / 1000;
  if (s < 60) return `${s.toFixed(1)} s`;
  return `${Math.floor(s / 60)} min ${Math.floor(s % 60)} s`;
}

/** The newest moment at or before `at`, as an index (0 when every moment is later). */
export function momentIndex(history: readonly Moment[], at: number): number {
  const newest = history.findLastIndex((m) => m.at <= at);
  return Math.max(0, newest);
}

function momentOf(state: LiveState, at: number): Moment {
  return {
    at,
    samples: state.samples,
    divergent: state.divergent,
    activity: state.activity,
    quietRounds: state.quietRounds,
    killed: state.killed,
    verdict: state.verdict,
    waiting: state.waiting,
    ended: state.ended,
    sections: state.sections.map((s) => ({
      title: s.title,
      phases: s.phases.map((p) => ({ ...p })),
      events: s.events.length,
    })),
  };
}

/**
 * Each moment's signature, made once: the newest moment is compared after every event (a look at
 * the nodes comes every second), and a moment is never changed once kept. Moments that came with a
 * snapshot are not here until first compared.
 */
const signatures = new WeakMap<Moment, string>();

/** What a moment shows, bar its time: two moments alike in it are one step of the slider. */
function signature(m: Moment): string {
  const known = signatures.get(m);
  if (known !== undefined) return known;
  const { at: _at, samples, activity, divergent: _d, ...rest } = m;
  const nodes = samples.map((s) => [s.status, s.root, s.keys, s.tombstones, s.cut]);
  const made = JSON.stringify({ ...rest, nodes, rounds: activity.map((a) => a.at) });
  signatures.set(m, made);
  return made;
}

/** Drops every other moment between the first and the newest. */
function thin(history: Moment[]): void {
  const last = history[history.length - 1]!;
  const kept = history.slice(0, -1).filter((_, i) => i % 2 === 0);
  history.splice(0, history.length, ...kept, last);
}
