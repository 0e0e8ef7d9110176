// A node's replicated PUTs a second in each conflict mode, over HTTP (autocannon, 32
// connections, as the throughput phase), beside each other in one run: rounds of one lww run
// and one siblings run, in alternating order, each on a fresh three-node cluster, and the
// siblings share is the median over rounds of its run over the lww run of the same round, so a
// slow spell of the machine moves a round, not the figure.
import { freeBasePort } from '../cluster/ports.js';
import type { ConflictMode } from '../api/conflicts.js';
import { median, pairedShare } from './bracket.js';
import { cannon, onFreshCluster, replicated } from './throughput.js';
import type { PhaseStep } from './step.js';

/** Rounds of the two modes; seconds measured per run (after the same warm-up as throughput). */
export const HTTP_WRITE_ROUNDS = 3;
export const HTTP_WRITE_SECONDS = 3;

export interface HttpWriteRates {
  /** Each mode's median run, in requests a second. */
  perSecond: Record<ConflictMode, number>;
  /** siblings over lww: the median over rounds of the two runs of one round. */
  siblingsShare: number;
  /** Errors and non-2xx answers over every run. */
  errors: number;
}

export async function httpWriteRates(step: PhaseStep, from: number): Promise<HttpWriteRates> {
  const basePort = await freeBasePort(3);
  const runs: Record<ConflictMode, number[]> = { lww: [], siblings: [] };
  let errors = 0;
  const modes: ConflictMode[] = ['lww', 'siblings'];
  for (let round = 0; round < HTTP_WRITE_ROUNDS; round++) {
    for (const mode of round % 2 === 0 ? modes : [...modes].reverse()) {
      const run = await onFreshCluster(
        basePort,
        (first) => cannon(mode, replicated(first), HTTP_WRITE_SECONDS),
        undefined,
        ['--conflicts', mode],
      );
      runs[mode].push(run.requestsPerSecond);
      errors += run.errors;
      const done = runs.lww.length + runs.siblings.length;
      step.done(from + ((1 - from) * done) / (HTTP_WRITE_ROUNDS * 2));
    }
  }
  step.log(
    `replicated PUT/s, lww ${runs.lww.map((n) => n.toFixed(0)).join(', ')}; ` +
      `siblings ${runs.siblings.map((n) => n.toFixed(0)).join(', ')}`,
  );
  return {
    perSecond: { lww: median(runs.lww), siblings: median(runs.siblings) },
    siblingsShare: pairedShare(runs.siblings, runs.lww),
    errors,
  };
}
