// One card per node: up, down or cut off; its Merkle root (in the header line, so the grid beside
// the counters can be large); keys; its own anti-entropy counters; the top of its tree as a grid
// coloured where it differs from the other nodes; and its hints and repairs by each path.
import { count, shortHash } from '../../format.js';
import type { NodeRef, NodeSample } from '../model.js';
import { gridSvg, markClass, markRoots, markSamples } from './grid.js';
import { html, type Html } from './html.js';

/** Up to this many nodes, cards show everything; beyond, they shrink so the story keeps room at 720p. */
const ROOMY_NODES = 4;
const STATUS_TEXT: Record<NodeSample['status'], string> = {
  up: 'up',
  down: 'down',
  'cut-off': 'cut off',
};

/** The page's buttons on the cards: the nodes it killed, and whether Kill and Restart work. */
export interface Controls {
  killed: readonly string[];
  canKill: boolean;
}

/**
 * `stopped`: the run is over and its nodes were stopped, so the last sample is history.
 * `controls`: the page's buttons on each card (absent in the report and while a story plays).
 */
export function nodeCards(
  nodes: readonly NodeRef[],
  samples: readonly NodeSample[],
  stopped = false,
  controls?: Controls,
): Html {
  if (samples.length === 0) {
    const waiting = nodes.map(
      (n) =>
        html`<section class="card waiting"><h3>${n.id}</h3><p class="dim">${n.address} · starting…</p></section>`,
    );
    return html`<div class="cards">${waiting}</div>`;
  }
  const marks = markSamples(samples);
  const roots = markRoots(samples.map((s) => s.root));
  const cards = samples.map((s, i) => card(s, marks[i]!, roots[i]!, stopped, controls));
  return html`<div class="cards${samples.length > ROOMY_NODES ? ' many' : ''}">${cards}</div>`;
}

function card(
  s: NodeSample,
  marks: ReturnType<typeof markSamples>[number],
  rootMark: number,
  stopped: boolean,
  controls?: Controls,
): Html {
  const killed = controls?.killed.includes(s.id) ?? false;
  const rootClass = markClass(rootMark);
  const cut =
    s.status === 'cut-off' ? html`<p class="cut">cut off from ${s.cut.join(', ')}</p>` : '';
  const reason = killed
    ? html`<p class="cut">killed from the page (kill -9) · Restart brings it back from its data directory</p>`
    : s.status === 'down'
      ? html`<p class="cut">${s.reason ?? 'not answering'}</p>`
      : '';
  const pill = stopped ? 'stopped' : killed ? 'killed' : STATUS_TEXT[s.status];
  const look = stopped ? 'stopped' : killed ? 'down' : s.status;
  const name = html`<div class="name-line"><h3>${s.id}</h3><span class="pill ${look}">${pill}</span></div>`;
  const hash = s.root === null ? '—' : shortHash(s.root);
  const root = html`<code class="root ${rootClass}" data-root="${s.root ?? ''}">${hash}</code>`;
  const deleted = s.tombstones > 0 ? html`<dt>deleted</dt><dd>${count(s.tombstones)}</dd>` : '';
  return html`<section class="card ${s.status}" data-node="${s.id}">
  <header>${name}<span class="root-line"><span class="dim">root</span> ${root}</span></header>
  <div class="card-body"><div>
  <p class="dim extra address">${s.address}</p>
  <dl>
    <dt>keys</dt><dd>${count(s.keys)}</dd>${deleted}
    <dt class="extra">rounds</dt><dd class="extra">${count(s.rounds)}</dd>
    <dt class="extra">pulled</dt><dd class="extra">${count(s.pulled)}</dd>
    <dt class="extra">pushed</dt><dd class="extra">${count(s.pushed)}</dd>
  </dl>${repairs(s)}${cut}${reason}
  </div>${gridSvg(s, marks)}</div>${controls ? nodeButtons(s, killed, controls.canKill) : ''}
</section>`;
}

/**
 * The three repair paths on this node: the hints it holds for peers that missed a write, and the
 * entries that changed its data by each path since it started (a node that is down says nothing).
 */
function repairs(s: NodeSample): Html | string {
  if (s.status === 'down') return '';
  const row = (label: string, n: number) => html`<dt>${label}</dt> <dd>${count(n)}</dd>`;
  const r = s.repaired;
  // Under the counters, beside the grid (where the column has room to spare): no taller card.
  // The spaces keep the words apart for a screen reader and a copy; the grid layout ignores them.
  return html`<dl class="repairs">${row('hints pending', s.hints.pending)}
<dt class="head">repaired by</dt> ${row('hint', r.hint)} ${row('read repair', r.readRepair)} \
${row('anti-entropy', r.antiEntropy)}</dl>`;
}

/**
 * A node's buttons, named for the node so assistive technology and tests can find them. The
 * node's id is in the name but shown only in the card's header: three short labels share one row
 * of a card at 1280x720 (the visible label starts the name, so speech input still finds it).
 */
function nodeButtons(s: NodeSample, killed: boolean, canKill: boolean): Html {
  // Ids name the button's slot, not its action: Cut off turning into Heal keeps the focus.
  const button = (slot: string, action: string, label: string, hidden = '') => {
    const attrs = html`id="act-${slot}-${s.id}" data-action="${action}" data-node="${s.id}"`;
    return html`<button type="button" ${attrs}>${label}<span class="visually-hidden">${hidden} ${s.id}</span></button>`;
  };
  if (killed) return html`<div class="node-actions">${button('life', 'restart', 'Restart')}</div>`;
  const cut =
    s.status === 'cut-off' ? button('cut', 'heal', 'Heal') : button('cut', 'cut', 'Cut off');
  const trigger = button('trigger', 'trigger', 'Trigger anti-entropy', ' on');
  // Nodes that run elsewhere with no command to restart them: no Kill (the actions say why).
  const kill = canKill ? button('life', 'kill', 'Kill') : '';
  return html`<div class="node-actions">${cut}${kill}${trigger}</div>`;
}
