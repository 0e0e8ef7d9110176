// Seeded exchanges in one process: two replicas cloned from one store of N keys, made to differ
// as the exchange grid does (60% of the differing keys rewritten, 20% new, 20% deleted, half on
// each side) but at keys and clocks drawn from a seed, then repaired by one exchange over an
// in-memory transport. The bytes are the encoded messages, exactly; many seeds give the mean and
// the worst case of a strategy, which one run over HTTP cannot. "After a sync": the two replicas
// first exchange while equal (which ends in sync), then diverge, and the exchange measured opens
// with the root alone: what a node sends when it took a few writes at most since that exchange,
// so that the difference is the peer's (a node that took more opens with samples, as above).
import { loadHasher } from '../node/replica/hash.js';
import type { Entry } from '../node/replica/entry.js';
import { Store } from '../node/replica/store.js';
import { answer, runExchange, type ExchangeWatch, type Replica } from '../node/sync/exchange.js';
import { Sketch } from '../node/sync/riblt/sketch.js';
import type { RibltOutcome } from '../api/reports.js';
import type { Strategy } from '../api/strategies.js';
import { rng } from '../sim/random.js';
import { DEFAULT_MAX_VALUE_BYTES } from '../api/limits.js';
import { VERSION_FIXED_BYTES } from './exchange.js';
import { addParts, noParts, scaleParts, type ByteParts } from './seeded-parts.js';

const VALUE = 'v'.repeat(100);
/** Node ids as long as a real node's (E counts the id). */
const IDS = ['node-00001', 'node-00002'] as const;
/** The base entries were written this long before the divergence (microseconds): ten minutes. */
const BASE_AGE_MICROS = 600e6;
/** The divergence's writes spread over this long (microseconds): two seconds. */
const CHANGE_SPREAD_MICROS = 2e6;
/** A fixed clock (microseconds, December 2026): the same seed gives the same bytes in every run. */
const CLOCK_MICROS = 1_796_600_000_000_000;

export interface SeededRow {
  strategy: Strategy;
  keys: number;
  divergence: number;
  seed: number;
  differingBytes: number;
  bytes: number;
  ratio: number;
  roundTrips: number;
  /** CPU of both sides together (one process), ms. */
  cpuMs: number;
  converged: boolean;
  riblt?: RibltOutcome;
  /** The bytes by part of the messages. */
  parts: ByteParts;
  /** Measured after an exchange between the equal replicas (which ended in sync). */
  afterSync: boolean;
}

/** A base store of n keys, with a sketch when the strategy keeps one. */
export async function baseStore(n: number, sketch: boolean): Promise<Replica> {
  const s = sketch ? new Sketch() : undefined;
  const store = new Store(await loadHasher(), s);
  const now = CLOCK_MICROS - BASE_AGE_MICROS;
  for (let i = 0; i < n; i++)
    store.apply({
      key: keyOf(i),
      value: VALUE,
      version: { wall: now + i, logical: 0, node: IDS[0] },
    });
  return replicaOf(store, s);
}

/** A replica over this store (and its sketch), merging what it is sent into the store. */
function replicaOf(store: Store, sketch: Sketch | undefined): Replica {
  return { store, ...(sketch ? { sketch } : {}), merge: (e: Entry) => store.apply(e) };
}

function keyOf(i: number): string {
  return `key:${String(i).padStart(8, '0')}`;
}

function cloneOf(base: Replica): Replica {
  const sketch = base.sketch?.clone();
  return replicaOf(base.store.clone(sketch), sketch);
}

/** One seeded divergence of base (n keys) at d, repaired by one exchange. */
export async function seededExchange(
  base: Replica,
  n: number,
  d: number,
  seed: number,
  strategy: Strategy,
  afterSync = false,
): Promise<SeededRow> {
  const a = cloneOf(base);
  const b = cloneOf(base);
  const transport = async (body: Buffer) => answer(b, body, DEFAULT_MAX_VALUE_BYTES);
  const met = afterSync
    ? (await runExchange(a, transport, strategy, DEFAULT_MAX_VALUE_BYTES)).endedInSync
    : false;
  const random = rng(seed);
  const differing = Math.round(n * d);
  const taken = new Set<number>();
  const now = CLOCK_MICROS;
  let differingBytes = 0;
  for (let i = 0; i < differing; i++) {
    const kind = i % 10;
    const [side, id] = i % 2 === 0 ? [a, IDS[0]] : [b, IDS[1]];
    let key = `new:${seed}:${String(i).padStart(8, '0')}`;
    if (kind < 6 || kind >= 8) {
      let k = Math.floor(random() * n);
      while (taken.has(k)) k = (k + 1) % n;
      taken.add(k);
      key = keyOf(k);
    }
    const value = kind >= 8 ? null : VALUE;
    const wall = now + Math.floor(random() * CHANGE_SPREAD_MICROS);
    side.merge({ key, value, version: { wall, logical: 0, node: id } });
    differingBytes += key.length + (value ? value.length : 0) + VERSION_FIXED_BYTES + id.length;
  }
  // The parts are counted as the messages go; that costs CPU, which the exchange's excludes.
  const parts = noParts();
  let watchCpu = 0;
  const watch: ExchangeWatch = ({ message, bytes }) => {
    const t = process.cpuUsage();
    addParts(parts, message, bytes);
    const spent = process.cpuUsage(t);
    watchCpu += spent.user + spent.system;
  };
  const cpu0 = process.cpuUsage();
  const result = await runExchange(
    a,
    transport,
    strategy,
    DEFAULT_MAX_VALUE_BYTES,
    watch,
    met ? 'root' : 'samples',
  );
  const cpu = process.cpuUsage(cpu0);
  const cpuMs = (cpu.user + cpu.system - watchCpu) / 1000;
  const bytes = result.bytes.sent + result.bytes.received;
  return {
    strategy,
    keys: n,
    divergence: d,
    seed,
    differingBytes,
    bytes,
    ratio: differingBytes > 0 ? bytes / differingBytes : 0,
    roundTrips: result.roundTrips,
    cpuMs,
    parts,
    converged: a.store.tree.root().digest === b.store.tree.root().digest,
    ...(result.riblt ? { riblt: result.riblt } : {}),
    afterSync,
  };
}

