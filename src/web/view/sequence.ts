// "Messages between nodes": the sequence diagram (a lifeline per node, an arrow per message,
// coloured by its path and labelled with its step and bytes, replication folded into bands) and
// the table that says the same in rows, for the page and the report alike. The diagram scales to
// its column (a phone shows it narrower, never wider than the screen).
import type { LiveState } from '../model.js';
import { sequenceOf, type Arrow, type BandRow, type SequenceModel } from '../sequence.js';
import { bytes, count } from '../../format.js';
import { html, type Html } from './html.js';
import { scrollRegion } from './scroll-region.js';

/** Room for each lifeline, and the margin either side (px of the diagram's own scale). */
const LANE = 170;
const MARGIN = 20;
/** Height of the node names on top, and of one row (an arrow or a band). */
const HEAD = 34;
const ROW = 26;
/** An arrowhead's length and half its width. */
const HEAD_LENGTH = 8;
const HEAD_HALF = 4;

export const MESSAGES_TITLE = 'Messages between nodes';

/** The section: its heading, the diagram and the table (up to `until`); nothing before any message. */
export function messagesView(state: LiveState, until = Infinity): Html {
  const model = sequenceOf(
    state.messages,
    state.nodes.map((n) => n.id),
    until,
  );
  if (model.arrows.length === 0 && model.bands.length === 0) return html``;
  const heading = html`<h2>${MESSAGES_TITLE}</h2>`;
  const drawn = `The newest ${model.arrows.length} are drawn`;
  const older =
    model.hidden > 0
      ? html`<p class="dim">${drawn}; ${count(model.hidden)} before them are not.</p>`
      : '';
  return html`${heading}${older}${diagram(model)}${table(model)}`;
}

function x(lane: number): number {
  return MARGIN + LANE / 2 + lane * LANE;
}

function diagram(model: SequenceModel): Html {
  const width = 2 * MARGIN + LANE * model.lifelines.length;
  const rows = model.bands.length + model.arrows.length;
  const height = HEAD + rows * ROW + ROW / 2;
  const heads = model.lifelines.map(
    (
      id,
      i,
    ) => html`<text class="lane-name" x="${x(i)}" y="${HEAD - 14}" text-anchor="middle">${id}</text>
<line class="lifeline" x1="${x(i)}" y1="${HEAD - 6}" x2="${x(i)}" y2="${height}"></line>`,
  );
  const bands = model.bands.map((b, i) => band(b, HEAD + i * ROW));
  // Roving focus: the first arrow is in the tab order, the arrow keys go on (the page's script).
  const arrows = model.arrows.map((a, i) =>
    arrow(a, HEAD + (model.bands.length + i) * ROW, i === 0, model.lifelines),
  );
  const between = `${count(model.arrows.length)} messages between ${model.lifelines.join(', ')}`;
  const label = `Sequence diagram of ${between}; the table below lists them`;
  // Its width comes from the stylesheet: the page allows no style attribute (its CSP).
  const size = html`viewBox="0 0 ${width} ${height}"`;
  // A group, not an image: its arrows take the keyboard's focus, each an image named for its message.
  const svg = html`<svg role="group" aria-label="${label}" ${size}>${heads}${bands}${arrows}</svg>`;
  // What the focused or pointed-at arrow carried, in words (the page's script fills it).
  const detail = html`<p id="msg-detail" class="msg-detail" aria-hidden="true"></p>`;
  return html`<figure class="sequence">${svg}${detail}</figure>`;
}

function band(b: BandRow, top: number): Html {
  const left = Math.min(x(b.from), x(b.to));
  const right = Math.max(x(b.from), x(b.to));
  const box = html`x="${left}" y="${top + 3}" width="${right - left}" height="${ROW - 6}"`;
  const at = html`x="${(left + right) / 2}" y="${top + ROW / 2 + 4}"`;
  return html`<g class="band"><rect ${box} rx="4"></rect>
<text ${at} text-anchor="middle">${b.label}</text></g>`;
}

/** The arrow's name: when, who to whom, its step and bytes, what it carried. */
export function arrowName(a: Arrow, lifelines: readonly string[]): string {
  const what = a.carried ? `: ${a.carried}` : '';
  const pair = `${lifelines[a.from] ?? ''} → ${lifelines[a.to] ?? ''}`;
  return `${a.at.toFixed(1)} ms, ${pair}, ${a.label}${what}`;
}

function arrow(a: Arrow, top: number, first: boolean, lifelines: readonly string[]): Html {
  const y = top + ROW - 6;
  const from = x(a.from);
  const to = x(a.to);
  const dir = to >= from ? 1 : -1;
  const tip = to - dir * 2;
  const base = tip - dir * HEAD_LENGTH;
  const points = `${tip},${y} ${base},${y - HEAD_HALF} ${base},${y + HEAD_HALF}`;
  const what = a.carried ? `: ${a.carried}` : '';
  const focus = html`id="msg-${a.n}" tabindex="${first ? 0 : -1}" role="img"`;
  const name = html`aria-label="${arrowName(a, lifelines)}"`;
  const unanswered = a.record.noAnswer !== undefined ? ' unanswered' : '';
  return html`<g class="msg ${a.path}${unanswered}" ${focus} ${name}><title>${a.label}${what}</title>
<line x1="${from}" y1="${y}" x2="${base}" y2="${y}"></line><polygon points="${points}"></polygon>
<text x="${(from + to) / 2}" y="${y - 5}" text-anchor="middle">${a.label}</text></g>`;
}

function table(model: SequenceModel): Html {
  const name = (i: number) => model.lifelines[i] ?? '';
  const bandRows = model.bands.map(
    (b) =>
      html`<tr><td>—</td><td>${name(b.from)} → ${name(b.to)}</td><td>replication</td>
<td>${b.label}</td></tr>`,
  );
  const rows = model.arrows.map((a) => {
    const what = a.carried ? html`<br><span class="dim">${a.carried}</span>` : '';
    const pair = `${name(a.from)} → ${name(a.to)}`;
    return html`<tr class="${a.path}"><td>${a.at.toFixed(1)} ms</td><td>${pair}</td>
<td>${a.record.kind}</td><td>${bytes(a.record.bytes)}${what}</td></tr>`;
  });
  const cols = ['when', 'from → to', 'kind', 'bytes, what it carried'];
  const head = html`<thead><tr>${cols.map((c) => html`<th scope="col">${c}</th>`)}</tr></thead>`;
  const caption = html`<caption>${MESSAGES_TITLE}</caption>`;
  const body = html`<table class="messages">${caption}${head}<tbody>${bandRows}${rows}</tbody></table>`;
  return scrollRegion(`Table: ${MESSAGES_TITLE}`, body);
}
