// What the live page and the report know of a run: the events the orchestrator sends (over
// Server-Sent Events, or recorded for the report) and the state they add up to. Pure: the same
// `apply` runs in the browser and in Node, so the page and the report can never disagree.
import type { StoryEvent } from '../story/events.js';
import type { NodeSample } from '../cluster/watch.js';
import type { RoundReport } from '../api/reports.js';
import type { MessageRecord } from '../api/messages.js';
import { addMessage, initialMessages, type MessageState } from './messages.js';

export type { LevelView, NodeSample } from '../cluster/watch.js';

export interface NodeRef {
  id: string;
  address: string;
}

export interface Verdict {
  converged: boolean;
  problems: string[];
  nodes: number;
  keys: number;
  root: string;
  elapsedMs: number;
}

/** What a run (or a foreground cluster) says about itself when it starts: the page's header. */
export interface RunHeader {
  mode: 'run' | 'cluster';
  scenario: string;
  summary: string;
  /** The scenario's parts, named before they are played (the timeline's agenda). */
  outline: readonly string[];
  nodes: NodeRef[];
  step: boolean;
  startedAt: string;
  /** The nodes run elsewhere (--connect): none was started here, and none stops with the page. */
  elsewhere?: boolean;
}

export type WebEvent =
  | ({ type: 'start' } & RunHeader)
  | { type: 'section'; title: string }
  | { type: 'phase'; title: string; state: 'running' | 'done' | 'failed'; summary?: string }
  | { type: 'story'; event: StoryEvent }
  | { type: 'nodes'; nodes: NodeSample[]; at: string }
  | { type: 'waiting'; next: string }
  | { type: 'verdict'; verdict: Verdict }
  | { type: 'end'; kept: boolean; error?: string }
  /** The page set every node's periodic anti-entropy interval (ms; 0: only on trigger). */
  | { type: 'interval'; ms: number }
  /** The page's controls: shown (the cluster is the audience's now), and the nodes it killed. */
  | { type: 'controls'; shown: boolean; killed: string[]; canKill?: boolean }
  /** A message between nodes (its `at`: ms since the run began). */
  | MessageRecord
  /**
   * Everything so far in one event, for a page that connects late (the log keeps only recent
   * events): the state, the moments the Time slider goes back to, and when it was sent (ms since
   * the run began), which sets the page's clock.
   */
  | { type: 'snapshot'; state: LiveState; history?: Moment[]; at?: number };

/** The page at one moment of the run (history.ts keeps them for the Time slider). */
export type Moment = Pick<
  LiveState,
  'samples' | 'divergent' | 'activity' | 'quietRounds' | 'killed' | 'verdict' | 'waiting' | 'ended'
> & {
  /** ms since the run began. */
  at: number;
  /** Each part as it stood: its phases then, and how many of its events had happened. */
  sections: { title: string; phases: Phase[]; events: number }[];
};

export interface Phase {
  title: string;
  state: 'running' | 'done' | 'failed';
  summary?: string;
}

export interface Section {
  title: string;
  phases: Phase[];
  events: StoryEvent[];
}

/** An anti-entropy round that moved keys or met an unreachable peer, whoever started it. */
export interface Activity {
  /** Id of the node that ran the round. */
  node: string;
  /** When it ended (ISO time). */
  at: string;
  report: RoundReport;
  /** Peer address -> node id. */
  ids: Record<string, string>;
  /** Peer address -> bytes a full exchange with that peer would have shipped. */
  fullCost: Record<string, number>;
}

export interface LiveState extends RunHeader {
  /** sections[0] is the set-up before the first numbered part. */
  sections: Section[];
  samples: NodeSample[];
  /** The first sample in which the roots differed: the picture before repair. */
  divergent: NodeSample[] | null;
  /** Newest first, at most MAX_ACTIVITY. */
  activity: Activity[];
  /** Rounds seen that found every peer in sync (counted, not listed). */
  quietRounds: number;
  waiting: string | null;
  verdict: Verdict | null;
  ended: { kept: boolean; error?: string } | null;
  /** The page's controls are shown (cluster --web, or run --web --keep once the story ended). */
  controls: boolean;
  /** Nodes killed from the page and not restarted yet. */
  killed: string[];
  /** Kill and Restart can work (false: the nodes run elsewhere and no command restarts them). */
  canKill: boolean;
  /** The interval last set from the page (ms), or null: as the summary says. */
  intervalMs: number | null;
  /** The messages between nodes: exchanges one by one, replication folded into bands. */
  messages: MessageState;
  /** How many events were applied: the page shows it, tests wait on it. */
  seq: number;
}

