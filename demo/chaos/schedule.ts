// A chaos run's schedule, made from its seed before anything is played, so that a failing run
// can be saved, replayed and shrunk step by step: writes through random nodes, each chosen kind
// of fault, heals, kill -9 with its restart a few operations later, and every few operations a
// settle (every fault healed, convergence timed). Pure: the same seed makes the same schedule.
import type { LatencyDist } from '../../src/api/faults.js';
import type { FaultKind, Schedule, Step } from '../../src/story/chaos.js';
import { below, rng } from '../random.js';

/** Out of 100 draws: puts, then deletes, then heals; the rest are faults of the chosen kinds. */
const SHARE = { put: 62, del: 18, heal: 7 } as const;
/** Keys are drawn from a small space so that writes collide. */
export const KEY_SPACE = 40;
/** A killed node stays down for up to this many operations (writes to it are refused). */
const MAX_DOWN_OPS = 12;
/** Operations between settles: enough rounds for quantiles in a run of a few hundred. */
export const SETTLE_EVERY_OPS = 25;
/** Probabilities drawn for loss, duplication and reordering go up to these. */
const MAX_P = { loss: 0.3, duplicate: 0.5, reorder: 0.5 } as const;
/** Latency drawn: fixed and uniform up to 100 ms, exponential with a mean up to 40 ms. */
const MAX_LATENCY_MS = 100;
const MAX_MEAN_LATENCY_MS = 40;
/** A node's clock is skewed by up to 5 s either way (a badly synced clock, not a broken one). */
const MAX_SKEW_MS = 5_000;

type Draw = () => number;

/** A random latency distribution of one of the three shapes. */
function latency(random: Draw): LatencyDist {
  const shape = below(random, 3);
  if (shape === 0) return { dist: 'fixed', ms: below(random, MAX_LATENCY_MS + 1) };
  if (shape === 1) {
    const minMs = below(random, MAX_LATENCY_MS / 2);
    return { dist: 'uniform', minMs, maxMs: minMs + below(random, MAX_LATENCY_MS / 2) };
  }
  return { dist: 'exponential', meanMs: 1 + below(random, MAX_MEAN_LATENCY_MS) };
}

/** A probability up to max, in hundredths. */
const p = (random: Draw, max: number) => Math.round(random() * max * 100) / 100;

/** Another node than `node`, of 1..n. */
function other(random: Draw, n: number, node: number): number {
  const k = 1 + below(random, n - 1);
  return k >= node ? k + 1 : k;
}

/** One fault of `kind` on `node`; undefined when the cluster is too small for it. */
function fault(kind: FaultKind, node: number, n: number, random: Draw): Step | undefined {
  const id = 0;
  switch (kind) {
    case 'partition': {
      const peers = [...Array(n).keys()].map((i) => i + 1).filter((k) => k !== node);
      const cut = peers.filter(() => random() < 0.5);
      return cut.length > 0 ? { id, op: 'partition', node, peers: cut } : undefined;
    }
    case 'crash':
      return { id, op: 'crash', node };
    case 'latency':
      return {
        id,
        op: 'latency',
        node,
        peer: random() < 0.5 ? null : other(random, n, node),
        latency: latency(random),
      };
    case 'loss':
    case 'duplicate':
    case 'reorder':
      return { id, op: kind, node, p: p(random, MAX_P[kind]) };
    case 'asymmetric':
      return { id, op: 'asymmetric', node, peer: other(random, n, node) };
    case 'bridge': {
      if (n < 3) return undefined;
      const rest = [...Array(n).keys()].map((i) => i + 1).filter((k) => k !== node);
      rest.sort(() => random() - 0.5);
      const cut = 1 + below(random, rest.length - 1);
      return { id, op: 'bridge', node, halves: [rest.slice(0, cut), rest.slice(cut)] };
    }
    case 'skew':
      return { id, op: 'skew', node, ms: Math.round((random() * 2 - 1) * MAX_SKEW_MS) };
  }
}

/** The schedule of `ops` operations on `n` nodes from `seed`, injecting only `kinds`. */
export function makeSchedule(
  seed: number,
  n: number,
  ops: number,
  kinds: readonly FaultKind[],
): Schedule {
  const random = rng(seed);
  const steps: Step[] = [];
  const down = new Map<number, number>();
  const restartDue = (op: number) => {
    for (const [node, at] of [...down].sort((a, b) => a[0] - b[0]))
      if (at <= op) {
        steps.push({ id: 0, op: 'restart', node });
        down.delete(node);
      }
  };
  for (let op = 0; op < ops; op++) {
    if (op > 0 && op % SETTLE_EVERY_OPS === 0) {
      restartDue(Number.POSITIVE_INFINITY);
      steps.push({ id: 0, op: 'settle' });
    }
    restartDue(op);
    const roll = random() * 100;
    const node = 1 + below(random, n);
    const write = (isPut: boolean): Step => ({
      id: 0,
      op: isPut ? 'put' : 'del',
      node,
      key: below(random, KEY_SPACE),
      direct: random() < 0.3,
    });
    if (roll < SHARE.put + SHARE.del) steps.push(write(roll < SHARE.put));
    else if (roll < SHARE.put + SHARE.del + SHARE.heal || kinds.length === 0)
      steps.push({ id: 0, op: 'heal', node });
    else {
      const kind = kinds[below(random, kinds.length)]!;
      const step = kind === 'crash' && down.has(node) ? undefined : fault(kind, node, n, random);
      if (step === undefined) steps.push(write(true));
      else {
        steps.push(step);
        if (step.op === 'crash') down.set(node, op + 1 + below(random, MAX_DOWN_OPS));
      }
    }
  }
  restartDue(Number.POSITIVE_INFINITY);
  steps.push({ id: 0, op: 'settle' });
  return { nodes: n, faults: [...kinds], steps: steps.map((s, id) => ({ ...s, id })) };
}
