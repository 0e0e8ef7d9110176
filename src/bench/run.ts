// `npm run bench` / `ae-demo bench`: what anti-entropy costs at scale, beside the full-data
// exchange, plus PUT throughput, the tree's per-write cost and memory per key.
import { exchangeGrid, type ExchangeRow } from './exchange.js';
import { renderReport } from './report.js';
import { CONNECTIONS, ROUNDS, throughput, type ThroughputRow } from './throughput.js';
import { startupTime, type StartupRow } from './startup.js';
import { startupRatios, type StartupRatios } from './ratios.js';
import { memoryPerKey, treeCost, type TreeRow } from './tree.js';
import { upkeepCost, upkeepMemory, type UpkeepMemory, type UpkeepRow } from './upkeep.js';
import { STRATEGIES, type Strategy } from '../api/strategies.js';
import { NEXT_SYMBOLS_PER_ITEM, SKETCH_SYMBOLS } from '../node/sync/riblt/constants.js';
import { simulationBench, type SimBench } from './simulate.js';
import { simulationTargets } from './simulate-report.js';

/**
 * The tree's cost per write is also timed at this size, between 1k (in the first-level cache)
 * and 1M (in memory): the table shows the cost following the caches, not the work per write.
 */
const TREE_MID_SIZE = 100_000;

export interface BenchOptions {
  /** Adds N = 1,000,000 to the exchange grid. */
  large: boolean;
  durationS: number;
  /** The strategies the exchange grid runs side by side (default: all three). */
  strategies?: readonly Strategy[];
  log: (line: string) => void;
}

export interface Target {
  name: string;
  measured: string;
  met: boolean;
}

export interface BenchResult {
  settings: {
    sizes: number[];
    divergences: number[];
    durationS: number;
    connections: number;
    /** Rounds of the node targets between bare runs (a share of bare is a median over them). */
    rounds: number;
    node: string;
    cpus: number;
  };
  exchange: ExchangeRow[];
  throughput: ThroughputRow[];
  tree: TreeRow[];
  memory: { keys: number; bytesPerKey: number; rssBytes: number };
  /** What keeping the RIBLT sketch costs a write and memory, beside the tree alone. */
  upkeep: { write: UpkeepRow; memory: UpkeepMemory };
  startup: StartupRow;
  /** The same at a tenth of the keys: time per key should not grow with the store. */
  startupSmall: StartupRow;
  ratios: StartupRatios;
  /** `ae-demo simulate` at the scale, and rounds against N (random and ring). */
  simulation: SimBench;
  targets: Target[];
}

export const DEFAULT_SIZES = [10_000, 100_000];
export const LARGE_SIZE = 1_000_000;
/** A differing key is at most two items (its old and its new version). */
const MAX_ITEMS_PER_KEY = 2;
export const DIVERGENCES = [0, 0.001, 0.01, 0.1];
/** Start-up is also timed at this size, to compare the time per key with LARGE_SIZE's. */
const STARTUP_SMALL_SIZE = 100_000;

export async function runBench(o: BenchOptions): Promise<BenchResult> {
  const { cpus } = await import('node:os');
  const sizes = o.large ? [...DEFAULT_SIZES, LARGE_SIZE] : DEFAULT_SIZES;
  o.log('exchange grid…');
  const exchange = await exchangeGrid(sizes, DIVERGENCES, o.log, o.strategies ?? STRATEGIES);
  o.log('throughput…');
  const tp = await throughput(o.durationS, o.log);
  o.log('tree cost and memory…');
  const tree = await treeCost([1_000, TREE_MID_SIZE, 1_000_000]);
  const memory = await memoryPerKey(1_000_000);
  o.log('sketch upkeep and memory at 1M keys…');
  const upkeep = { write: await upkeepCost(1_000_000), memory: await upkeepMemory(1_000_000) };
  o.log('start-up with 100k and 1M keys in a data directory…');
  const startupSmall = await startupTime(STARTUP_SMALL_SIZE);
  const startup = await startupTime(LARGE_SIZE);
  o.log('start-up against node -e 0…');
  const ratios = await startupRatios();
  const simulation = await simulationBench(o.log);
  const result: BenchResult = {
    settings: {
      sizes,
      divergences: DIVERGENCES,
      durationS: o.durationS,
      connections: CONNECTIONS,
      rounds: ROUNDS,
      node: process.version,
      cpus: cpus().length,
    },
    exchange,
    throughput: tp,
    tree,
    memory,
    upkeep,
    startup,
    startupSmall,
    ratios,
    simulation,
    targets: [],
  };
  result.targets = targets(result);
  return result;
}

