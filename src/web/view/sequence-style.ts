// The sequence diagram's part of the stylesheet (style.ts takes it in): a colour per path, its
// text in the page's own colours.
// prettier-ignore
export const SEQUENCE_CSS = `
.sequence { margin: .6rem 0; }
.sequence svg { width: 100%; max-width: 36rem; height: auto; display: block; }
.sequence text { fill: var(--fg); font-size: 12px; }
.sequence .lane-name { font-weight: 600; font-size: 13px; }
.sequence .lifeline { stroke: var(--line); stroke-width: 2; }
.sequence .band rect { fill: var(--cell-empty); stroke: var(--dim); stroke-dasharray: 4 3; }
.sequence .msg line { stroke-width: 2; }
.sequence .msg.anti-entropy line, .sequence .msg.anti-entropy polygon { stroke: var(--accent); fill: var(--accent); }
.sequence .msg.replication line, .sequence .msg.replication polygon { stroke: var(--dim); fill: var(--dim); }
.sequence .msg.hint line, .sequence .msg.hint polygon { stroke: var(--warn); fill: var(--warn); }
.sequence .msg.read-repair line, .sequence .msg.read-repair polygon { stroke: var(--v2); fill: var(--v2); }
.sequence .msg { cursor: default; }
.sequence .msg.unanswered line { stroke-dasharray: 6 4; }
.sequence .msg.unanswered polygon { fill: var(--bg); }
.sequence .msg:focus { outline: 3px solid var(--accent); outline-offset: 2px; }
.sequence .msg:focus line, .sequence .msg:hover line { stroke-width: 4; }
.msg-detail { margin: .3rem 0 0; padding: .3rem .6rem; border-left: 3px solid var(--accent); background: var(--panel); }
.msg-detail:empty { display: none; }
table.messages caption { text-align: left; font-weight: 600; padding: .2rem 0; }
`;
