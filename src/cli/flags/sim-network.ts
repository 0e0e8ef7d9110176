// simulate's network flags checked: --latency (a distribution, in the words of the fault route's
// `latency`: fixed, uniform, exponential, each bound in whole ms), the probabilities (--loss,
// --duplicate, --reorder, --churn), the positive numbers and --partition FROM-TO.
import { UsageError } from '../../errors.js';
import { MAX_FAULT_LATENCY_MS, type LatencyDist } from '../../api/faults.js';
import type { SimOptions } from '../../sim/options.js';
import { parseDuration } from './values.js';

const FORMS = 'fixed:MS, uniform:MIN-MAX or exponential:MEAN (milliseconds)';

/** "fixed:5", "uniform:2-20", "exponential:10" -> the distribution, every bound checked. */
export function parseLatency(raw: string, flag: string): LatencyDist {
  const m = /^(fixed|uniform|exponential):(\d+)(?:-(\d+))?$/.exec(raw.trim());
  const bad = () => new UsageError(`${flag} takes ${FORMS}, not "${raw.slice(0, 40)}".`);
  if (!m) throw bad();
  const a = Number(m[2]);
  const b = m[3] === undefined ? undefined : Number(m[3]);
  if ((m[1] === 'uniform') !== (b !== undefined)) throw bad();
  if (Math.max(a, b ?? 0) > MAX_FAULT_LATENCY_MS)
    throw new UsageError(`${flag} bounds must be at most ${MAX_FAULT_LATENCY_MS} ms.`);
  if (m[1] === 'fixed') return { dist: 'fixed', ms: a };
  if (m[1] === 'exponential') return { dist: 'exponential', meanMs: a };
  if (b! < a) throw new UsageError(`${flag} uniform:MIN-MAX takes MIN no larger than MAX.`);
  return { dist: 'uniform', minMs: a, maxMs: b! };
}

/** --FLAG as a number from 0 to 1. */
export function fraction(value: unknown, flag: string): number {
  const x = Number(value);
  if (!(x >= 0 && x <= 1))
    throw new UsageError(`--${flag} must be a number from 0 to 1, not "${String(value)}".`);
  return x;
}

/** { key: p } when p is above 0, else nothing: a run without the fault has no such field. */
export function nonZero<K extends string>(key: K, p: number): Partial<Record<K, number>> {
  return p > 0 ? ({ [key]: p } as Record<K, number>) : {};
}

/** --FLAG as a positive, finite number. */
export function positive(value: unknown, flag: string): number {
  const x = Number(value);
  if (!(x > 0 && Number.isFinite(x)))
    throw new UsageError(`--${flag} must be a positive number, not "${String(value)}".`);
  return x;
}

/** A time from the start of the run that may be the start itself: 0, 0s, 0ms… */
const AT_START = /^0+(?:\.0*)?(?:ms|s|m|h|d)?$/;

/** --partition FROM-TO: the halves are apart from FROM to TO (simulated time; FROM may be 0s). */
export function partitionFrom(raw: string | undefined): Pick<SimOptions, 'partition'> {
  if (raw === undefined) return {};
  const m = /^([^-]+)-([^-]+)$/.exec(raw);
  const start = m?.[1]!.trim() ?? '';
  const from = m ? (AT_START.test(start) ? 0 : parseDuration(start, '--partition')) : NaN;
  const to = m ? parseDuration(m[2]!, '--partition') : NaN;
  if (!(to > from))
    throw new UsageError('--partition takes FROM-TO with FROM before TO, e.g. 0s-20s.');
  return { partition: { fromMs: from, toMs: to } };
}
