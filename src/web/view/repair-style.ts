// The three repair paths' part of the stylesheet (style.ts takes it in): the tag on a repaired
// entry, the cards' hint and repair counters, the Hinted handoff switch. A path keeps the colour
// the sequence diagram gives it (hint: warn, read repair: v2, anti-entropy: accent).
// prettier-ignore
export const REPAIR_CSS = `
.via { font-size: .78rem; padding: 0 .35rem; border-radius: .3rem; border: 1px solid; white-space: nowrap; }
.via.hint { color: var(--warn); }
.via.read-repair { color: var(--v2); }
.via.anti-entropy { color: var(--accent); }
.via-key { display: flex; flex-wrap: wrap; gap: .1rem 1rem; list-style: none; margin: 0; padding: 0; }
.watched .via-key { font-size: .85rem; }
.card dl.repairs { font-size: .8rem; margin: .1rem 0 0; }
.card .repairs .head { grid-column: 1 / -1; }
.card .repairs .head ~ dt { padding-left: .6rem; }
.switches { display: flex; flex-wrap: wrap; align-items: center; gap: .3rem .8rem; font-size: .9rem; }
.switch { font: inherit; font-size: .9rem; display: inline-flex; align-items: center; gap: .5rem; }
.switch { padding: .25rem .6rem; border-radius: .35rem; border: 2px solid var(--accent); cursor: pointer; }
.switch { background: var(--panel); color: var(--fg); }
.switch .track { width: 2.2rem; height: 1.2rem; border-radius: .6rem; border: 2px solid var(--dim); }
.switch .track { position: relative; flex: none; }
.switch .track::after { content: ""; position: absolute; top: .1rem; left: .1rem; width: .8rem; height: .8rem; }
.switch .track::after { border-radius: 50%; background: var(--dim); }
.switch[aria-checked="true"] .track { border-color: var(--good); }
.switch[aria-checked="true"] .track::after { left: auto; right: .1rem; background: var(--good); }
.switch .state { font-weight: 600; min-width: 1.7rem; }
/* the stage is a column that scrolls: these keep their height rather than shrink under the next */
#watched, .action-message { flex: none; }
.watched h3 { margin: .2rem 0; font-size: 1rem; }
`;
