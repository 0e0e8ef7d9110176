// --only: the benchmark runs the phases asked for, in their usual order, each under the progress
// reporter with its place, its usual length and that of the phases after it; the others never
// start, and their targets are not checked.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  runBench,
  type BenchProgress,
  type PhasePlan,
  type PhaseRun,
} from '../../../src/bench/run.js';
import { PHASES, type Phase } from '../../../src/bench/result.js';
import { parsePhases } from '../../../src/cli/specs/bench.js';
import { UsageError } from '../../../src/errors.js';

/** Phases that record that they ran and fill their part of the result with fixed figures. */
function fakeRuns(ran: Phase[]): Record<Phase, PhaseRun> {
  const run =
    (phase: Phase, part: object): PhaseRun =>
    async (step) => {
      ran.push(phase);
      step.done(1);
      return part;
    };
  const upkeep = { keys: 1_000_000, applyNs: 1, applyWithSketchNs: 1, sketchNs: 0, sketchBytes: 1 };
  return {
    exchange: run('exchange', { exchange: [] }),
    throughput: run('throughput', { throughput: [] }),
    tree: run('tree', { tree: { rows: [], upkeep } }),
    memory: run('memory', {
      memory: {
        keys: 1_000_000,
        bytesPerKey: 300,
        rssBytes: 3e8,
        upkeep: { keys: 1, bytesPerKey: 300, bytesPerKeyWithSketch: 301 },
      },
    }),
    startup: run('startup', {}),
    simulate: run('simulate', {}),
    conflicts: run('conflicts', { conflicts: [] }),
    repair: run('repair', { repair: [] }),
  };
}

describe('bench --only', () => {
  it('runs only the phases named, in the usual order, and checks only their targets', async () => {
    const ran: Phase[] = [];
    const plans: PhasePlan[] = [];
    const progress: BenchProgress = {
      phase: (plan, work) => {
        plans.push(plan);
        return work({ log: () => {}, done: () => {} });
      },
    };
    const result = await runBench(
      { phases: ['memory', 'tree'], large: false, durationS: 5, progress },
      fakeRuns(ran),
    );
    assert.deepEqual(ran, ['tree', 'memory']);
    assert.deepEqual(result.settings.phases, ['tree', 'memory']);
    assert.deepEqual(
      plans.map((p) => [p.phase, p.index, p.count]),
      [
        ['tree', 1, 2],
        ['memory', 2, 2],
      ],
    );
    assert.equal(plans[0]!.laterMs, plans[1]!.expectedMs);
    assert.equal(plans[1]!.laterMs, 0);
    assert.equal(result.exchange, undefined);
    assert.equal(result.throughput, undefined);
    assert.deepEqual(
      result.targets.map((t) => t.name),
      [
        'riblt upkeep: a write at 1,000,000 keys, times one without the sketch <= 2x',
        'riblt upkeep: bytes per key on top of the store <= 64 B',
        'RSS per key at 1,000,000 keys <= 450 B',
      ],
    );
  });

  it('takes a comma list of phase names, and refuses one it does not know', () => {
    assert.deepEqual(parsePhases(undefined), [...PHASES]);
    assert.deepEqual(parsePhases('simulate, exchange'), ['exchange', 'simulate']);
    assert.throws(
      () => parsePhases('exchange,trees'),
      (e: unknown) => e instanceof UsageError && /not "trees"/.test(e.message),
    );
  });
});
