// The live page in the browser: applies the events the orchestrator pushes over Server-Sent
// Events to the same state the report is built from, and redraws the regions that changed.
// No polling: EventSource holds one connection open; Next is one POST, and so is each control.
import { followScroll, spanning, type Span } from '../follow.js';
import { apply, initialState, isOver, type WebEvent } from '../model.js';
import { presentRegions, REGIONS, regions } from '../view/page.js';
import { TimeSlider } from './time.js';
import { arrowKey, arrowOf, redrawn, show } from './arrows.js';

/** Keys a presenter's clicker or keyboard sends for "next slide". */
const NEXT_KEYS = new Set(['ArrowRight', 'PageDown', ' ', 'n', 'N']);

const state = initialState();
const time = new TimeSlider();
let connection: 'live' | 'lost' = 'live';
let drawn: Record<string, string> = {};
let scheduled = false;
/** The page has drawn the run as over (and scrolled to its top once). */
let drawnOver = false;

function draw(): void {
  scheduled = false;
  // Moved back in time: the cards, grids, story and diagram as they were; the header and the
  // controls stay the present's (they act on the cluster as it is now).
  const shown = time.shown(state);
  const parts = regions(shown.state, connection, shown.until);
  if (time.pinned) Object.assign(parts, presentRegions(state, connection));
  time.draw(state);
  // A redrawn region replaces its buttons: focus returns to the one with the same id.
  const focused = document.activeElement?.id;
  let storyChanged = false;
  for (const name of REGIONS) {
    const text = parts[name].text;
    if (drawn[name] === text) continue;
    const el = document.getElementById(name);
    if (el) el.innerHTML = text;
    if (name === 'story') storyChanged = true;
    if (name === 'messages') redrawn();
  }
  // A run's story grew: show its newest part's key content (`cluster --web` has forms to type in).
  // Once it is over the story reads from its start: show the top (the cards and the verdict).
  if (isOver(state)) {
    if (!drawnOver) toTop();
    drawnOver = true;
  } else if (storyChanged && state.mode === 'run' && !time.pinned) follow();
  if (focused && document.activeElement?.id !== focused) document.getElementById(focused)?.focus();
  drawn = Object.fromEntries(REGIONS.map((name) => [name, parts[name].text]));
  document.body.dataset.seq = String(state.seq);
  document.body.dataset.verdict = state.verdict
    ? state.verdict.converged
      ? 'converged'
      : 'diverged'
    : '';
  document.title = `ae-demo · ${state.scenario || 'live'}${state.waiting ? ' · waiting for Next' : ''}`;
}

/**
 * Scrolls so the newest part's key content (its first [data-key-content], else the whole part)
 * shows: with the cards, the verdict and the part's title if they fit too. The stage scrolls on a
 * wide screen; on a phone the window does, under the sticky header.
 */
function follow(): void {
  const story = document.getElementById('story');
  const stage = story?.closest<HTMLElement>('.stage');
  const part = story?.querySelector<HTMLElement>('.part');
  if (!story || !stage || !part) return;
  const key = part.querySelector('[data-key-content]') ?? part;
  const box = (el: Element): Span => {
    const r = el.getBoundingClientRect();
    return { top: r.top, bottom: r.bottom };
  };
  const keySpan = box(key);
  const titled = spanning(box(part.querySelector('h2') ?? part), keySpan);
  const verdict = story.querySelector('.verdict');
  const told = verdict ? spanning(box(verdict), titled) : titled;
  // Best with the cards above it (their grids show the same change), then without them.
  const cards = spanning(box(stage.firstElementChild ?? stage), told);
  const wanted = [cards, told, titled, keySpan];
  if (getComputedStyle(stage).overflowY === 'auto') {
    stage.scrollTop += followScroll(box(stage), wanted);
  } else {
    const header = document.getElementById('header')?.getBoundingClientRect().bottom ?? 0;
    window.scrollBy(0, followScroll({ top: header, bottom: window.innerHeight }, wanted));
  }
}

function toTop(): void {
  document.querySelector('.stage')?.scrollTo(0, 0);
  window.scrollTo(0, 0);
}

function schedule(): void {
  if (scheduled) return;
  scheduled = true;
  requestAnimationFrame(draw);
}

