// A scenario's story events as HTML: the writes, the before/after key tables, the roots, the
// tree paths (SVG), the exchange table beside a full exchange, and who won and why. What a part
// is about (its writes, table or tree path) carries data-key-content: the page keeps it in view.
import type { KeyState } from '../../cluster/client.js';
import type { Snapshot } from '../../api/http.js';
import { allAgree, lwwWinner, rowStanding, valueText } from '../../cluster/key-state.js';
import type { RoundReport } from '../../api/reports.js';
import type { StoryEvent, Winner, WriteLine } from '../../story/events.js';
import {
  ackedBy,
  allOf,
  beside,
  bytes,
  count,
  counted,
  failedPeers,
  fullRoundBytes,
  floorCell,
  floorParts,
  FLOOR_NOTE,
  morePairs,
  movedKeys,
  costCells,
  COST_HEAD,
  ribltLine,
  shortHash,
  versionTime,
  winnerParts,
  writePath,
} from '../../format.js';
import { markClass, markRoots } from './grid.js';
import { html, type Html } from './html.js';
import { scrollRegion } from './scroll-region.js';
import { shownKey } from './shown-key.js';
import { treeDiffSvg } from './tree-svg.js';
import { siblingList } from './siblings.js';
import { REPAIR_PATH_HEAD, repairPathCells } from '../../story/repair-words.js';
import { viaMark, viaMarks } from './via.js';
import { causalFigure } from './causality.js';

/** One event of a part; `name` names its tables (tableNames: unique on the page). */
export function storyEvent(event: StoryEvent, name: (what: string) => string): Html {
  switch (event.type) {
    case 'writes':
      return html`<ul class="writes" data-key-content>${event.writes.map(writeItem)}</ul>`;
    case 'keys': {
      const table = keyTable(event.keys, event.states, name);
      return html`${table}${siblingList(event.states)}${backgroundNote(event.background)}`;
    }
    case 'roots':
      return rootList(event.snapshots);
    case 'tree-diff':
      return treeDiffSvg(event.a, event.b, event.diff);
    case 'tree-diff-more':
      return html`<p class="dim">${morePairs(event.pairs)}.</p>`;
    case 'exchange':
      return exchangeTable(event.report, event.ids, event.fullCost, name);
    case 'winners':
      return html`<ul class="winners">${event.winners.map(winnerItem)}</ul>`;
    case 'note':
      return html`<p class="note">${event.text}</p>`;
    case 'causality':
      if (event.graph) return causalFigure(event.graph, event.notes ?? [], name);
      // Scrolls on its own on a phone: the picture's lines are wider than the window there.
      return scrollRegion(
        name('which write saw which'),
        html`<pre class="causality">${event.lines.join('\n')}</pre>`,
      );
    case 'costs':
      return costTable(event.rows, name);
    case 'repair-paths': {
      const rows = event.rows.map((r) => repairPathCells(r, event.returned));
      return cellTable(REPAIR_PATH_HEAD, rows, name('what each repair path did'));
    }
  }
}

/** A table's head: one column a name. */
function tableHead(names: readonly string[]): Html {
  return html`<thead><tr>${names.map((h) => html`<th>${h}</th>`)}</tr></thead>`;
}

/** The keys a part leaves out of its table: the background, equal on every node. */
function backgroundNote(background: number): Html | string {
  if (!(background > 0)) return '';
  const what = `${count(background)} background keys, equal on every node (not shown)`;
  return html`<p class="dim">+ ${what}</p>`;
}

/** What each strategy cost, one row a strategy. */
function costTable(
  rows: readonly Parameters<typeof costCells>[0][],
  name: (what: string) => string,
): Html {
  return cellTable(COST_HEAD, rows.map(costCells), name('what each strategy cost'));
}

/** Rows of cells under a head, in a region of their own that scrolls when it is too wide. */
function cellTable(head: readonly string[], rows: string[][], label: string): Html {
  const body = rows.map((r) => html`<tr>${r.map((c) => html`<td>${c}</td>`)}</tr>`);
  const table = html`<table class="exchange costs">${tableHead(head)}<tbody>${body}</tbody></table>`;
  return scrollRegion(label, table, true);
}

function writeItem(w: WriteLine): Html {
  const failed = failedPeers(w);
  const detail = w.direct
    ? html`<span class="dim">version ${versionTime(w.version)}, no replication</span>`
    : html`${ackedBy(w)}${failed ? html`<span class="bad">; failed on ${failed}</span>` : ''}`;
  const path = writePath({ ...w, key: shownKey(w.key) });
  const value = w.value !== undefined ? html` <q>${w.value}</q>` : '';
  const what = html`<code title="${w.key}">${path}</code> on <b>${w.node}</b>${value}`;
  return html`<li class="${w.direct ? 'direct' : 'replicated'}">${what} · ${detail}</li>`;
}

