// How many items differ, estimated before any symbol is sent, so that the first batch of coded
// symbols is the right size. The opening carries a 4-bit fingerprint of each of a fixed sample
// of the initiator's own coded symbols, at indices spread evenly on a log scale over the kept
// prefix. A symbol at index i is the same on both sides unless one of the D differing items maps
// to it, which each does with probability 2/(i+2): the answering side compares fingerprints and
// takes the most likely D. The symbols count items (what the decoder needs), not keys,
// whatever the mix of new keys, rewrites and deletes. Once a batch of symbols has not decoded,
// they say it more closely: which of them were empty, and how many items peeled (differingItems).
import {
  ESTIMATE_SAMPLES,
  ESTIMATE_SPREAD_SAMPLES,
  ESTIMATE_TOP_SHARE,
  NEXT_EMPTY_WEIGHT,
  PEELED_FROM,
  PEELED_SHARE,
  PEELED_STEP,
  SKETCH_SYMBOLS,
} from './constants.js';
import { fmix } from './symbol.js';

/** What the estimate reads of a sketch. */
export interface SampledSketch {
  readonly size: number;
  symbol(i: number): Uint32Array;
}

/**
 * The sampled indices, the same on every node. ESTIMATE_SPREAD_SAMPLES of them spread on a log
 * scale over the kept prefix: 1, 2, 3, ... while steps of one are finer than the log scale, then
 * each a fixed ratio above the last, the ratio chosen so that they end at the last kept symbol.
 * The rest evenly over the top of the prefix, where the largest differences are measured (few
 * log-scale samples fall there, and a short first batch costs most there).
 */
export function sampleIndices(): number[] {
  const spread = (ratio: number): number[] => {
    const out = [1];
    while (out.length < ESTIMATE_SPREAD_SAMPLES) {
      const prev = out[out.length - 1]!;
      out.push(Math.max(prev + 1, Math.round(prev * ratio)));
    }
    return out;
  };
  let lo = 1;
  let hi = 2;
  for (let step = 0; step < 50; step++) {
    const mid = (lo + hi) / 2;
    if (spread(mid)[ESTIMATE_SPREAD_SAMPLES - 1]! < SKETCH_SYMBOLS) lo = mid;
    else hi = mid;
  }
  const top = ESTIMATE_SAMPLES - ESTIMATE_SPREAD_SAMPLES;
  const from = SKETCH_SYMBOLS / ESTIMATE_TOP_SHARE;
  const stride = (SKETCH_SYMBOLS - from) / top;
  const out = spread(lo);
  const taken = new Set(out);
  for (let k = 0; k < top; k++) {
    let i = Math.floor(from + (k + 0.5) * stride);
    while (taken.has(i)) i += 1; // each symbol sampled once
    taken.add(i);
    out.push(i);
  }
  return out;
}

/** The sampled indices, the same on every node. */
interface SampleTable {
  indices: number[];
  /** Per sample, ln of the probability that one differing item misses its symbol. */
  logMiss: number[];
}

let table: SampleTable | undefined;

/**
 * The table, built on first use (10-25 ms of a node's start otherwise, spent even by nodes that
 * never run riblt); the same on every call.
 */
function sampleTable(): SampleTable {
  if (!table) {
    const indices = sampleIndices();
    table = { indices, logMiss: indices.map((i) => Math.log(i / (i + 2))) };
  }
  return table;
}
/** Two different symbols show the same 4-bit fingerprint this often. */
const FINGERPRINT_COLLISION = 1 / 16;
/** The likelihood is searched on a grid 2% apart (finer than the estimate's own error)... */
const GRID_STEP = 1.02;
/** ... up to where every sampled symbol differs... */
const GRID_END = 4 * SKETCH_SYMBOLS;
/** ... or until it is this far below its peak (about three standard deviations: it has one peak). */
const SEARCH_LOG_DROP = 4.5;

