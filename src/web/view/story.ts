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

/** One event of a part; `name` names its tables (tableNames: unique on the page). */
export function storyEvent(event: StoryEvent, name: (what: string) => string): Html {
  switch (event.type) {
    case 'writes':
      return html`<ul class="writes" data-key-content>${event.writes.map(writeItem)}</ul>`;
    case 'keys':
      return html`${keyTable(event.keys, event.states, name)}${event.background > 0 ? html`<p class="dim">+ ${count(event.background)} background keys, equal on every node (not shown)</p>` : ''}`;
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
    case 'costs':
      return scrollRegion(
        name('what each strategy cost'),
        html`<table class="exchange costs"><thead><tr>${COST_HEAD.map((h) => html`<th>${h}</th>`)}</tr></thead><tbody>${event.rows.map((r) => html`<tr>${costCells(r).map((c) => html`<td>${c}</td>`)}</tr>`)}</tbody></table>`,
        true,
      );
  }
}

function writeItem(w: WriteLine): Html {
  const failed = failedPeers(w);
  const detail = w.direct
    ? html`<span class="dim">version ${versionTime(w.version)}, no replication</span>`
    : html`${ackedBy(w)}${failed ? html`<span class="bad">; failed on ${failed}</span>` : ''}`;
  return html`<li class="${w.direct ? 'direct' : 'replicated'}"><code title="${w.key}">${writePath({ ...w, key: shownKey(w.key) })}</code> on <b>${w.node}</b>${w.value !== undefined ? html` <q>${w.value}</q>` : ''} · ${detail}</li>`;
}

/** One row per node where the nodes disagree on a key, one row for all where they agree. */
function keyTable(
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
      return html`<tr class="${standing}"><td>${r.node}</td><td><code title="${key}">${shownKey(key)}</code></td><td class="value">${valueText(r)}</td><td>${r.version?.node ?? '—'}</td><td><code>${r.version ? versionTime(r.version) : '—'}</code></td></tr>`;
    });
  });
  return scrollRegion(
    name('the keys on each node'),
    html`<table class="keys"><thead><tr><th>node</th><th>key</th><th>value</th><th>written by</th><th>version (UTC)</th></tr></thead><tbody>${rows}</tbody></table>`,
    true,
  );
}

function rootList(snapshots: readonly Snapshot[]): Html {
  const equal = new Set(snapshots.map((s) => s.root)).size === 1;
  const marks = markRoots(snapshots.map((s) => s.root));
  const items = snapshots.map(
    (s, i) =>
      html`<li><b>${s.node}</b> root <code class="root ${markClass(marks[i]!)}">${shortHash(s.root)}</code> <span class="dim">${counted(s.count, 'entry', 'entries')}</span></li>`,
  );
  return html`<ul class="roots">${items}</ul>${equal ? html`<p class="dim">Every root is equal: nothing to repair.</p>` : ''}`;
}

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
    return html`<tr class="${p.status}"><td>${report.node} ⇄ ${ids[p.peer] ?? p.peer}</td><td class="status">${p.status.replace('_', ' ')}${p.reason || p.riblt ? html`<br><span class="dim">${p.reason ?? ribltLine(p.riblt)}</span>` : ''}</td><td>${p.levels}</td><td>${p.roundTrips}</td><td>${movedKeys(p.keys.pulled.map(shownKey), p.counts.pulled)}</td><td>${movedKeys(p.keys.pushed.map(shownKey), p.counts.pushed)}</td><td>${bytes(spent)}</td><td>${ratio}</td></tr>`;
  });
  const table = html`<table class="exchange"><thead><tr><th>exchange</th><th>status</th><th>levels</th><th>round trips</th><th>pulled</th><th>pushed</th><th>bytes</th><th>a full exchange</th></tr></thead><tbody>${rows}</tbody></table>`;
  return html`${scrollRegion(name(`the anti-entropy round on ${report.node}`), table, true)}<p class="dim">bytes: request and response bodies of the exchange; a full exchange ships every entry of both nodes, once per pass.</p>`;
}

function winnerItem(w: Winner): Html {
  const { by, than, missing } = winnerParts(w);
  const holds =
    w.value === null
      ? html`the key is deleted on every node`
      : html`every node now holds <q class="good">${w.value}</q>`;
  return html`<li><b title="${w.key}">${shownKey(w.key)}</b>: ${by}${than}${missing}: last write wins, so ${holds}.</li>`;
}
