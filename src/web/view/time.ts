// The Time slider's place on the live page (the page's script sets its range, position and
// words): a labelled range input, keyboard operable as every range is, and the moment in words.
import { html, type Html } from './html.js';

export const TIME_LABEL = 'Time';

export function timeBar(): Html {
  const input = html`<input type="range" id="time" min="0" max="0" value="0" step="1" aria-valuetext="live">`;
  const said = html`<output id="time-text" for="time">live</output>`;
  return html`<div class="time-bar"><label for="time">${TIME_LABEL}</label>${input}${said}</div>`;
}

// prettier-ignore
export const TIME_CSS = `
.time-bar { display: flex; align-items: center; gap: .6rem; flex-wrap: wrap; margin: 0 0 .6rem; }
.time-bar label { font-weight: 600; }
.time-bar input { flex: 1 1 12rem; min-width: 8rem; accent-color: var(--accent); }
.time-bar output { color: var(--dim); font-size: .9rem; }
body[data-time="past"] .time-bar output { color: var(--warn); font-weight: 600; }
body[data-time="past"] #cards { outline: 2px dashed var(--warn); outline-offset: 4px; }
`;
