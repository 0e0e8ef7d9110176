// How many keys differ, estimated before any symbol is sent, so that the first batch of coded
// symbols is the right size. The opening message carries a 4-bit fingerprint of a fixed sample of tree nodes at levels 1..ESTIMATE_LEVELS; a node at level l (one of 16^l) differs
// with probability 1 - exp(-d / 16^l) when d keys differ, spread by their hash. The answering
// side counts the sampled nodes that differ per level and takes the most likely d.
import { ESTIMATE_LEVELS, ESTIMATE_SAMPLES } from './constants.js';
import { FANOUT } from '../../tree/merkle.js';
import type { NodeSummary } from '../../tree/merkle.js';

/** What the estimate reads of a tree. */
export interface SampledTree {
  node(level: number, index: number): NodeSummary;
}

/** The sampled tree nodes, the same on every node: evenly spread over each level. */
export function samplePoints(): { level: number; index: number }[] {
  const points: { level: number; index: number }[] = [];
  for (let level = 1; level <= ESTIMATE_LEVELS; level++) {
    const nodes = FANOUT ** level;
    const samples = Math.min(nodes, ESTIMATE_SAMPLES);
    const stride = nodes / samples;
    for (let j = 0; j < samples; j++) points.push({ level, index: Math.floor(j * stride) });
  }
  return points;
}

const POINTS = samplePoints();
/** Two different nodes show the same 4-bit fingerprint this often. */
const FINGERPRINT_COLLISION = 1 / 16;
/** Keeps the logarithm finite. */
const TINY = 1e-300;
/** The likelihood is searched on a grid 2% apart (finer than the estimate's own error)... */
const GRID_STEP = 1.02;
/** ... up to where the deepest sampled level is saturated. */
const GRID_END = 4 * FANOUT ** ESTIMATE_LEVELS;

/** Bytes of the fingerprints an opening carries: two to a byte. */
export const SAMPLE_BYTES = Math.ceil(POINTS.length / 2);

/** Four bits per sampled node (its digest and count folded), two to a byte. */
export function fingerprints(tree: SampledTree): Uint8Array {
  const out = new Uint8Array(SAMPLE_BYTES);
  POINTS.forEach((p, i) => {
    const n = tree.node(p.level, p.index);
    const folded = Number(BigInt.asUintN(32, n.digest ^ (n.digest >> 32n)));
    const nibble = (folded ^ (folded >>> 16) ^ (folded >>> 8) ^ (folded >>> 4) ^ n.count) & 0xf;
    out[i >> 1]! |= i & 1 ? nibble << 4 : nibble;
  });
  return out;
}

function nibble(bytes: Uint8Array, i: number): number {
  return (bytes[i >> 1]! >> (i & 1 ? 4 : 0)) & 0xf;
}

/** The most likely number of differing keys, given two fingerprint samples (at least 1). */
export function estimateDifferingKeys(ours: Uint8Array, theirs: Uint8Array): number {
  const differ = new Map<number, { nodes: number; samples: number; differing: number }>();
  POINTS.forEach((p, i) => {
    const level = differ.get(p.level) ?? { nodes: FANOUT ** p.level, samples: 0, differing: 0 };
    level.samples += 1;
    if (nibble(ours, i) !== nibble(theirs, i)) level.differing += 1;
    differ.set(p.level, level);
  });
  const levels = [...differ.values()];
  const logLikelihood = (d: number): number => {
    let sum = 0;
    for (const l of levels) {
      // A differing node shows as differing unless its fingerprints collide.
      const pDiffer = (1 - Math.exp(-d / l.nodes)) * (1 - FINGERPRINT_COLLISION);
      sum +=
        l.differing * Math.log(Math.max(TINY, pDiffer)) +
        (l.samples - l.differing) * Math.log(1 - pDiffer);
    }
    return sum;
  };
  let best = 1;
  let bestScore = -Infinity;
  for (let d = 1; d < GRID_END; d *= GRID_STEP) {
    const score = logLikelihood(d);
    if (score > bestScore) {
      bestScore = score;
      best = d;
    }
  }
  return Math.ceil(best);
}
