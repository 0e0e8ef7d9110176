// The benchmark's tables and the targets, as ratios from one run. On a terminal (`width`) the
// tables narrow to it and the sentences wrap, as every other command's do; off one they are whole.
import { bytes, count, seconds } from '../format.js';
import { fitColumns, renderTable } from '../cli/render/table.js';
import { wrap } from '../cli/render/wrap.js';
import type { BenchResult } from './result.js';
import { renderSimulation } from './simulate-report.js';
import { conflictsTable } from './conflicts-report.js';
import { repairTable } from './repair-report.js';

const pct = (d: number) => `${+(d * 100).toFixed(2)}%`;

/** The report; `width` is the terminal's (undefined off a terminal: nothing narrowed). */
export function renderReport(r: BenchResult, width?: number): string {
  const out: string[] = [];
  if (r.exchange) out.push(exchangeTable(r.exchange, width));
  if (r.throughput) out.push(throughputTable(r, width));
  if (r.tree) out.push(treeTable(r.tree.rows, width));
  if (r.memory) {
    const { bytesPerKey, keys, rssBytes } = r.memory;
    out.push(
      `Memory: ${count(bytesPerKey)} bytes of RSS per key at ${count(keys)} keys ` +
        `(100-byte values; process RSS ${bytes(rssBytes)})`,
    );
  }
  if (r.tree || r.memory) out.push(upkeepTable(r, width));
  if (r.startup) {
    const { large, small } = r.startup;
    out.push(
      `Start-up: a node with ${count(large.keys)} keys in its data directory ` +
        `is ready in ${seconds(large.startMs)}, with ${count(small.keys)} in ` +
        `${seconds(small.startMs)} (an empty one in ${seconds(large.emptyStartMs)})`,
      `Scrub: every row read back and checked against its checksum in ` +
        `${count(Math.round(small.scrubMs))} ms for ${count(small.keys)} rows, ` +
        `${count(Math.round(large.scrubMs))} ms for ${count(large.keys)} ` +
        `(${Math.round((100 * large.scrubMs) / large.startMs)}% of a start from them)`,
    );
  }
  if (r.simulation) out.push(renderSimulation(r.simulation, width));
  if (r.conflicts) out.push(conflictsTable(r.conflicts, width));
  if (r.repair) out.push(repairTable(r.repair, width));
  out.push(
    [
      'Targets',
      ...r.targets.map((t) => `  ${t.met ? 'met   ' : 'MISSED'}  ${t.name}: ${t.measured}`),
    ].join('\n'),
  );
  return out
    .map((part) =>
      part
        .split('\n')
        .map((line) => wrap(line, width, '  '))
        .join('\n'),
    )
    .join('\n\n');
}

const EXCHANGE_HEAD = [
  'N',
  'd',
  'strategy',
  'differing',
  'E',
  'round trips',
  'bytes (bodies)',
  'bytes (wire)',
  'bytes / E',
  'riblt symbols',
  'wall ms',
  'cpu ms (A / B)',
  'converged',
];

function exchangeTable(rows: NonNullable<BenchResult['exchange']>, width?: number): string {
  const cells = rows.map((row) => [
    count(row.keys),
    pct(row.divergence),
    row.strategy,
    count(row.differing),
    bytes(row.differingBytes),
    count(row.roundTrips),
    bytes(row.bodyBytes),
    bytes(row.wireBytes),
    row.ratio === null ? '—' : row.ratio.toFixed(2),
    row.riblt ? ribltCell(row) : '',
    row.wallMs.toFixed(1),
    `${count(row.cpuMs.initiator)} / ${count(row.cpuMs.responder)}`,
    row.failed ? `NO (${row.failed.split(':')[0]})` : row.converged ? 'yes' : 'NO',
  ]);
  return (
    'Anti-entropy exchange: one trigger on node A, two real node processes\n' +
    exchangeTables(cells, width)
  );
}

/** riblt's symbols for items; identical replicas say which exchange: the first, or the next. */
function ribltCell(row: NonNullable<BenchResult['exchange']>[number]): string {
  const r = row.riblt!;
  if (row.divergence === 0)
    return r.opening === 'samples' ? 'first exchange: root + samples' : 'after a sync: root alone';
  return `${count(r.symbols)} for ${count(r.decoded)}${r.fallback ? ', fell back' : ''}`;
}

