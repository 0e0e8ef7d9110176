// Scales of the report's plots (pure): a value on an axis -> a pixel, with the ticks to draw.
// Linear axes end on round numbers (1, 2 or 5 times a power of ten); log2 axes tick at powers of 2.

/** A map from data to pixels, with the tick values an axis shows. */
export interface Scale {
  (value: number): number;
  readonly domain: readonly [number, number];
  readonly ticks: readonly number[];
  readonly kind: 'linear' | 'log2';
}

/** The round step (1, 2 or 5 × 10^k) that cuts `span` into at most `count` intervals. */
export function niceStep(span: number, count: number): number {
  if (!(span > 0)) return 1;
  const rough = span / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(rough));
  for (const m of [1, 2, 5, 10]) if (m * power >= rough) return m * power;
  return 10 * power;
}

/** 0 (or the data's minimum, if negative) up to the data's maximum rounded up to a tick. */
export function linearScale(
  dataMin: number,
  dataMax: number,
  range: readonly [number, number],
  maxTicks: number,
): Scale {
  const lo0 = Math.min(0, dataMin);
  const hi0 = dataMax > lo0 ? dataMax : lo0 + 1;
  const step = niceStep(hi0 - lo0, maxTicks);
  const lo = Math.floor(lo0 / step) * step;
  const hi = Math.ceil(hi0 / step) * step;
  const ticks: number[] = [];
  for (let i = 0; lo + i * step <= hi + step / 1e6; i++) ticks.push(clean(lo + i * step));
  const [r0, r1] = range;
  const scale = (v: number) => r0 + ((v - lo) / (hi - lo)) * (r1 - r0);
  return Object.assign(scale, { domain: [lo, hi] as const, ticks, kind: 'linear' as const });
}

/**
 * From the power of 2 at or below the minimum to the one at or above the maximum; every power
 * is a tick unless that makes more than maxTicks, then every 2nd, 3rd… from the first, and the
 * axis goes up to the next tick.
 */
export function log2Scale(
  dataMin: number,
  dataMax: number,
  range: readonly [number, number],
  maxTicks: number,
): Scale {
  if (!(dataMin > 0)) throw new RangeError(`a log2 axis needs positive values, not ${dataMin}`);
  const e0 = Math.floor(Math.log2(dataMin));
  const top = Math.max(e0 + 1, Math.ceil(Math.log2(Math.max(dataMin, dataMax))));
  const every = Math.max(1, Math.ceil((top - e0) / Math.max(1, maxTicks - 1)));
  // The axis ends on a tick: its top is raised to the next power that is one.
  const e1 = e0 + every * Math.ceil((top - e0) / every);
  const ticks: number[] = [];
  for (let e = e0; e <= e1; e += every) ticks.push(2 ** e);
  const [r0, r1] = range;
  const scale = (v: number) => r0 + ((Math.log2(v) - e0) / (e1 - e0)) * (r1 - r0);
  return Object.assign(scale, {
    domain: [2 ** e0, 2 ** e1] as const,
    ticks,
    kind: 'log2' as const,
  });
}

/** The smallest and largest of the values (a loop: a million of them would overflow a spread). */
export function extent(values: readonly number[]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return values.length === 0 ? [0, 0] : [lo, hi];
}

/** 0.1 + 0.2 prints as 0.3: ticks are rounded to 12 significant digits. */
function clean(x: number): number {
  return Number(x.toPrecision(12));
}
