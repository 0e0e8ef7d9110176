import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { calibratedMicros, HybridClock } from '../../../src/node/replica/hlc.js';
import { compareVersions, formatWallClock } from '../../../src/api/version.js';

describe('hybrid logical clock', () => {
  it('is strictly monotonic when the wall clock stands still or goes back', () => {
    let now = 1_000_000;
    const clock = new HybridClock('a', () => now);
    const seen = [clock.tick(), clock.tick()];
    now -= 500;
    seen.push(clock.tick(), clock.tick());
    now += 10_000;
    seen.push(clock.tick());
    for (let i = 1; i < seen.length; i++)
      assert.ok(compareVersions(seen[i]!, seen[i - 1]!) > 0, `version ${i} orders after ${i - 1}`);
    assert.equal(seen[4]!.wall, now);
    assert.equal(seen[4]!.logical, 0);
  });

  it('issues thousands of distinct, ordered versions within one microsecond', () => {
    const clock = new HybridClock('a', () => 42);
    let last = clock.tick();
    for (let i = 0; i < 5000; i++) {
      const next = clock.tick();
      assert.ok(compareVersions(next, last) > 0);
      last = next;
    }
    assert.equal(last.wall, 42);
    assert.equal(last.logical, 5000);
  });

  it('advances past a version received from a node whose clock runs ahead', () => {
    const behind = new HybridClock('slow', () => 1_000);
    const ahead = new HybridClock('fast', () => 9_000_000);
    const remote = ahead.tick();
    behind.observe(remote);
    const local = behind.tick();
    assert.ok(
      compareVersions(local, remote) > 0,
      'a write after seeing a newer one wins, despite the slow clock',
    );
    assert.equal(local.wall, remote.wall);
  });

  it('keeps the larger logical counter when both sides share a wall time', () => {
    const a = new HybridClock('a', () => 5);
    const b = new HybridClock('b', () => 5);
    for (let i = 0; i < 10; i++) a.tick();
    const fromA = a.tick();
    b.tick();
    b.observe(fromA);
    assert.ok(compareVersions(b.tick(), fromA) > 0);
  });

  it('formats wall time to the microsecond in UTC', () => {
    assert.equal(
      formatWallClock(Date.UTC(2026, 10, 27, 12, 51, 7) * 1000 + 123456),
      '12:51:07.123456',
    );
  });
});

/** A machine whose reads cost `readMicros` and where the process may be preempted between reads. */
function machine(monoOffset: number, preempt: (read: number) => number) {
  let real = 1_700_000_123.4; // µs, not on a millisecond edge (small, so 0.05 µs steps are exact enough)
  let reads = 0;
  const advance = () => {
    real += 0.05 + preempt(reads++);
  };
  return {
    real: () => real,
    sources: {
      wallMs: () => {
        advance();
        return Math.floor(real / 1000);
      },
      monoMicros: () => {
        advance();
        return real - monoOffset;
      },
    },
  };
}

describe('calibrated wall clock', () => {
  it('agrees with real time to a microsecond, however the process is preempted', () => {
    let seed = 7;
    const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    for (const [offset, pause] of [
      [0, 0],
      [123_456_789, 900],
      [-5_000_000, 3_000],
    ] as const) {
      const m = machine(offset, () => (random() < 0.05 ? random() * pause : 0));
      const now = calibratedMicros(m.sources);
      for (let i = 0; i < 100; i++) {
        const read = now();
        assert.ok(read <= m.real(), `never ahead of real time (${read} vs ${m.real()})`);
        assert.ok(m.real() - read < 2 + pause, 'behind by at most the last pause');
      }
      const quiet = machine(offset, () => 0);
      const exact = calibratedMicros(quiet.sources);
      assert.ok(quiet.real() - exact() < 2, 'exact to a read when nothing preempts');
    }
  });

  it('two processes with different monotonic origins agree when one was preempted at start', () => {
    const a = machine(42, () => 0);
    const b = machine(-999_999, (read) => (read === 1 ? 800 : 0));
    const clockA = calibratedMicros(a.sources);
    const clockB = calibratedMicros(b.sources);
    assert.ok(Math.abs(a.real() - clockA() - (b.real() - clockB())) < 2);
  });

  it('shifts by --clock-skew-ms', () => {
    const m = machine(0, () => 0);
    const now = calibratedMicros(m.sources, 2);
    assert.ok(Math.abs(now() - (m.real() + 2000)) < 2);
  });
});
