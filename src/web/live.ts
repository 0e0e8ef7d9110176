// What a run shows beyond the terminal: it records the story as events (for the report), looks
// at the nodes at every part and every phase (and, with a live page, every second), and serves
// the live page with --web, whose Next button can stand in for Enter.
import type { Cluster } from '../cluster/cluster.js';
import { ClusterWatch } from '../cluster/watch.js';
import { ClusterControls } from './actions/controls.js';
import { perform, type Outcome } from './actions/perform.js';
import { plan, type Step } from './actions/plan.js';
import type { NodeRef, RunHeader, WebEvent } from './model.js';
import { Recorder } from './recorder.js';
import { startWebServer, type WebServer } from './server.js';

/** The story's part for what the audience does from the page. */
export const ACTIONS_TITLE = 'From the page';
/** How often a live page's node cards refresh while nothing else happens. */
export const SAMPLE_INTERVAL_MS = 1_000;
export const WEB_HOST = '127.0.0.1';
/** Keys the page wrote, deleted or read lately, read on every node at each look (one GET each). */
export const WATCHED_KEYS = 4;

export interface RunViewOptions {
  /** Serve the live page on this port (0: any free one); no page when absent. */
  webPort?: number;
  /** When the run began (performance.now()), from which the page times its moments; default: now. */
  since?: number;
}

export class RunView {
  readonly recorder: Recorder;
  readonly #watch = new ClusterWatch();
  readonly #server: WebServer | undefined;
  #nodes: () => NodeRef[] = () => [];
  #chain: Promise<void> = Promise.resolve();
  #pending = 0;
  #timer: NodeJS.Timeout | undefined;
  #next: (() => void) | undefined;
  #controls: ClusterControls | undefined;
  #acted = false;
  /** The keys the page acted on, newest first: the cards' table shows them on every node. */
  #watched: string[] = [];
  /** False once the nodes are about to stop: the last look is the one the page keeps. */
  #watching = true;

  private constructor(recorder: Recorder, server?: WebServer) {
    this.recorder = recorder;
    this.#server = server;
  }

  static async open(o: RunViewOptions): Promise<RunView> {
    const since = o.since ?? performance.now();
    const recorder = new Recorder(() => performance.now() - since);
    if (o.webPort === undefined) return new RunView(recorder);
    let advance = () => false;
    let act = (_: unknown): Promise<Outcome | null> => Promise.resolve(null);
    const server = await startWebServer({
      host: WEB_HOST,
      port: o.webPort,
      recorder,
      onNext: () => advance(),
      onAction: (request) => act(request),
    });
    const view = new RunView(recorder, server);
    advance = () => view.#advance();
    act = (request) => view.#act(request);
    return view;
  }

  /** The live page's address, when there is one. */
  get url(): string | undefined {
    return this.#server?.url;
  }

  /** Whether a page has connected (and been sent everything so far). */
  get viewed(): boolean {
    return this.#server?.viewed ?? false;
  }

  whenViewed(): Promise<void> {
    return this.#server?.whenViewed() ?? Promise.resolve();
  }

  get live(): boolean {
    return this.#server !== undefined;
  }

  emit(event: WebEvent): void {
    this.recorder.emit(event);
  }

