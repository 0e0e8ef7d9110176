// The live page in the browser: applies the events the orchestrator pushes over Server-Sent
// Events to the same state the report is built from, and redraws the regions that changed.
// No polling: EventSource holds one connection open; Next is one POST.
import { apply, initialState, type WebEvent } from '../model.js';
import { REGIONS, regions } from '../view/page.js';

/** Keys a presenter's clicker or keyboard sends for "next slide". */
const NEXT_KEYS = new Set(['ArrowRight', 'PageDown', ' ', 'n', 'N']);

const state = initialState();
let connection: 'live' | 'lost' = 'live';
let drawn: Record<string, string> = {};
let scheduled = false;

function draw(): void {
  scheduled = false;
  const parts = regions(state, connection);
  for (const name of REGIONS) {
    const text = parts[name].text;
    if (drawn[name] === text) continue;
    const el = document.getElementById(name);
    if (el) el.innerHTML = text;
  }
  drawn = Object.fromEntries(REGIONS.map((name) => [name, parts[name].text]));
  document.body.dataset.seq = String(state.seq);
  document.body.dataset.verdict = state.verdict
    ? state.verdict.converged
      ? 'converged'
      : 'diverged'
    : '';
  document.title = `ae-demo · ${state.scenario || 'live'}${state.waiting ? ' · waiting for Next' : ''}`;
}

function schedule(): void {
  if (scheduled) return;
  scheduled = true;
  requestAnimationFrame(draw);
}

async function next(): Promise<void> {
  if (state.waiting === null) return;
  const button = document.getElementById('next') as HTMLButtonElement | null;
  if (button) button.disabled = true;
  // A custom header keeps other sites' pages from pressing Next (it needs a CORS preflight).
  await fetch('/next', { method: 'POST', headers: { 'x-ae-demo': 'next' } });
}

const events = new EventSource('/events');
events.onmessage = (message: MessageEvent<string>) => {
  const event = JSON.parse(message.data) as WebEvent;
  apply(state, event);
  connection = 'live';
  if (event.type === 'end' && !event.kept) events.close();
  schedule();
};
events.onerror = () => {
  connection = 'lost';
  schedule();
};

document.addEventListener('click', (e) => {
  if ((e.target as Element | null)?.closest('#next')) void next();
});
document.addEventListener('keydown', (e) => {
  if (NEXT_KEYS.has(e.key) && !e.altKey && !e.ctrlKey && !e.metaKey) {
    e.preventDefault();
    void next();
  }
});
schedule();
