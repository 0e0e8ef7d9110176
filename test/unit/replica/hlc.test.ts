import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { HybridClock } from '../../../src/node/replica/hlc.js';
import { compareVersions, formatWallClock } from '../../../src/node/replica/version.js';

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
