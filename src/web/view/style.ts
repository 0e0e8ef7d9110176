// The one stylesheet: served as /style.css to the live page and inlined into the report. Sized for a
// projector (large type, strong contrast), following prefers-color-scheme; system fonts only.
import { BODY_TEXT_PX } from './type-size.js';
import { PARTS_CSS } from './style-parts.js';

/** A rule on one line, like the rest of the sheet; `parts`: its declarations, split for the source. */
function rule(selector: string, ...parts: string[]): string {
  return `${selector} { ${parts.join(' ')} }`;
}

// prettier-ignore
export const CSS = `
:root {
  --bg: #fbfbf8; --fg: #15171a; --dim: #5d6470; --panel: #ffffff; --line: #d5d8dd;
  --good: #086b35; --bad: #b3261e; --accent: #0b5cad; --warn: #9a6700;
  --cell: #4b5563; --cell-empty: #eceef1; --v1: #a84300; --v2: #c2255c; --v3: #1864ab; --v4: #7048e8;
  --edge: color-mix(in srgb, var(--fg) 35%, transparent); /* a scrolling table's edge shadow */
  color-scheme: light dark;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #111417; --fg: #eef0f2; --dim: #a1a9b4; --panel: #1b1f24; --line: #333a42;
    --good: #4cd07d; --bad: #ff6b61; --accent: #6cb6ff; --warn: #e3b341;
    --cell: #9aa4b2; --cell-empty: #262b31; --v1: #ff922b; --v2: #f06595; --v3: #4dabf7; --v4: #9775fa;
  }
}
* { box-sizing: border-box; }
html { font-size: ${BODY_TEXT_PX}px; }
${rule('body', 'margin: 0; background: var(--bg); color: var(--fg);',
  'font: 1rem/1.4 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif;')}
/* a word longer than its line (a 1,024-character key in a write) breaks rather than runs off the page */
body { overflow-wrap: break-word; }
${rule('code, .hash, .sides, .root',
  'font-family: ui-monospace, "SFMono-Regular", Menlo, "DejaVu Sans Mono", monospace; font-size: .92em;')}
h1 { font-size: 1.5rem; margin: 0; }
h2 { font-size: 1.15rem; margin: .2rem 0 .5rem; }
h3 { font-size: 1.05rem; margin: .6rem 0 .3rem; }
.dim { color: var(--dim); }
.good { color: var(--good); }
.bad { color: var(--bad); }
${rule('.commands', 'list-style: none; margin: .4rem 0; padding: .5rem .8rem; background: var(--panel);',
  'border: 1px solid var(--line); border-radius: .4rem;')}
.commands li { padding-left: 1.5em; text-indent: -1.5em; }
.commands .word { white-space: nowrap; }
.commands li + li { margin-top: .35rem; }
q { font-family: ui-monospace, Menlo, "DejaVu Sans Mono", monospace; }
/* live page: header, timeline on the left, cards and story on the right */
body.live { height: 100vh; display: flex; flex-direction: column; overflow: hidden; }
${rule('#header', 'display: flex; justify-content: space-between; align-items: center; gap: 1rem;',
  'padding: .5rem 1rem; border-bottom: 1px solid var(--line); background: var(--panel);')}
#header .title p { margin: 0; }
#header .title { display: flex; align-items: baseline; gap: .8rem; flex-wrap: wrap; }
#header .summary { flex-basis: 100%; font-size: .9rem; }
.controls { display: flex; align-items: center; gap: .8rem; }
${rule('.conn', 'padding: .15rem .6rem; border-radius: 1rem; border: 1px solid var(--line); font-size: .9rem;',
  'white-space: nowrap;')}
.conn.live { color: var(--good); border-color: var(--good); }
.conn.lost { color: var(--bad); border-color: var(--bad); }
${rule('#next', 'font: inherit; font-weight: 600; padding: .45rem 1rem; border-radius: .4rem;',
  'border: 2px solid var(--accent); background: var(--accent); color: var(--bg); cursor: pointer; max-width: 34rem;',
  'overflow: hidden; text-overflow: ellipsis; white-space: nowrap;')}
#next[aria-disabled="true"] { background: transparent; color: var(--dim); border-color: var(--line); cursor: default; }
body.live main { flex: 1; display: grid; grid-template-columns: 15rem 1fr; min-height: 0; }
aside { border-right: 1px solid var(--line); padding: .6rem .8rem; overflow: auto; }
.stage { display: flex; flex-direction: column; min-height: 0; padding: .6rem 1rem; gap: .6rem; overflow: auto; }
.story { flex: none; }
/* with no controls (a story plays), the empty message line takes no room from the story */
#actions:empty + .action-message:empty { display: none; }

.timeline { list-style: none; padding: 0; margin: 0 0 1rem; }
.timeline > li { display: flex; gap: .5rem; padding: .3rem .4rem; border-radius: .3rem; color: var(--dim); }
${rule('.timeline > li.current', 'color: var(--fg); background: color-mix(in srgb, var(--accent) 14%, transparent);',
  'border-left: 4px solid var(--accent);')}
.timeline > li.next { color: var(--fg); border: 2px dashed var(--accent); }
.timeline > li.upcoming { font-size: .92rem; }
.timeline > li.good { color: var(--good); }
.timeline > li.bad { color: var(--bad); }
.timeline .num { min-width: 1.3rem; font-weight: 700; }
.phases { list-style: none; padding: 0; margin: .2rem 0 0; font-size: .88rem; }
.phase.running::before { content: "◌ "; color: var(--accent); }
.phase.done::before { content: "✔ "; color: var(--good); }
.phase.failed::before { content: "✘ "; color: var(--bad); }
.activity { list-style: none; padding: 0; margin: 0 0 .5rem; font-size: .88rem; }
.activity > li { margin-bottom: .35rem; }
.activity ul { list-style: none; padding-left: .6rem; margin: 0; }
.activity li.repaired { color: var(--fg); }

.cards { display: flex; gap: .6rem; flex-wrap: wrap; }
${rule('.card', 'flex: 1 1 14rem; min-width: 0; max-width: 26rem; background: var(--panel);',
  'border: 2px solid var(--line); border-radius: .5rem; padding: .5rem .6rem;')}
.card.down { border-color: var(--bad); border-style: dotted; }
.card.cut-off { border-color: var(--warn); border-style: dashed; }
.card header { display: flex; justify-content: space-between; align-items: center; gap: .2rem .5rem; flex-wrap: wrap; }
/* the status stays beside the name; short of room, the root moves to a line of its own */
.card .name-line { display: flex; align-items: center; gap: .4rem; white-space: nowrap; }
.card .root-line { margin-left: auto; white-space: nowrap; font-size: .92rem; }
.card h3 { margin: 0; }
.card p { margin: 0; font-size: .85rem; }
.card .address { white-space: nowrap; font-size: .78rem; }
/* short of room, the counters give way first, the grid last; the address stays whole */
.card-body > div { flex: 1 5 auto; min-width: min-content; overflow-wrap: break-word; }
.card-body { display: flex; gap: .5rem; justify-content: space-between; align-items: flex-start; }
.card dl { display: grid; grid-template-columns: auto 1fr; gap: 0 .6rem; margin: .3rem 0; font-size: .92rem; }
.card dt { color: var(--dim); white-space: nowrap; }
.card dd { margin: 0; }
.card .cut { color: var(--warn); }
${rule('.pill', 'font-size: .75rem; padding: .05rem .4rem; border-radius: 1rem; border: 1px solid currentColor;',
  'white-space: nowrap;')}
.pill.up { color: var(--good); }
.pill.down { color: var(--bad); }
.pill.cut-off { color: var(--warn); }
.pill.stopped { color: var(--dim); }
/* 5-9 nodes: equal columns as many as fit (one on a phone); a card too narrow for its counters
   and its grid side by side puts the grid under them rather than past its edge */
.cards.many { display: grid; grid-template-columns: repeat(auto-fill, minmax(13rem, 1fr)); gap: .5rem; }
.cards.many .card { max-width: none; padding: .35rem .5rem; }
.cards.many .card-body { flex-wrap: wrap; }
.cards.many .extra { display: none; }
.cards.many .grid { width: 5.5rem; }
.grid { flex: 0 1 auto; min-width: 0; display: block; margin-top: .2rem; max-width: 100%; height: auto; }
.cell.equal { fill: var(--cell); opacity: .45; }
.cell.empty { fill: var(--cell-empty); }
.cell.majority { fill: var(--cell); opacity: .8; }
.cell.down { fill: var(--cell-empty); }
.cell.v1, .root.v1 { fill: var(--v1); color: var(--v1); }
.cell.v2, .root.v2 { fill: var(--v2); color: var(--v2); }
.cell.v3, .root.v3 { fill: var(--v3); color: var(--v3); }
.cell.v4, .root.v4 { fill: var(--v4); color: var(--v4); }
.root { white-space: nowrap; }
.root.differs { font-weight: 700; }
.root.equal { color: var(--good); }

.part { border-top: 1px solid var(--line); padding: .5rem 0; }
.part.current h2 { color: var(--accent); }
.part h2 .num { display: inline-block; min-width: 1.6rem; color: var(--accent); }
.writes, .winners, .roots { padding-left: 1.2rem; margin: .3rem 0; }
table { border-collapse: collapse; margin: .4rem 0; font-size: .92rem; }
th, td { border: 1px solid var(--line); padding: .2rem .55rem; text-align: left; vertical-align: top; }
th { background: var(--panel); }
table.exchange td:first-child { white-space: nowrap; }
tr.winner .value { color: var(--good); font-weight: 600; }
tr.loser .value { color: var(--bad); text-decoration: line-through; }
tr.missing .value { color: var(--dim); }
tr.repaired .status { color: var(--good); }
tr.unreachable .status, tr.refused .status { color: var(--bad); }
.verdict { font-size: 1.2rem; padding: .6rem .9rem; border-radius: .5rem; margin: .3rem 0 .6rem; border: 2px solid; }
${rule('.verdict.good', 'color: var(--good); border-color: var(--good);',
  'background: color-mix(in srgb, var(--good) 10%, transparent);')}
${rule('.verdict.bad', 'color: var(--bad); border-color: var(--bad);',
  'background: color-mix(in srgb, var(--bad) 10%, transparent);')}
.verdict ul { font-size: 1rem; margin: .3rem 0 0; }

${rule('.tree-diff', 'display: inline-block; vertical-align: top; margin: .4rem 1.5rem .4rem 0; max-width: 100%;',
  'overflow-x: auto;')}
.tree-diff figcaption { font-weight: 600; }
.tree { max-width: 100%; height: auto; }
.tree .edge { stroke: var(--dim); stroke-width: 1.5; }
.tree .tnode rect { fill: var(--panel); stroke: var(--bad); stroke-width: 2; }
.tree .more rect { fill: none; stroke: var(--dim); stroke-dasharray: 4 3; }
.tree text { fill: var(--fg); font-size: 1em; }
.tree .hash { fill: var(--bad); }
.tree .note, .tree .more text { fill: var(--dim); }
.tree .key .name { font-weight: 700; }
.tree .key .sides { fill: var(--dim); }

/* the run is over: said above the cards it left */
${rule('.ended-note', 'margin: 0 0 .5rem; padding: .3rem .7rem; border-left: 4px solid var(--dim);',
  'background: var(--panel); font-size: .92rem;')}

/* the grid's legend, under the cards: what it shows, a key to its cells, how to read it */
.legend { display: flex; flex-wrap: wrap; align-items: baseline; gap: .1rem 1rem; font-size: .85rem; }
.legend p { margin: 0; }
.cell-key { display: flex; flex-wrap: wrap; gap: .1rem 1rem; list-style: none; margin: 0; padding: 0; }
.swatch { vertical-align: -1px; margin-right: 1px; }
.how-to-read summary { cursor: pointer; font-weight: 600; color: var(--accent); }
/* folded, it ends the legend's first line; unfolded, it comes after the key to the cells */
.how-to-read[open] { order: 1; flex-basis: 100%; max-width: 48rem; font-size: 1rem; }
.how-to-read p { margin: .3rem 0; }
.terms { display: grid; grid-template-columns: auto 1fr; gap: .2rem .8rem; margin: .3rem 0; }
.terms dt { font-weight: 700; }
.terms dd { margin: 0; }

/* one focus ring for everything a keyboard reaches: Next, the controls, the scrolling panels
   (focusable for Tab, then arrows: Space and Page Down belong to Next); a panel's inside its edge */
:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
aside:focus-visible, .story:focus-visible { outline-offset: -3px; }
table { max-width: 100%; }
/* a table wider than its region says so: a shadow on each edge with columns past it (the covers
   scroll with the table and hide the shadow at an end), and a note above it while it overflows */
.table-wrap {
  max-width: 100%; overflow-x: auto; container-type: scroll-state;
  background:
    linear-gradient(to right, var(--bg) 40%, transparent) left / 2.5rem 100% no-repeat local,
    linear-gradient(to left, var(--bg) 40%, transparent) right / 2.5rem 100% no-repeat local,
    radial-gradient(farthest-side at 0 50%, var(--edge), transparent) left / 1rem 100% no-repeat scroll,
    radial-gradient(farthest-side at 100% 50%, var(--edge), transparent) right / 1rem 100% no-repeat scroll;
  background-color: var(--bg);
}
.scroll-note { display: none; position: sticky; left: 0; margin: 0; font-size: .85rem; color: var(--dim); }
@container scroll-state(scrollable: inline) { .scroll-note { display: block; } }

/* a phone held upright: one column that scrolls as a whole; Next on its own full-width row */
@media (max-width: 40rem) {
  body.live { height: auto; min-height: 100vh; overflow: visible; }
  #header { flex-wrap: wrap; gap: .4rem; padding: .4rem .6rem; }
  #header .title { min-width: 0; }
  #header h1 { white-space: nowrap; }
  .controls { flex: 1 1 100%; justify-content: space-between; min-width: 0; }
  #next { flex: 1 1 auto; min-width: 0; max-width: none; }
  body.live main { display: flex; flex-direction: column-reverse; }
  aside { border-right: none; border-top: 1px solid var(--line); overflow: visible; }
  .stage { padding: .5rem .6rem; }
  .stage { overflow: visible; }
  .card { flex-basis: 100%; max-width: none; }
}

/* report: one long page */
body.report { max-width: 72rem; margin: 0 auto; padding: 1rem 1.5rem 3rem; }
/* after the base rule, so it wins on a phone */
@media (max-width: 40rem) { body.report { padding: .6rem .7rem 2rem; } }
.report-head p { margin: .2rem 0; }
.report-head time { white-space: nowrap; }
@media print { body.report { max-width: none; } .part { break-inside: avoid; } }

/* ---- live page controls (cut/heal, kill/restart, trigger, write form, interval) ---- */
/* one row per card: the labels omit the node's id (in the header), which only assistive technology reads */
.node-actions { display: flex; flex-wrap: wrap; gap: .3rem; margin-top: .4rem; }
.node-actions button { flex: 0 1 auto; white-space: nowrap; }
${rule('.visually-hidden', 'position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden;',
  'clip: rect(0 0 0 0); clip-path: inset(50%); white-space: nowrap; border: 0;')}
${rule('.node-actions button, .action-form button', 'font: inherit; font-size: .85rem; padding: .25rem .6rem;',
  'border-radius: .35rem; border: 2px solid var(--accent); background: var(--panel); color: var(--fg);',
  'cursor: pointer;')}
${rule('.node-actions button:hover, .action-form button:hover',
  'background: color-mix(in srgb, var(--accent) 14%, var(--panel));')}
.action-forms { display: flex; flex-wrap: wrap; gap: .4rem 1.2rem; align-items: end; margin: .5rem 0 0; }
.action-forms > p { flex-basis: 100%; margin: 0; font-size: .85rem; }
.action-form { display: flex; flex-wrap: wrap; gap: .3rem .6rem; align-items: end; }
.action-form .field { display: flex; flex-direction: column; font-size: .85rem; }
.action-form label { font-size: .85rem; color: var(--fg); }
.action-form label.check { display: flex; align-items: center; gap: .3rem; }
${rule('.action-form input:not([type=checkbox]), .action-form select', 'font: inherit; font-size: .9rem;',
  'padding: .2rem .4rem; border: 1px solid var(--dim); border-radius: .3rem; background: var(--panel);',
  'color: var(--fg); min-width: 0; width: 9rem;')}
.action-form #f-interval { width: 6rem; }
.action-message { margin: .3rem 0 0; min-height: 1.2em; font-size: .9rem; }
.action-message.ok { color: var(--good); }
.action-message.bad { color: var(--bad); }
/* ---- end of live page controls ---- */
${PARTS_CSS}`;
