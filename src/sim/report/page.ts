// The report of `ae-demo simulate --report FILE.html`: one self-contained page (style inline,
// no script, nothing fetched) with the runs' summary and the plots, each drawn twice (wide and
// narrow, so its text stays at body size on a laptop and on a phone) beside its data table.
import { html, htmlDocument, raw, type Html } from '../../web/view/html.js';
import { scrollRegion } from '../../web/view/scroll-region.js';
import type { SimOptions, SimResult } from '../simulate.js';
import { PLOT_SIZES } from './constants.js';
import { bytesPlot, convergedPlot, runName, scalingPlot } from './figures.js';
import { plotSvg } from './plot.js';
import type { PlotSpec } from './spec.js';
import { PLOT_CSS } from './plot-style.js';
import { plotTable } from './table.js';
import { formatBytes, formatCount } from './text.js';
import { latencyWords } from '../../api/faults.js';
import type { Quantiles } from '../../quantiles.js';

/** The plot sections' layout; the wide drawing gives way to the narrow one below 50rem. */
const REPORT_CSS = `
body.sim-report main { display: block; }
body.sim-report .table-wrap:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
@media (max-width: 40rem) { body.sim-report { padding: .6rem .7rem 2rem; } }
.plot-block .plot-pair { display: flex; flex-wrap: wrap; gap: 1rem 1.5rem; align-items: flex-start; }
.plot-block figure { margin: 0; max-width: 100%; }
.plot-block .plot { display: block; }
.plot-block .plot.narrow { display: none; }
@media (max-width: 50rem) { .plot-block .plot.wide { display: none; } .plot-block .plot.narrow { display: block; } }
.plot-details summary { cursor: pointer; font-weight: 600; }
table.plot-data caption, table.runs caption { text-align: left; font-weight: 600; padding-bottom: .3rem; }
table.plot-data td, table.runs td { text-align: right; font-variant-numeric: tabular-nums; }
table.runs :is(td, th), table.plot-data :is(td, th) { white-space: nowrap; }
`;

/** What the simulation leaves out of a real node, said on every report. */
const DEPARTURES = raw(
  "<p>Each replica runs the node's own store, Merkle tree, exchange and round scheduler, but the " +
    'messages go through an in-memory network in virtual time: no HTTP and no disk (a message is ' +
    "its encoded bytes, delivered after the latency plus its size over the sender's uplink), " +
    'every write is a direct write on one replica (no replication on write), a crashed replica ' +
    'keeps its store as a node with <code>--data-dir</code> does, a partition is always two ' +
    'halves, all replicas share one clock, and computing takes no virtual time (only latency and ' +
    'bandwidth delay a message).</p>',
);

/** The whole report file. `command` is the command line that made it (shown in the header). */
export function simReportHtml(
  results: readonly SimResult[],
  options: SimOptions,
  command: string,
  css: string,
): string {
  const plots = [
    {
      spec: scalingPlot(results),
      about:
        'With random selection the rounds follow log3 N: each round every replica pulls from ' +
        'and pushes to one random peer, so while few have the news their number roughly triples, ' +
        'and the last few are found in a round or two more. On a ring news moves a hop or two ' +
        'per round, so the rounds grow like N.',
    },
    {
      spec: convergedPlot(results, options.intervalMs),
      about:
        'A replica counts as converged when its Merkle root equals the root of a store that took every write.',
    },
    {
      spec: bytesPlot(results, options.intervalMs),
      about:
        'What the exchanges put on the simulated network: tree levels, entries and their ' +
        'acknowledgements, encoded as the nodes encode them.',
    },
  ].filter((p): p is { spec: PlotSpec; about: string } => p.spec !== null);
  const failed = results.filter((r) => !r.converged);
  const all = results.length === 1 ? 'Converged' : `All ${results.length} runs converged`;
  const notConverged =
    `${failed.length} of ${results.length} runs did not converge within ` +
    `${formatCount(options.maxRounds)} rounds: ${failed.map(runName).join(', ')}.`;
  const verdict =
    failed.length === 0
      ? html`<div class="verdict good">${all}: every replica holds the same root.</div>`
      : html`<div class="verdict bad">${notConverged}</div>`;
  const body = html`<main><header class="report-head"><h1>ae-demo simulate report</h1>
<p>${settings(options)}</p>
<p class="dim">Made by <code>${command}</code></p></header>
${verdict}
<section class="part"><h2>Runs</h2>${runsTable(results)}</section>
${plots.map((p, i) => section(p.spec, p.about, i + 1))}
<section class="part"><h2>Where the simulation departs from real nodes</h2>
${DEPARTURES}</section></main>`;
  return htmlDocument({
    title: 'ae-demo simulate report',
    head: html`<style>
${raw(css)}
${raw(PLOT_CSS)}
${raw(REPORT_CSS)}
</style>`,
    bodyClass: 'report sim-report',
    body,
  });
}