/** The exchange grid's row key (N, d, strategy): repeated in each part of a split grid. */
const ROW_KEY = 3;
/** A grid too wide for the terminal splits: counts and time (differing … converged) … */
const COUNTS_AND_TIME = [3, 5, 10, 11, 12];
/** … then the bytes and symbols (E, both byte counts, bytes / E, riblt symbols). */
const BYTES = [4, 6, 7, 8, 9];

/**
 * The exchange grid, whole when it fits (or off a terminal); else in two tables of a row key
 * and half the measures each, so no column narrows to a few characters a line.
 */
function exchangeTables(cells: string[][], width?: number): string {
  if (width === undefined || fitColumns(EXCHANGE_HEAD, cells, width) === undefined)
    return renderTable(EXCHANGE_HEAD, cells, width);
  const part = (columns: number[]) =>
    renderTable(
      columns.map((c) => EXCHANGE_HEAD[c]!),
      cells.map((row) => columns.map((c) => row[c]!)),
      width,
    );
  const key = [...Array(ROW_KEY).keys()];
  return [part([...key, ...COUNTS_AND_TIME]), part([...key, ...BYTES])].join('\n');
}

function throughputTable(r: BenchResult, width?: number): string {
  const head = ['target', 'req/s (median run)', 'p99 ms', 'errors', 'of bare (median of rounds)'];
  const cells = (r.throughput ?? []).map((row) => [
    row.target,
    count(Math.round(row.requestsPerSecond)),
    String(row.p99Ms),
    count(row.errors),
    row.ofBare === undefined ? '' : row.ofBare.toFixed(2),
  ]);
  const { connections, durationS, rounds } = r.settings;
  return (
    `PUT throughput (autocannon, ${connections} connections, ${durationS} s a run; ` +
    `${rounds} rounds of the node targets between bare runs; a fresh cluster per node run, ` +
    'but one cluster for every round of "one cluster", and nodes that record no messages ' +
    'for "no message records")\n' +
    renderTable(head, cells, width)
  );
}

function treeTable(rows: NonNullable<BenchResult['tree']>['rows'], width?: number): string {
  const head = [
    'keys in store',
    'tree ns per write',
    'Store.apply ns per write',
    'keyed (cluster key)',
    'keyed ÷ public',
  ];
  const cells = rows.map((row) => [
    count(row.keys),
    count(Math.round(row.treeNsPerWrite)),
    count(Math.round(row.applyNsPerWrite)),
    count(Math.round(row.keyedApplyNsPerWrite)),
    (row.keyedApplyNsPerWrite / row.applyNsPerWrite).toFixed(2),
  ]);
  return `Tree cost per write\n${renderTable(head, cells, width)}`;
}

/** Each strategy's structure: its cost per write (the tree phase) and per key (memory). */
function upkeepTable(r: BenchResult, width?: number): string {
  const write = r.tree?.upkeep;
  const memory = r.memory?.upkeep;
  const large = write && r.tree?.rows.find((t) => t.keys === write.keys);
  const dash = '—';
  const head = [
    'strategy',
    'kept up to date',
    'ns per write (own)',
    'whole write ns',
    'bytes per key',
  ];
  const ns = (n: number) => count(Math.round(n));
  const sketch = write ? ` + ${bytes(write.sketchBytes)} of coded symbols` : ' + the sketch';
  const cells = [
    [
      'merkle',
      'the tree',
      large ? ns(large.treeNsPerWrite) : dash,
      write ? ns(write.applyNs) : dash,
      memory ? count(memory.bytesPerKey) : dash,
    ],
    [
      'riblt',
      `the tree${sketch}`,
      write ? `+ ${ns(write.sketchNs)}` : dash,
      write ? ns(write.applyWithSketchNs) : dash,
      memory
        ? `${count(memory.bytesPerKeyWithSketch)} (+${count(memory.bytesPerKeyWithSketch - memory.bytesPerKey)})`
        : dash,
    ],
    ['full', 'nothing beyond the entries (the tree is still kept today)', '0', dash, dash],
  ];
  const keys = count((write ?? memory)!.keys);
  return (
    `Keeping each strategy's structure at ${keys} keys ` +
    `(overwrites; memory: RSS per key, 100-byte values)\n${renderTable(head, cells, width)}`
  );
}
