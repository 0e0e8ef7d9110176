// The kinds of target the benchmark's table (targets.ts) is made of, each a TargetSpec that
// reads one figure from a result: bytes per E, identical replicas, round trips at 1M keys, the
// full exchange beside the walk, a share of bare node:http and a start-up beside node -e 0.
import type { BenchResult, TargetSpec } from './result.js';
import type { ExchangeRow } from './exchange.js';
import type { ThroughputRow } from './throughput.js';
import { LARGE_SIZE, MID_SIZE } from './sizes.js';
import type { Strategy } from '../api/strategies.js';

const row = (r: BenchResult, strategy: Strategy, keys: number, divergence: number) =>
  r.exchange?.find(
    (x) => x.strategy === strategy && x.keys === keys && x.divergence === divergence && !x.failed,
  );
export const fixed = (x: number, digits = 2, suffix = '') => ({
  value: x,
  shown: `${x.toFixed(digits)}${suffix}`,
});
export const count = (n: number) => n.toLocaleString('en-US');
const pct = (d: number) => `${+(d * 100).toFixed(2)}%`;

/** Bytes of one exchange over E, the differing entries' own size. */
export function bytesPerE(
  strategy: Strategy,
  keys: number,
  d: number,
  limit: number,
  why: string,
): TargetSpec {
  return {
    name: `${strategy}: bytes/E at ${pct(d)} of ${keys / 1000}k keys`,
    measure: (r) => {
      const x = row(r, strategy, keys, d);
      if (x?.ratio == null) return undefined;
      const fell = x.riblt?.fallback ? ' (fell back to the walk)' : '';
      return { value: x.ratio, shown: `${x.ratio.toFixed(2)}${fell}` };
    },
    limit: { atMost: limit },
    unit: '',
    why,
  };
}

/**
 * Identical replicas as they are met in steady state: the worst over sizes of one figure of a
 * strategy's exchange, leaving out a riblt pair's first one (it opens with samples: its last
 * exchange did not end in sync, as after a start; the report shows it beside).
 */
export function identical(
  strategy: Strategy,
  what: 'roundTrips' | 'bodyBytes',
  limit: number,
  unit: string,
  why: string,
): TargetSpec {
  return {
    name: `${strategy}: identical replicas, ${what === 'roundTrips' ? 'round trips' : 'bytes'}`,
    measure: (r) => {
      const same =
        r.exchange?.filter(
          (x) => x.strategy === strategy && x.divergence === 0 && x.riblt?.opening !== 'samples',
        ) ?? [];
      if (same.length === 0) return undefined;
      const worst = Math.max(...same.map((x) => x[what]));
      return { value: worst, shown: `${worst}${unit}` };
    },
    limit: { atMost: limit },
    unit,
    why,
  };
}

/** The most round trips over the 1M-key points of a strategy (those that pass `counts`). */
export function tripsAtMillion(
  strategy: Strategy,
  counts: (x: ExchangeRow) => boolean,
  limit: number,
  why: string,
): TargetSpec {
  return {
    name: `${strategy}: round trips at ${count(LARGE_SIZE)} keys`,
    measure: (r) => {
      const rows =
        r.exchange?.filter(
          (x) => x.strategy === strategy && x.keys === LARGE_SIZE && x.divergence > 0 && counts(x),
        ) ?? [];
      if (rows.length === 0) return undefined;
      const worst = Math.max(...rows.map((x) => x.roundTrips));
      return {
        value: worst,
        shown: rows.map((x) => `${x.roundTrips} at ${pct(x.divergence)}`).join(', '),
      };
    },
    limit: { atMost: limit },
    unit: '',
    why,
  };
}

/** The full exchange's figure over the Merkle walk's, at 1% of 100k keys. */
export function versusFull(what: 'bodyBytes' | 'wallMs', limit: number, why: string): TargetSpec {
  return {
    name: `vs full exchange at 1% of 100k: ${what === 'bodyBytes' ? 'times fewer bytes' : 'times less time'}`,
    measure: (r) => {
      const [merkle, full] = [row(r, 'merkle', MID_SIZE, 0.01), row(r, 'full', MID_SIZE, 0.01)];
      return merkle && full ? fixed(full[what] / merkle[what], 1, 'x') : undefined;
    },
    limit: { atLeast: limit },
    unit: 'x',
    why,
  };
}

/** A node target's share of bare node:http: the median over rounds of its run against the bare runs around it. */
export function share(target: ThroughputRow['target'], limit: number, why: string): TargetSpec {
  return ofRounds(`${target}, share of bare node:http`, target, 'ofBare', limit, why);
}

/** Replicated PUT, nobody listening to its records, over the same round's run recording none. */
export function recordsWhenUnwatched(limit: number, why: string): TargetSpec {
  const name = 'replicated PUT, records unwatched, over no records at all';
  return ofRounds(name, 'replicated PUT', 'ofUnrecorded', limit, why);
}

/** A throughput row's ratio (a median over the rounds), at least `limit`. */
function ofRounds(
  name: string,
  target: ThroughputRow['target'],
  ratio: 'ofBare' | 'ofUnrecorded',
  limit: number,
  why: string,
): TargetSpec {
  return {
    name,
    measure: (r) => {
      const x = r.throughput?.find((t) => t.target === target)?.[ratio];
      return x === undefined
        ? undefined
        : { value: x, shown: `${x.toFixed(2)} (median of ${r.settings.rounds} rounds)` };
    },
    limit: { atLeast: limit },
    unit: '',
    why,
  };
}

/** A start-up time over `node -e 0`'s in the same run. */
export function timesBare(
  what: 'nodeReadyMs' | 'runJsonMs',
  name: string,
  limit: number,
  why: string,
): TargetSpec {
  return {
    name: `${name}, times node -e 0`,
    measure: (r) => {
      const s = r.startup?.ratios;
      if (!s) return undefined;
      const x = s[what] / s.bareMs;
      return {
        value: x,
        shown: `${x.toFixed(2)}x (${s[what].toFixed(0)} / ${s.bareMs.toFixed(0)} ms)`,
      };
    },
    limit: { atMost: limit },
    unit: 'x',
    why,
  };
}