async function next(): Promise<void> {
  if (state.waiting === null) return;
  // aria-disabled, not disabled: a disabled button drops the keyboard focus to the page's body,
  // and a presenter pressing Enter on Next must find the focus on Next for the next part.
  document.getElementById('next')?.setAttribute('aria-disabled', 'true');
  // A custom header keeps other sites' pages from pressing Next (it needs a CORS preflight).
  await fetch('/next', { method: 'POST', headers: { 'x-ae-demo': 'next' } });
}

/** Sends one control's request to our own server (which holds the cluster key) and says the outcome. */
async function act(request: Record<string, unknown>): Promise<void> {
  const message = document.getElementById('action-message');
  if (message) {
    message.textContent = 'Working…';
    message.className = 'action-message';
  }
  let text: string;
  let ok = false;
  try {
    const res = await fetch('/action', {
      method: 'POST',
      // The custom header keeps other sites' pages from acting (it needs a CORS preflight).
      headers: { 'x-ae-demo': 'action', 'content-type': 'application/json' },
      body: JSON.stringify(request),
    });
    const body = (await res.json()) as { message?: string; error?: { message?: string } };
    ok = res.ok;
    text = body.message ?? body.error?.message ?? `The server answered ${res.status}.`;
  } catch {
    text = 'The page lost its server; is ae-demo still running?';
  }
  if (message) {
    message.textContent = text;
    message.className = `action-message ${ok ? 'ok' : 'bad'}`;
  }
}

function field(id: string): string {
  return (document.getElementById(id) as HTMLInputElement | HTMLSelectElement | null)?.value ?? '';
}

function writeRequest(action: 'write' | 'delete' | 'read'): Record<string, unknown> {
  return {
    action,
    key: field('f-key'),
    value: field('f-value'),
    node: field('f-node'),
    direct: (document.getElementById('f-direct') as HTMLInputElement | null)?.checked === true,
  };
}

/** Whether a key press belongs to a form field (typing a space must not press Next). */
function typing(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    target.closest('input, select, textarea, button, form') !== null
  );
}

const events = new EventSource('/events');
events.onmessage = (message: MessageEvent<string>) => {
  const event = JSON.parse(message.data) as WebEvent;
  apply(state, event);
  time.note(state, event);
  connection = 'live';
  // Over (told by its end, or by the snapshot a late page gets): nothing more will come, so the
  // page stops asking; the server that is about to close must not be retried every second.
  if (isOver(state)) events.close();
  schedule();
};
events.onerror = () => {
  connection = 'lost';
  schedule();
};

document.addEventListener('click', (e) => {
  const target = e.target as Element | null;
  if (target?.closest('#next')) return void next();
  const button = target?.closest<HTMLButtonElement>('button[data-action]');
  if (!button || button.type === 'submit') return;
  const action = button.dataset.action!;
  if (action === 'delete' || action === 'read') return void act(writeRequest(action));
  // The switch asks for the opposite of what the nodes said (mixed: on everywhere).
  if (action === 'hints')
    return void act({ action, enabled: button.getAttribute('aria-checked') !== 'true' });
  void act({ action, node: button.dataset.node });
});
document.addEventListener('submit', (e) => {
  e.preventDefault();
  const form = e.target as HTMLFormElement;
  if (form.id === 'write-form') void act(writeRequest('write'));
  if (form.id === 'interval-form') void act({ action: 'interval', ms: field('f-interval') });
});
document.addEventListener('input', (e) => {
  const target = e.target as HTMLInputElement | null;
  if (target?.id !== 'time') return;
  time.choose(Number(target.value));
  schedule();
});
document.addEventListener('focusin', (e) => show(arrowOf(e.target)));
document.addEventListener('mouseover', (e) => show(arrowOf(e.target)));
document.addEventListener('keydown', (e) => {
  // On the diagram the arrow keys move between its arrows, and no key presses Next.
  if (arrowKey(e) || arrowOf(e.target)) return;
  if (typing(e.target) && !(e.target as Element).closest('#next')) return;
  if (NEXT_KEYS.has(e.key) && !e.altKey && !e.ctrlKey && !e.metaKey) {
    e.preventDefault();
    void next();
  }
});
schedule();
