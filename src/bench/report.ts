// The benchmark's tables (plain text, no colour) and the targets, as ratios from one run.
import Table from 'cli-table3';
import type { BenchResult } from './result.js';
import { renderSimulation } from './simulate-report.js';

const kb = (n: number) =>
  n < 10_000
    ? `${n} B`
    : n < 10_000_000
      ? `${(n / 1000).toFixed(1)} kB`
      : `${(n / 1e6).toFixed(1)} MB`;
const pct = (d: number) => `${+(d * 100).toFixed(2)}%`;

export function renderReport(r: BenchResult): string {
  const out: string[] = [];
  if (r.exchange) out.push(exchangeTable(r.exchange));
  if (r.throughput) out.push(throughputTable(r));
  if (r.tree) out.push(treeTable(r.tree.rows));
  if (r.memory) {
    const { bytesPerKey, keys, rssBytes } = r.memory;
    out.push(
      `Memory: ${bytesPerKey} bytes of RSS per key at ${keys.toLocaleString('en-US')} keys ` +
        `(100-byte values; process RSS ${kb(rssBytes)})`,
    );
  }
  if (r.tree || r.memory) out.push(upkeepTable(r));
  if (r.startup) {
    const { large, small } = r.startup;
    const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
    out.push(
      `Start-up: a node with ${large.keys.toLocaleString('en-US')} keys in its data directory ` +
        `is ready in ${s(large.startMs)}, with ${small.keys.toLocaleString('en-US')} in ` +
        `${s(small.startMs)} (an empty one in ${s(large.emptyStartMs)})`,
    );
  }
  if (r.simulation) out.push(renderSimulation(r.simulation));
  out.push(
    [
      'Targets',
      ...r.targets.map((t) => `  ${t.met ? 'met   ' : 'MISSED'}  ${t.name}: ${t.measured}`),
    ].join('\n'),
  );
  return out.join('\n\n');
}

function exchangeTable(rows: NonNullable<BenchResult['exchange']>): string {
  const ex = new Table({
    head: [
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
    ],
    style: { head: [], border: [] },
  });
  for (const row of rows) {
    ex.push([
      row.keys.toLocaleString('en-US'),
      pct(row.divergence),
      row.strategy,
      row.differing,
      kb(row.differingBytes),
      row.roundTrips,
      kb(row.bodyBytes),
      kb(row.wireBytes),
      row.ratio === null ? '—' : row.ratio.toFixed(2),
      row.riblt
        ? `${row.riblt.symbols} for ${row.riblt.decoded}${row.riblt.fallback ? ', fell back' : ''}`
        : '',
      row.wallMs.toFixed(1),
      `${row.cpuMs.initiator} / ${row.cpuMs.responder}`,
      row.converged ? 'yes' : 'NO',
    ]);
  }
  return `Anti-entropy exchange: one trigger on node A, two real node processes\n${ex.toString()}`;
}

function throughputTable(r: BenchResult): string {
  const tp = new Table({
    head: ['target', 'req/s (median run)', 'p99 ms', 'errors', 'of bare (median of rounds)'],
    style: { head: [], border: [] },
  });
  for (const row of r.throughput ?? [])
    tp.push([
      row.target,
      row.requestsPerSecond.toFixed(0),
      row.p99Ms,
      row.errors,
      row.ofBare === undefined ? '' : row.ofBare.toFixed(2),
    ]);
  const { connections, durationS, rounds } = r.settings;
  return (
    `PUT throughput (autocannon, ${connections} connections, ${durationS} s a run; ` +
    `${rounds} rounds of the node targets between bare runs; a fresh cluster per node run)\n` +
    tp.toString()
  );
}

function treeTable(rows: NonNullable<BenchResult['tree']>['rows']): string {
  const tr = new Table({
    head: ['keys in store', 'tree ns per write', 'Store.apply ns per write'],
    style: { head: [], border: [] },
  });
  for (const row of rows)
    tr.push([
      row.keys.toLocaleString('en-US'),
      row.treeNsPerWrite.toFixed(0),
      row.applyNsPerWrite.toFixed(0),
    ]);
  return `Tree cost per write\n${tr.toString()}`;
}

/** Each strategy's structure: its cost per write (the tree phase) and per key (memory). */
function upkeepTable(r: BenchResult): string {
  const write = r.tree?.upkeep;
  const memory = r.memory?.upkeep;
  const large = write && r.tree?.rows.find((t) => t.keys === write.keys);
  const dash = '—';
  const up = new Table({
    head: ['strategy', 'kept up to date', 'ns per write (own)', 'whole write ns', 'bytes per key'],
    style: { head: [], border: [] },
  });
  const sketch = write
    ? ` + ${(write.sketchBytes / 1e6).toFixed(1)} MB of coded symbols`
    : ' + the sketch';
  up.push(
    [
      'merkle',
      'the tree',
      large ? large.treeNsPerWrite.toFixed(0) : dash,
      write ? write.applyNs.toFixed(0) : dash,
      memory ? memory.bytesPerKey : dash,
    ],
    [
      'riblt',
      `the tree${sketch}`,
      write ? `+ ${write.sketchNs.toFixed(0)}` : dash,
      write ? write.applyWithSketchNs.toFixed(0) : dash,
      memory
        ? `${memory.bytesPerKeyWithSketch} (+${memory.bytesPerKeyWithSketch - memory.bytesPerKey})`
        : dash,
    ],
    ['full', 'nothing beyond the entries (the tree is still kept today)', '0', dash, dash],
  );
  const keys = (write ?? memory)!.keys.toLocaleString('en-US');
  return (
    `Keeping each strategy's structure at ${keys} keys ` +
    `(overwrites; memory: RSS per key, 100-byte values)\n${up.toString()}`
  );
}
