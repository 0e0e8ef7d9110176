// Event-loop delay gauges that pass `promtool check metrics`: prom-client's own read its
// histogram as it is, so before the first sample they said min 9223372036.85 s and mean NaN.
// Here a window with no sample keeps the last figures (0 before any): never a sentinel.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { Registry } from 'prom-client';
import { LOOP_DELAY_RESOLUTION_MS } from '../constants.js';

const STATS = ['min', 'max', 'mean', 'stddev', 'p50', 'p90', 'p99'] as const;
type Stat = (typeof STATS)[number];

/** prom-client's metrics replaced here: the histogram ones, and gauges named like counters. */
export const REPLACED_DEFAULTS = [
  ...STATS.map((s) => `nodejs_eventloop_lag_${s}_seconds`),
  // Gauges must not end in _total (promtool); the labelled gauges of the same name stay.
  'nodejs_active_resources_total',
  'nodejs_active_handles_total',
  'nodejs_active_requests_total',
];

/** Removes the metrics above from `registry` and registers the event-loop delay gauges. */
export async function registerLoopLag(registry: Registry, prefix: string): Promise<void> {
  const { Gauge } = await import('prom-client');
  for (const name of REPLACED_DEFAULTS) registry.removeSingleMetric(`${prefix}${name}`);
  const histogram = monitorEventLoopDelay({ resolution: LOOP_DELAY_RESOLUTION_MS });
  histogram.enable();
  const last: Record<Stat, number> = { min: 0, max: 0, mean: 0, stddev: 0, p50: 0, p90: 0, p99: 0 };
  const read = () => {
    if (histogram.count === 0) return;
    const ns: Record<Stat, number> = {
      min: histogram.min,
      max: histogram.max,
      mean: histogram.mean,
      stddev: histogram.stddev,
      p50: histogram.percentile(50),
      p90: histogram.percentile(90),
      p99: histogram.percentile(99),
    };
    for (const s of STATS) last[s] = ns[s] / 1e9;
    histogram.reset();
  };
  for (const stat of STATS) {
    new Gauge({
      name: `${prefix}nodejs_eventloop_lag_${stat}_seconds`,
      help: `The ${stat} of the event-loop delay since the previous scrape that saw a sample.`,
      registers: [registry],
      collect() {
        // The first gauge of a scrape reads the window; the others use the same figures.
        if (stat === 'min') read();
        this.set(last[stat]);
      },
    });
  }
}