/** The activity list keeps this many rounds, newest first. */
export const MAX_ACTIVITY = 12;
export const SETUP_TITLE = 'Setting up';

export function initialState(): LiveState {
  return {
    mode: 'run',
    scenario: '',
    summary: '',
    outline: [],
    nodes: [],
    step: false,
    startedAt: '',
    sections: [{ title: SETUP_TITLE, phases: [], events: [] }],
    samples: [],
    divergent: null,
    activity: [],
    quietRounds: 0,
    waiting: null,
    verdict: null,
    ended: null,
    controls: false,
    killed: [],
    canKill: true,
    intervalMs: null,
    messages: initialMessages(),
    seq: 0,
  };
}

/** Adds one event to the state (in place). */
export function apply(state: LiveState, event: WebEvent): void {
  if (event.type === 'snapshot') {
    Object.assign(state, structuredClone(event.state));
    return;
  }
  state.seq += 1;
  const current = state.sections[state.sections.length - 1]!;
  switch (event.type) {
    case 'start': {
      const { type: _start, ...header } = event;
      Object.assign(state, header);
      return;
    }
    case 'section':
      state.sections.push({ title: event.title, phases: [], events: [] });
      state.waiting = null;
      return;
    case 'phase': {
      const open = current.phases.find((p) => p.title === event.title && p.state === 'running');
      const phase = {
        title: event.title,
        state: event.state,
        ...(event.summary !== undefined ? { summary: event.summary } : {}),
      };
      if (open) Object.assign(open, phase);
      else current.phases.push(phase);
      return;
    }
    case 'story':
      current.events.push(event.event);
      return;
    case 'nodes':
      // Once the nodes have stopped, the last look at them is the picture to keep.
      if (state.ended?.kept === false) return;
      noteRounds(state, event.nodes);
      state.samples = event.nodes;
      if (!state.divergent && distinctRoots(event.nodes) > 1) state.divergent = event.nodes;
      return;
    case 'waiting':
      state.waiting = event.next;
      return;
    case 'verdict':
      state.verdict = event.verdict;
      return;
    case 'end':
      state.ended = {
        kept: event.kept,
        ...(event.error !== undefined ? { error: event.error } : {}),
      };
      state.waiting = null;
      if (!event.kept) state.controls = false;
      return;
    case 'interval':
      state.intervalMs = event.ms;
      return;
    case 'controls':
      state.controls = event.shown;
      state.killed = event.killed;
      state.canKill = event.canKill ?? true;
      return;
    case 'message':
      addMessage(state.messages, event);
      return;
  }
}

/** The run (or the cluster) is over and its nodes have stopped: nothing on the page changes any more. */
export function isOver(state: LiveState): boolean {
  return state.ended !== null && !state.ended.kept;
}

/** How many different roots the nodes that answered have. */
export function distinctRoots(samples: readonly NodeSample[]): number {
  return new Set(samples.filter((s) => s.root !== null).map((s) => s.root)).size;
}

function noteRounds(state: LiveState, samples: NodeSample[]): void {
  const byAddress = new Map(samples.map((s) => [s.address, s]));
  const ids = Object.fromEntries(state.nodes.map((n) => [n.address, n.id]));
  const seen: Activity[] = [];
  for (const s of samples) {
    for (const { at, report } of s.newRounds) {
      if (report.peers.every((p) => p.status === 'in_sync')) {
        state.quietRounds += 1;
        continue;
      }
      const fullCost = Object.fromEntries(
        report.peers.map((p) => [p.peer, s.fullBytes + (byAddress.get(p.peer)?.fullBytes ?? 0)]),
      );
      seen.push({ node: s.id, at, report, ids, fullCost });
    }
  }
  seen.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
  state.activity = [...seen, ...state.activity].slice(0, MAX_ACTIVITY);
}