function targets(r: BenchResult): Target[] {
  const find = (strategy: string, n: number, d: number) =>
    r.exchange.find((x) => x.strategy === strategy && x.keys === n && x.divergence === d);
  const out: Target[] = [];
  const ratio = (strategy: Strategy, n: number, d: number, max: number) => {
    const row = find(strategy, n, d);
    if (row?.ratio != null)
      out.push({
        name: `${strategy}: bytes/E <= ${max} at ${d * 100}% of ${n / 1000}k keys`,
        measured: `${row.ratio.toFixed(2)}${row.riblt?.fallback ? ' (fell back to the walk)' : ''}`,
        met: row.ratio <= max,
      });
  };
  ratio('merkle', 100_000, 0.01, 2.2);
  ratio('merkle', 100_000, 0.001, 3);
  for (const d of [0.001, 0.01, 0.1]) ratio('riblt', 100_000, d, 1.5);
  ratio('riblt', LARGE_SIZE, 0.001, 1.5);
  for (const strategy of ['merkle', 'riblt'] as const) {
    const same = r.exchange.filter((x) => x.strategy === strategy && x.divergence === 0);
    if (same.length === 0) continue;
    const worst = Math.max(...same.map((x) => x.bodyBytes));
    const trips = Math.max(...same.map((x) => x.roundTrips));
    out.push({
      name: `${strategy}: identical replicas: 1 round trip and <= 512 bytes`,
      measured: `${trips} round trip(s), ${worst} bytes`,
      met: trips === 1 && worst <= 512,
    });
  }
  const ribltMillion = r.exchange.filter(
    (x) =>
      x.strategy === 'riblt' &&
      x.keys === LARGE_SIZE &&
      x.divergence > 0 &&
      x.differing * MAX_ITEMS_PER_KEY * NEXT_SYMBOLS_PER_ITEM <= SKETCH_SYMBOLS,
  );
  if (ribltMillion.length > 0) {
    // Every point whose difference fits the kept symbols counts, fallback or not: a decode that
    // fails there is a miss, not a point to leave out.
    const trips = Math.max(...ribltMillion.map((x) => x.roundTrips));
    out.push({
      name: 'riblt: at most 3 round trips at 1M keys (every point the kept symbols can decode)',
      measured: ribltMillion.map((x) => `${x.roundTrips} at ${x.divergence * 100}%`).join(', '),
      met: trips <= 3,
    });
  }
  const { write, memory: mem } = r.upkeep;
  const slower = write.applyWithSketchNs / write.applyNs;
  out.push({
    name: 'riblt upkeep: a write at 1M keys within 2x of one without the sketch',
    measured: `${slower.toFixed(2)}x`,
    met: slower <= 2,
  });
  const extra = mem.bytesPerKeyWithSketch - mem.bytesPerKey;
  out.push({
    name: 'riblt upkeep: <= 64 bytes per key on top of the store',
    measured: `${extra} B`,
    met: extra <= 64,
  });
  const merkle = find('merkle', 100_000, 0.01);
  const full = find('full', 100_000, 0.01);
  if (merkle && full) {
    const bytes = full.bodyBytes / merkle.bodyBytes;
    const time = full.wallMs / merkle.wallMs;
    out.push({
      name: 'vs full exchange at 1% of 100k: >= 20x fewer bytes',
      measured: `${bytes.toFixed(1)}x`,
      met: bytes >= 20,
    });
    out.push({
      name: 'vs full exchange at 1% of 100k: >= 5x less time',
      measured: `${time.toFixed(1)}x`,
      met: time >= 5,
    });
  }
  const million = r.exchange.filter(
    (x) => x.strategy === 'merkle' && x.keys === LARGE_SIZE && x.divergence > 0,
  );
  if (million.length > 0) {
    const trips = Math.max(...million.map((x) => x.roundTrips));
    out.push({
      name: 'at most 6 round trips at 1M keys',
      measured: String(trips),
      met: trips <= 6,
    });
  }
  // Each node target's share of bare: the median over rounds of its run against the bare runs
  // around it (bench/bracket.ts), not a ratio of medians taken minutes apart.
  const share = (target: ThroughputRow['target'], min: number) => {
    const measured = r.throughput.find((t) => t.target === target)?.ofBare;
    if (measured === undefined) return;
    out.push({
      name: `${target} >= ${min} of bare node:http`,
      measured: `${measured.toFixed(2)} (median of ${r.settings.rounds} rounds)`,
      met: measured >= min,
    });
  };
  share('direct PUT', 0.7);
  share('replicated PUT', 0.3);
  const { bareMs, nodeReadyMs, runJsonMs } = r.ratios;
  const times = (ms: number, max: number, name: string) =>
    out.push({
      name: `${name} <= ${max}x node -e 0`,
      measured: `${(ms / bareMs).toFixed(2)}x (${ms.toFixed(0)} / ${bareMs.toFixed(0)} ms)`,
      met: ms / bareMs <= max,
    });
  times(nodeReadyMs, 2, 'a node ready');
  times(runJsonMs, 10, 'run --json');
  out.push({
    name: `${r.startup.keys.toLocaleString('en-US')} keys from a data directory ready <= 4 s`,
    measured: `${(r.startup.startMs / 1000).toFixed(2)} s`,
    met: r.startup.startMs <= 4000,
  });
  // Per key: the time beyond an empty node's start, divided by the keys loaded.
  const perKey = (row: StartupRow) => (row.startMs - row.emptyStartMs) / row.keys;
  const growth = perKey(r.startup) / perKey(r.startupSmall);
  out.push({
    name: `start-up time per key at ${r.startup.keys.toLocaleString('en-US')} <= 1.5x that at ${r.startupSmall.keys.toLocaleString('en-US')}`,
    measured: `${growth.toFixed(2)}x (${(perKey(r.startup) * 1000).toFixed(2)} / ${(perKey(r.startupSmall) * 1000).toFixed(2)} µs)`,
    met: growth <= 1.5,
  });
  out.push({
    name: `RSS per key at ${r.memory.keys.toLocaleString('en-US')} <= 450 B`,
    measured: `${r.memory.bytesPerKey} B`,
    met: r.memory.bytesPerKey <= 450,
  });
  out.push(...simulationTargets(r.simulation));
  const treeAt = (keys: number) => r.tree.find((row) => row.keys === keys)?.treeNsPerWrite;
  const [at1k, at1m] = [treeAt(1_000), treeAt(1_000_000)];
  if (at1k !== undefined && at1m !== undefined)
    out.push({
      name: 'tree cost per write at 1M within 2x of 1k',
      measured: `${(at1m / at1k).toFixed(2)}x (${at1k.toFixed(0)} / ${at1m.toFixed(0)} ns; a 1k tree sits in the first-level cache)`,
      met: at1m / at1k <= 2,
    });
  return out;
}
