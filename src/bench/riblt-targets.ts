// The rateless strategy's targets: bytes within a little of the entries that must move at every
// size, a few round trips, identical replicas in one small round trip, no more CPU than the walk,
// the worst of many seeds close to the mean, and after a sync a fourth round trip rare.
import type { BenchResult, TargetSpec } from './result.js';
import type { ExchangeRow } from './exchange.js';
import { AFTER_SYNC_SEEDS, SEEDS } from './seeded.js';
import { LARGE_SIZE, MID_SIZE } from './sizes.js';
import { bytesPerE, count, identical } from './target-kinds.js';

const cpu = (x: ExchangeRow) => x.cpuMs.initiator + x.cpuMs.responder;
const pct = (d: number) => `${+(d * 100).toFixed(2)}%`;

/** riblt's rows with a difference, in one run. */
const differing = (r: BenchResult) =>
  r.exchange?.filter((x) => x.strategy === 'riblt' && x.divergence > 0) ?? [];

export const RIBLT_TARGETS: readonly TargetSpec[] = [
  ...[MID_SIZE, LARGE_SIZE].flatMap((keys) =>
    [0.001, 0.01, 0.1].map((d) =>
      bytesPerE(
        'riblt',
        keys,
        d,
        1.15,
        'the entries cost ~0.9 x E on the wire; 10-byte symbols at ~1.4-1.6 an item add ' +
          '0.2-0.25; more means symbols the difference did not need',
      ),
    ),
  ),
  {
    name: 'riblt: round trips at every size and divergence',
    measure: (r) => {
      const rows = differing(r);
      if (rows.length === 0) return undefined;
      const worst = Math.max(...rows.map((x) => x.roundTrips));
      const at = rows.filter((x) => x.roundTrips === worst);
      const where = at.map((x) => `${pct(x.divergence)} of ${count(x.keys)}`).join(', ');
      return { value: worst, shown: `${worst} (at ${where})` };
    },
    limit: { atMost: 3 },
    unit: '',
    why: 'the first symbols, the rest sized from them, and the entries',
  },
  identical('riblt', 'roundTrips', 1, '', 'equal roots settle in the first answer'),
  identical(
    'riblt',
    'bodyBytes',
    64,
    ' B',
    'equal replicas should cost a root and an empty answer, not a sample of symbols',
  ),
  {
    name: `riblt: CPU of an exchange at ${count(LARGE_SIZE)} keys, times the walk's`,
    measure: (r) => {
      const pairs = differing(r)
        .filter((x) => x.keys === LARGE_SIZE)
        .flatMap((x) => {
          const walk = r.exchange?.find(
            (w) => w.strategy === 'merkle' && w.keys === x.keys && w.divergence === x.divergence,
          );
          return walk ? [{ d: x.divergence, ratio: cpu(x) / Math.max(1, cpu(walk)) }] : [];
        });
      if (pairs.length === 0) return undefined;
      const worst = Math.max(...pairs.map((p) => p.ratio));
      const shown = pairs.map((p) => `${p.ratio.toFixed(2)} at ${pct(p.d)}`).join(', ');
      return { value: worst, shown };
    },
    limit: { atMost: 1 },
    unit: 'x',
    why: 'both nodes together, in the same run: the rateless exchange should not trade bytes for CPU',
  },
  {
    name: `riblt: bytes/E, worst of ${SEEDS} seeds at any point (in one process)`,
    measure: (r) => {
      const seeded = r.seeded?.filter((s) => !s.afterSync) ?? [];
      if (seeded.length === 0) return undefined;
      const worst = seeded.reduce((w, s) => (s.worstRatio > w.worstRatio ? s : w));
      const where = `${pct(worst.divergence)} of ${count(worst.keys)}`;
      const mean = worst.meanRatio.toFixed(3);
      return {
        value: worst.worstRatio,
        shown: `${worst.worstRatio.toFixed(3)} (${where}; mean there ${mean})`,
      };
    },
    limit: { atMost: 1.25 },
    unit: '',
    why: 'one run reads one seed: the unlucky ones must stay close to the mean',
  },
  {
    name: `riblt after a sync: exchanges with a fourth round trip, of ${AFTER_SYNC_SEEDS} seeds at any point`,
    measure: (r) => {
      const after = r.seeded?.filter((s) => s.afterSync) ?? [];
      if (after.length === 0) return undefined;
      const over = (s: (typeof after)[number]) =>
        Object.entries(s.roundTrips).reduce((n, [t, k]) => (Number(t) > 3 ? n + k : n), 0);
      const worst = after.reduce((w, s) => (over(s) > over(w) ? s : w));
      return {
        value: over(worst),
        shown: `${over(worst)} (at ${pct(worst.divergence)} of ${count(worst.keys)})`,
      };
    },
    limit: { atMost: 1 },
    unit: '',
    why:
      "the root-only opening sizes one batch from both sides' samples past their error: a " +
      'third is one more round trip',
  },
];