/** Bytes of the fingerprints an opening carries: two to a byte. */
export const SAMPLE_BYTES = Math.ceil(ESTIMATE_SAMPLES / 2);

/** Four bits per sampled symbol (its words folded), two to a byte. */
export function fingerprints(sketch: SampledSketch): Uint8Array {
  const out = new Uint8Array(SAMPLE_BYTES);
  sampleTable().indices.forEach((index, k) => {
    if (index >= sketch.size) return;
    const w = sketch.symbol(index);
    const h = fmix(w[0]! ^ fmix(w[1]! ^ fmix(w[2]! ^ fmix(w[3]!))));
    const nibble = (h ^ (h >>> 4) ^ (h >>> 8) ^ (h >>> 12)) & 0xf;
    out[k >> 1]! |= k & 1 ? nibble << 4 : nibble;
  });
  return out;
}

function nibble(bytes: Uint8Array, k: number): number {
  return (bytes[k >> 1]! >> (k & 1 ? 4 : 0)) & 0xf;
}

/** The most likely number of differing items, from two fingerprint samples of sketches of `size` symbols. */
export function estimateDifferingItems(
  ours: Uint8Array,
  theirs: Uint8Array,
  size = SKETCH_SYMBOLS,
): number {
  const differ: number[] = [];
  const same: number[] = [];
  const { indices, logMiss } = sampleTable();
  indices.forEach((index, k) => {
    if (index >= size) return;
    (nibble(ours, k) !== nibble(theirs, k) ? differ : same).push(logMiss[k]!);
  });
  const logLikelihood = (d: number): number => {
    let sum = 0;
    // A differing symbol shows as differing unless its fingerprints collide.
    for (const l of differ) sum += Math.log((1 - Math.exp(d * l)) * (1 - FINGERPRINT_COLLISION));
    for (const l of same) sum += Math.log(1 - (1 - Math.exp(d * l)) * (1 - FINGERPRINT_COLLISION));
    return sum;
  };
  let best = { d: 1, score: logLikelihood(1) };
  for (let d = GRID_STEP; d < GRID_END; d *= GRID_STEP) {
    const score = logLikelihood(d);
    if (score > best.score) best = { d, score };
    else if (score < best.score - SEARCH_LOG_DROP) break;
  }
  return Math.ceil(best.d);
}

/**
 * How many items differ, from how many of them `symbols` coded symbols that did not decode
 * peeled: the D for which PEELED_SHARE at symbols / D is peeled / D. Null where the count says
 * little (too few peeled to read, or so many that the rest come at once).
 */
export function itemsFromPeeled(symbols: number, peeled: number): number | null {
  // peeled / symbols = share(u) / u rises with u = symbols / D: found between two table points.
  const perSymbol = (k: number) => PEELED_SHARE[k]! / (PEELED_FROM + k * PEELED_STEP);
  const r = peeled / symbols;
  const last = PEELED_SHARE.length - 1;
  if (!(r >= perSymbol(0) && r <= perSymbol(last))) return null;
  let k = 0;
  while (k < last - 1 && perSymbol(k + 1) < r) k += 1;
  const f = (r - perSymbol(k)) / (perSymbol(k + 1) - perSymbol(k));
  return symbols / (PEELED_FROM + (k + f) * PEELED_STEP);
}

/**
 * Items differing as `symbols` that did not decode say: the empty symbols' estimate and the
 * peeled items', weighed in the logarithm (NEXT_EMPTY_WEIGHT).
 */
export function differingItems(
  symbols: number,
  estimate: { items: number; atLeast: boolean },
  peeled: number,
): number {
  const fromPeeled = estimate.atLeast ? null : itemsFromPeeled(symbols, peeled);
  if (fromPeeled === null) return estimate.items;
  const log =
    NEXT_EMPTY_WEIGHT * Math.log(estimate.items) + (1 - NEXT_EMPTY_WEIGHT) * Math.log(fromPeeled);
  return Math.round(Math.exp(log));
}