/** Seeds per point of the seeded grid: the worst of 20 is what one unlucky run can read. */
export const SEEDS = 20;
/** Seeds per point after a sync: a fourth round trip there is meant to be rarer than 1 in 20. */
export const AFTER_SYNC_SEEDS = 40;

/** One point of the seeded grid: a strategy's exchanges over SEEDS seeds. */
export interface SeededSummary {
  keys: number;
  divergence: number;
  seeds: number;
  /** The exchange after one between the equal replicas (see the head of this file). */
  afterSync: boolean;
  /** How many exchanges took each number of round trips. */
  roundTrips: Record<number, number>;
  meanRatio: number;
  worstRatio: number;
  maxRoundTrips: number;
  /** Coded symbols received per differing item decoded (riblt): mean and worst. */
  meanSymbolsPerItem: number;
  worstSymbolsPerItem: number;
  fallbacks: number;
  /** CPU of one exchange, both sides (ms): the mean over seeds. */
  meanCpuMs: number;
  /** Where the bytes went: each part's mean share of E. */
  meanParts: ByteParts;
}

/**
 * The rateless exchange over SEEDS seeds at each size and divergence, in this process; and at
 * the sizes in `afterSyncAt`, AFTER_SYNC_SEEDS seeds of the exchange after a sync.
 */
export async function seededGrid(
  sizes: readonly number[],
  divergences: readonly number[],
  log: (line: string) => void,
  afterSyncAt: readonly number[] = [],
): Promise<SeededSummary[]> {
  const out: SeededSummary[] = [];
  for (const n of sizes) {
    const base = await baseStore(n, true);
    const variants = afterSyncAt.includes(n) ? [false, true] : [false];
    for (const afterSync of variants)
      for (const d of divergences) {
        const rows: SeededRow[] = [];
        const seeds = afterSync ? AFTER_SYNC_SEEDS : SEEDS;
        for (let seed = 1; seed <= seeds; seed++)
          rows.push(await seededExchange(base, n, d, seed, 'riblt', afterSync));
        const s = summary(n, d, rows);
        out.push(s);
        const trips = Object.entries(s.roundTrips)
          .map(([t, k]) => `${t} RT: ${k}`)
          .join(', ');
        log(
          `riblt  N=${n} d=${(d * 100).toFixed(1)}%${afterSync ? ' root alone after a sync' : ''}  ` +
            `${seeds} seeds: ${s.meanRatio.toFixed(3)} x E (worst ${s.worstRatio.toFixed(3)}), ${trips}`,
        );
        log(`  ${partsLine(s.meanParts)}`);
      }
  }
  return out;
}

function summary(keys: number, divergence: number, rows: readonly SeededRow[]): SeededSummary {
  const mean = (xs: number[]) => xs.reduce((sum, x) => sum + x, 0) / xs.length;
  const perItem = rows.map((r) => (r.riblt?.decoded ? r.riblt.symbols / r.riblt.decoded : 0));
  const roundTrips: Record<number, number> = {};
  for (const r of rows) roundTrips[r.roundTrips] = (roundTrips[r.roundTrips] ?? 0) + 1;
  return {
    keys,
    divergence,
    seeds: rows.length,
    afterSync: rows[0]?.afterSync ?? false,
    roundTrips,
    meanRatio: mean(rows.map((r) => r.ratio)),
    worstRatio: Math.max(...rows.map((r) => r.ratio)),
    maxRoundTrips: Math.max(...rows.map((r) => r.roundTrips)),
    meanSymbolsPerItem: mean(perItem),
    worstSymbolsPerItem: Math.max(...perItem),
    fallbacks: rows.filter((r) => r.riblt?.fallback !== undefined).length,
    meanCpuMs: mean(rows.map((r) => r.cpuMs)),
    meanParts: meanShares(rows),
  };
}

/** Each part's share of E, averaged over the rows (the ratio's terms: they add up to it). */
function meanShares(rows: readonly SeededRow[]): ByteParts {
  const sum = noParts();
  for (const r of rows) {
    const share = scaleParts(r.parts, r.differingBytes * rows.length);
    for (const k of PART_NAMES) sum[k] += share[k];
  }
  return sum;
}

const PART_NAMES = ['opening', 'symbols', 'entries', 'wants', 'other'] as const;

/** "x E: opening 0.023 symbols 0.259 ..." for the log: a line of its own within 80 columns. */
export function partsLine(p: ByteParts): string {
  return 'x E: ' + PART_NAMES.map((k) => `${k} ${p[k].toFixed(3)}`).join(' ');
}
