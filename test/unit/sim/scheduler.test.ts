import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Scheduler } from '../../../src/sim/scheduler.js';
import { rng } from '../../../src/sim/random.js';

test('virtual time never goes backwards and ties run in scheduling order', async () => {
  const s = new Scheduler();
  const random = rng(7);
  const seen: { t: number; id: number }[] = [];
  for (let id = 0; id < 500; id++) {
    const at = Math.floor(random() * 50);
    s.at(at, () => {
      seen.push({ t: s.now, id });
      // Events scheduled from events, some in the "past", which means now.
      if (id % 3 === 0) s.at(s.now - 10, () => seen.push({ t: s.now, id: 1000 + id }));
    });
  }
  assert.equal(await s.run(Infinity), 'idle');
  assert.equal(seen.length, 500 + 167);
  for (let i = 1; i < seen.length; i++)
    assert.ok(seen[i]!.t >= seen[i - 1]!.t, `event ${i} went back`);
});

test('promises settled by an event run before the next event, at its time', async () => {
  const s = new Scheduler();
  const times: number[] = [];
  const chain = async () => {
    await s.sleep(5);
    times.push(s.now);
    await s.sleep(5);
    times.push(s.now);
  };
  void chain();
  s.at(7, () => times.push(-s.now));
  assert.equal(await s.run(100), 'idle');
  assert.deepEqual(times, [5, -7, 10]);
});

test('run stops at the limit and when told', async () => {
  const s = new Scheduler();
  let n = 0;
  for (let t = 1; t <= 10; t++) s.at(t, () => (n += 1));
  assert.equal(await s.run(4), 'limit');
  assert.equal(n, 4);
  assert.equal(await s.run(100, () => n === 6), 'stopped');
  assert.equal(s.now, 6);
});