/** One row per node where the nodes disagree on a key, one row for all where they agree. */
/** A key per row and node (one row when every node agrees), each repaired entry tagged with its path. */
export function keyTable(
  keys: readonly string[],
  states: Record<string, KeyState[]>,
  name: (what: string) => string,
): Html {
  const rows = keys.flatMap((key) => {
    const list = states[key] ?? [];
    const winner = lwwWinner(list);
    const agree = list.length > 1 && allAgree(list);
    const shown = agree ? [{ ...list[0]!, node: allOf(list.length) }] : list;
    return shown.map((r) => {
      const standing = agree ? 'agree' : rowStanding(r, winner);
      const keyCell = html`<td><code title="${key}">${shownKey(key)}</code></td>`;
      const tags = agree ? viaMarks(list) : viaMark(r.via);
      const value = html`<td class="value">${valueText(r)}${tags}</td>`;
      const when = r.version ? versionTime(r.version) : '—';
      const version = html`<td>${r.version?.node ?? '—'}</td><td><code>${when}</code></td>`;
      return html`<tr class="${standing}"><td>${r.node}</td>${keyCell}${value}${version}</tr>`;
    });
  });
  const head = tableHead(['node', 'key', 'value', 'written by', 'version (UTC)']);
  const table = html`<table class="keys">${head}<tbody>${rows}</tbody></table>`;
  return scrollRegion(name('the keys on each node'), table, true);
}

function rootList(snapshots: readonly Snapshot[]): Html {
  const equal = new Set(snapshots.map((s) => s.root)).size === 1;
  const marks = markRoots(snapshots.map((s) => s.root));
  const items = snapshots.map((s, i) => {
    const root = html`<code class="root ${markClass(marks[i]!)}">${shortHash(s.root)}</code>`;
    const entries = html`<span class="dim">${counted(s.count, 'entry', 'entries')}</span>`;
    return html`<li><b>${s.node}</b> root ${root} ${entries}</li>`;
  });
  const nothing = equal ? html`<p class="dim">Every root is equal: nothing to repair.</p>` : '';
  return html`<ul class="roots">${items}</ul>${nothing}`;
}

/** The exchange table's columns: who with whom, how it went, what it took and moved, its cost. */
const EXCHANGE_HEAD = [
  'exchange',
  'status',
  'levels',
  'round trips',
  'pulled',
  'pushed',
  'bytes',
  'floor',
  'a full exchange',
];
/** What the bytes column counts, and what the last column compares it with. */
const BYTES_NOTE =
  'bytes: request and response bodies of the exchange; ' +
  'a full exchange ships every entry of both nodes, once per pass; ' +
  `${FLOOR_NOTE}; beside it, the bytes sent over it.`;

export function exchangeTable(
  report: RoundReport,
  ids: Record<string, string>,
  fullCost: Record<string, number>,
  name: (what: string) => string,
): Html {
  const rows = report.peers.map((p) => {
    const spent = p.bytes.sent + p.bytes.received;
    const full = fullCost[p.peer];
    const ratio = beside(fullRoundBytes(full, p.passes), spent);
    const why =
      p.reason || p.riblt
        ? html`<br><span class="dim">${p.reason ?? ribltLine(p.riblt)}</span>`
        : '';
    const status = html`<td class="status">${p.status.replace('_', ' ')}${why}</td>`;
    const pulled = movedKeys(p.keys.pulled.map(shownKey), p.counts.pulled);
    const pushed = movedKeys(p.keys.pushed.map(shownKey), p.counts.pushed);
    const parts = floorParts(p.receipt);
    const floor = html`${floorCell(p.receipt)}${parts ? html`<br><span class="dim">${parts}</span>` : ''}`;
    const cells = [p.levels, p.roundTrips, pulled, pushed, bytes(spent), floor, ratio];
    const pair = `${report.node} ⇄ ${ids[p.peer] ?? p.peer}`;
    return html`<tr class="${p.status}"><td>${pair}</td>${status}${cells.map((c) => html`<td>${c}</td>`)}</tr>`;
  });
  const head = tableHead(EXCHANGE_HEAD);
  const table = html`<table class="exchange">${head}<tbody>${rows}</tbody></table>`;
  const region = scrollRegion(name(`the anti-entropy round on ${report.node}`), table, true);
  return html`${region}<p class="dim">${BYTES_NOTE}</p>`;
}

function winnerItem(w: Winner): Html {
  const { by, than, missing } = winnerParts(w);
  const holds =
    w.value === null
      ? html`the key is deleted on every node`
      : html`every node now holds <q class="good">${w.value}</q>`;
  const key = html`<b title="${w.key}">${shownKey(w.key)}</b>`;
  return html`<li>${key}: ${by}${than}${missing}: last write wins, so ${holds}.</li>`;
}
