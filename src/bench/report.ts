// The benchmark's tables (plain text, no colour) and the targets, as ratios from one run.
import Table from 'cli-table3';
import type { BenchResult } from './run.js';
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
  for (const row of r.exchange) {
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
  out.push('Anti-entropy exchange: one trigger on node A, two real node processes', ex.toString());

  const tp = new Table({
    head: ['target', 'req/s (median run)', 'p99 ms', 'errors', 'of bare (median of rounds)'],
    style: { head: [], border: [] },
  });
  for (const row of r.throughput)
    tp.push([
      row.target,
      row.requestsPerSecond.toFixed(0),
      row.p99Ms,
      row.errors,
      row.ofBare === undefined ? '' : row.ofBare.toFixed(2),
    ]);
  out.push(
    '',
    `PUT throughput (autocannon, ${r.settings.connections} connections, ${r.settings.durationS} s a run; ${r.settings.rounds} rounds of the node targets between bare runs; a fresh cluster per node run)`,
    tp.toString(),
  );

  const tr = new Table({
    head: ['keys in store', 'tree ns per write', 'Store.apply ns per write'],
    style: { head: [], border: [] },
  });
  for (const row of r.tree)
    tr.push([
      row.keys.toLocaleString('en-US'),
      row.treeNsPerWrite.toFixed(0),
      row.applyNsPerWrite.toFixed(0),
    ]);
  out.push('', 'Tree cost per write', tr.toString());
  out.push(
    '',
    `Memory: ${r.memory.bytesPerKey} bytes of RSS per key at ${r.memory.keys.toLocaleString('en-US')} keys (100-byte values; process RSS ${kb(r.memory.rssBytes)})`,
  );
  const { write, memory } = r.upkeep;
  const large = r.tree.find((t) => t.keys === write.keys);
  const up = new Table({
    head: ['strategy', 'kept up to date', 'ns per write (own)', 'whole write ns', 'bytes per key'],
    style: { head: [], border: [] },
  });
  up.push(
    [
      'merkle',
      'the tree',
      large ? large.treeNsPerWrite.toFixed(0) : '—',
      write.applyNs.toFixed(0),
      memory.bytesPerKey,
    ],
    [
      'riblt',
      `the tree + ${(write.sketchBytes / 1e6).toFixed(1)} MB of coded symbols`,
      `+ ${write.sketchNs.toFixed(0)}`,
      write.applyWithSketchNs.toFixed(0),
      `${memory.bytesPerKeyWithSketch} (+${memory.bytesPerKeyWithSketch - memory.bytesPerKey})`,
    ],
    ['full', 'nothing beyond the entries (the tree is still kept today)', '0', '—', '—'],
  );
  out.push(
    '',
    `Keeping each strategy's structure at ${write.keys.toLocaleString('en-US')} keys (overwrites; memory: RSS per key, 100-byte values)`,
    up.toString(),
  );
  out.push(
    '',
    `Start-up: a node with ${r.startup.keys.toLocaleString('en-US')} keys in its data directory is ready in ${(r.startup.startMs / 1000).toFixed(2)} s, with ${r.startupSmall.keys.toLocaleString('en-US')} in ${(r.startupSmall.startMs / 1000).toFixed(2)} s (an empty one in ${(r.startup.emptyStartMs / 1000).toFixed(2)} s)`,
  );
  out.push('', renderSimulation(r.simulation));
  out.push(
    '',
    'Targets',
    ...r.targets.map((t) => `  ${t.met ? 'met   ' : 'MISSED'}  ${t.name}: ${t.measured}`),
  );
  return out.join('\n');
}