  /**
   * The run has its nodes: say what it is, look at them once, and with a live page every
   * SAMPLE_INTERVAL_MS from then on (skipped while a look is still on its way). `nodes` is asked
   * each time, so a restarted node keeps its place.
   */
  async begin(
    meta: Omit<RunHeader, 'startedAt' | 'nodes'>,
    nodes: () => readonly NodeRef[],
  ): Promise<void> {
    this.#nodes = () => nodes().map((n) => ({ id: n.id, address: n.address }));
    this.emit({
      type: 'start',
      ...meta,
      nodes: this.#nodes(),
      startedAt: new Date().toISOString(),
    });
    await this.sample();
    if (!this.live) return;
    this.#timer ??= setInterval(() => {
      if (this.#pending === 0) void this.sample().catch(() => undefined);
    }, SAMPLE_INTERVAL_MS);
    this.#timer.unref();
  }

  /** Looks at every node now; resolves when the sample is recorded (samples never overlap). */
  sample(): Promise<void> {
    if (!this.#watching) return Promise.resolve();
    this.#pending += 1;
    const taken = this.#chain.then(async () => {
      const nodes = this.#nodes();
      if (nodes.length === 0) return;
      this.emit({
        type: 'nodes',
        nodes: await this.#watch.sample(nodes, this.#watched),
        at: new Date().toISOString(),
      });
    });
    this.#chain = taken
      .catch(() => undefined)
      .finally(() => {
        this.#pending -= 1;
      });
    return taken;
  }

  /**
   * The page shows Next (with what comes next) until it is pressed or the signal aborts (Enter
   * came first). Either way the part that starts next, or the end of the run, clears it.
   */
  waitForNext(next: string, signal: AbortSignal): Promise<void> {
    if (!this.live || signal.aborted) return Promise.resolve();
    this.emit({ type: 'waiting', next });
    return new Promise<void>((resolve) => {
      const done = () => {
        this.#next = undefined;
        signal.removeEventListener('abort', done);
        resolve();
      };
      this.#next = done;
      signal.addEventListener('abort', done, { once: true });
    });
  }

  /**
   * Hands the cluster to the page: its controls appear (cluster --web at once; run --web --keep
   * once the story has ended, so nothing changes the story under the presenter).
   */
  enableControls(cluster: Cluster): void {
    if (!this.live) return;
    this.#controls = new ClusterControls(cluster);
    // canKill is said only when false: a local cluster's events stay as they were.
    const noKill = cluster.canKill ? {} : { canKill: false };
    this.emit({ type: 'controls', shown: true, killed: [], ...noKill });
  }

  /** One action from the page; null while the controls are not shown. */
  #act(request: unknown): Promise<Outcome | null> {
    const controls = this.#controls;
    if (!controls || this.recorder.state.ended?.kept === false) return Promise.resolve(null);
    return controls.serial(async () => {
      const planned = plan(request, controls.nodes(), controls.canKill);
      if (!planned.ok) return { ok: false, message: planned.message, events: [] };
      this.#keep(planned.steps);
      const outcome = await perform(
        planned.steps,
        controls.hands(() => this.recorder.state.samples),
      );
      if (!this.#acted) this.emit({ type: 'section', title: ACTIONS_TITLE });
      this.#acted = true;
      for (const event of outcome.events) this.emit({ type: 'story', event });
      // The header says how often the nodes run rounds: it must follow what the page set.
      const set = planned.steps[0];
      if (outcome.ok && set?.call === 'interval') this.emit({ type: 'interval', ms: set.ms });
      const noKill = controls.canKill ? {} : { canKill: false };
      this.emit({ type: 'controls', shown: true, killed: controls.killed, ...noKill });
      await this.sample().catch(() => undefined);
      return outcome;
    });
  }

  /** A key the page writes, deletes or reads is watched from now on (the oldest makes room). */
  #keep(steps: readonly Step[]): void {
    for (const step of steps) {
      if (!('key' in step)) continue;
      this.#watched = [step.key, ...this.#watched.filter((k) => k !== step.key)];
    }
    this.#watched = this.#watched.slice(0, WATCHED_KEYS);
  }

  #advance(): boolean {
    const next = this.#next;
    if (!next) return false;
    next();
    return true;
  }

  /**
   * No more looks at the nodes, from before they stop: a look at stopped nodes would replace the
   * cluster as it last was (keys, roots, grids) with three blank cards.
   */
  async stopWatching(): Promise<void> {
    this.#watching = false;
    clearInterval(this.#timer);
    this.#timer = undefined;
    await this.#chain;
  }

  async close(): Promise<void> {
    await this.stopWatching();
    await this.#server?.close();
  }
}
