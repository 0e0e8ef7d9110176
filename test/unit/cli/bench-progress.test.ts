// The benchmark's progress off a terminal: a line when a phase starts with the time left (of
// the phase and of the phases after it), the phase's own lines, a line with the time left after
// a quiet spell (never a silent minute), and a line when it ends.
import assert from 'node:assert/strict';
import { describe, it, mock } from 'node:test';
import { stripVTControlCharacters } from 'node:util';
import { benchProgress, took } from '../../../src/cli/render/bench-progress.js';
import { aboutTime, timeLeftMs } from '../../../src/bench/phases.js';
import type { PhasePlan } from '../../../src/bench/run.js';
import type { PhaseStep } from '../../../src/bench/step.js';

/**
 * Plays one phase under the progress with a hand-turned clock: `work` gets the step and
 * `seconds(from, to)`, which moves the clock (and the timers) a second at a time. Returns every
 * line written, colour aside.
 */
async function played(
  plan: PhasePlan,
  work: (step: PhaseStep, seconds: (from: number, to: number) => void) => void,
  columns?: number,
): Promise<string[]> {
  mock.timers.enable({ apis: ['setInterval'] });
  try {
    const lines: string[] = [];
    let clock = 0;
    const out = {
      write: (t: string) => lines.push(stripVTControlCharacters(t)),
      columns,
    };
    const seconds = (from: number, to: number) => {
      for (let s = from; s <= to; s++) {
        clock = s * 1000;
        mock.timers.tick(1000);
      }
    };
    await benchProgress(out, () => clock).phase(plan, async (step) => work(step, seconds));
    return lines;
  } finally {
    mock.timers.reset();
  }
}

/** A phase's plan: index of count, its title, its expected time and the phases' after it. */
function planOf(
  phase: PhasePlan['phase'],
  [index, count]: [number, number],
  title: string,
  expectedMs: number,
  laterMs: number,
): PhasePlan {
  return { phase, index, count, title, expectedMs, laterMs };
}

describe('bench progress', () => {
  it('says the phase, the time left, and something at least every 20 s', async () => {
    const plan = planOf('tree', [2, 3], 'tree: cost per write', 60_000, 120_000);
    const lines = await played(plan, (step, seconds) => {
      seconds(1, 25);
      step.done(0.5);
      step.log('1,000 keys: 34 ns');
      seconds(26, 51);
    });
    assert.deepEqual(lines, [
      '[2/3] tree: cost per write (about 60 s left; all: about 3 min)\n',
      '[2/3] tree: about 40 s left; all: about 3 min\n',
      '1,000 keys: 34 ns\n',
      // 20 s after the last line, at 45 s with half the work done: about 45 s to go.
      '[2/3] tree: about 45 s left; all: about 3 min\n',
      '✔ tree: cost per write  51.0 s\n',
    ]);
  });

  it('says the phase runs longer than usual instead of "a few seconds" over and over', async () => {
    const plan = planOf('simulate', [1, 2], 'simulate', 10_000, 60_000);
    const lines = await played(plan, (_step, seconds) => seconds(1, 25));
    assert.equal(lines[1], '[1/2] simulate: longer than usual, 20.0 s so far; then about 60 s\n');
  });

  it('wraps a measured point between words on a terminal of 80 columns', async () => {
    const plan = planOf('exchange', [1, 1], 'exchange', 60_000, 0);
    const point =
      'riblt  N=10000 d=1.0%  6 RT  14347 B  68 ms  (fell back: the roots still differ once ' +
      'the decoded difference moved (a hash collision, or the peer changed meanwhile))';
    const lines = await played(plan, (step) => step.log(point), 80);
    const written = lines.find((l) => l.startsWith('riblt'))!;
    const rows = written.trimEnd().split('\n');
    assert.ok(rows.length > 1, written);
    for (const row of rows) assert.ok(row.length <= 80, row);
    assert.equal(rows.map((r) => r.trim()).join(' '), point.replace(/ {2,}/g, '  '));
  });

  it('estimates from the phase’s own progress once it has some, never below zero', () => {
    assert.equal(timeLeftMs(60_000, 10_000, 0), 50_000);
    assert.equal(timeLeftMs(60_000, 90_000, 0), 0);
    assert.equal(timeLeftMs(60_000, 30_000, 0.75), 10_000);
    assert.equal(timeLeftMs(60_000, 30_000, 1), 0);
    assert.deepEqual([3_000, 42_000, 150_000].map(aboutTime), [
      'a few seconds',
      'about 40 s',
      'about 3 min',
    ]);
    assert.deepEqual([12_345, 125_000].map(took), ['12.3 s', '2 min 5 s']);
  });
});