function section(spec: PlotSpec, about: string, n: number): Html {
  const id = `plot-${n}`;
  const wide = klass(plotSvg(spec, PLOT_SIZES.wide, `${id}-wide`), 'wide');
  const narrow = klass(plotSvg(spec, PLOT_SIZES.narrow, `${id}-narrow`), 'narrow');
  return html`<section class="part plot-block" aria-labelledby="${id}-h"><h2 id="${id}-h">${spec.title}</h2>
<p>${about}</p>
<div class="plot-pair"><figure>${wide}${narrow}</figure>
${plotTable(spec)}</div></section>`;
}

/** Marks a drawing as the wide or the narrow one. */
function klass(svg: Html, size: 'wide' | 'narrow'): Html {
  return raw(svg.text.replace('class="plot"', `class="plot ${size}"`));
}

function settings(o: SimOptions): string {
  const parts = [
    `${formatCount(o.keys)} keys of ${o.valueBytes} bytes on every replica`,
    `${formatCount(o.writes)} writes before the first round`,
    ...(o.writeRate > 0 ? [`${o.writeRate} writes/s for ${o.writeForMs / 1000} s`] : []),
    `${o.strategy} exchange`,
    `${o.peersPerRound} peer(s) per round every ${o.intervalMs} ms`,
    `latency ${o.latency ? latencyWords(o.latency) : o.latencyMs} ms, ${o.bandwidthMbps} Mbit/s`,
    `loss ${o.loss}`,
    ...(o.duplicate ? [`duplicate ${o.duplicate}`] : []),
    ...(o.reorder ? [`reorder ${o.reorder}`] : []),
    `churn ${o.churn}`,
    ...(o.partition
      ? [`split in two halves from ${o.partition.fromMs / 1000} s to ${o.partition.toMs / 1000} s`]
      : []),
    `seed ${o.seed}`,
  ];
  return `${parts.join(' · ')}.`;
}

/** The runs table's columns, in order. */
const RUN_COLUMNS = [
  'replicas',
  'selection',
  'converged',
  'rounds',
  'log3 N',
  'simulated s',
  'bytes',
  'bytes per replica per round',
  'slowest replica',
  'ms to the final root p50 / p95 / max',
];

function runsTable(results: readonly SimResult[]): Html {
  const rows = results.map((r) => {
    const cells = [
      r.selection,
      r.converged ? 'yes' : 'no',
      r.rounds,
      r.epidemic.log3N,
      formatCount(r.simulatedMs / 1000),
      formatBytes(r.bytes),
      formatBytes(r.bytesPerReplicaPerRound),
      r.slowest ? `${r.slowest.replica} at ${formatCount(r.slowest.atMs / 1000)} s` : '—',
      quantileCell(r.convergenceMs),
    ];
    const tds = cells.map((c) => html`<td>${c}</td>`);
    return html`<tr><th scope="row">${formatCount(r.nodes)}</th>${tds}</tr>`;
  });
  const caption =
    'Rounds until every replica holds the same root, beside log3 N, what push-pull gossip with ' +
    'one random peer needs';
  return scrollRegion(
    caption,
    html`<table class="runs"><caption>${caption}</caption>
<thead><tr>${RUN_COLUMNS.map((c) => html`<th scope="col">${c}</th>`)}</tr></thead>
<tbody>${rows}</tbody></table>`,
  );
}

/** "120 / 480 / 950", or a dash when no replica converged. */
function quantileCell(q: Quantiles): string {
  return q.count === 0 ? '—' : [q.p50, q.p95, q.max].map(formatCount).join(' / ');
}
