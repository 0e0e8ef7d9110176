// chaos's --faults and --schedule: a list of known kinds or all, and a saved schedule read back
// whole or refused with one sentence.
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { makeSchedule } from '../../../demo/chaos/schedule.js';
import { rerunCommand } from '../../../src/cli/commands/chaos.js';
import { parseFaults, readSchedule } from '../../../src/cli/flags/schedule.js';
import { FAULT_KINDS } from '../../../src/story/chaos.js';

describe('chaos --faults', () => {
  it('a list, with repeats and spaces; all means every kind', () => {
    assert.deepEqual(parseFaults('loss, latency,loss'), ['loss', 'latency']);
    assert.deepEqual(parseFaults('all'), [...FAULT_KINDS]);
  });

  it('an unknown kind or nothing: a usage error naming the kinds', () => {
    for (const raw of ['loss,lag', '', ','])
      assert.throws(() => parseFaults(raw), { name: 'UsageError', message: /latency, loss/ }, raw);
  });
});

describe('chaos --schedule', () => {
  it('a saved schedule reads back as it was; a broken one is refused', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'ae-schedule-'));
    try {
      const schedule = makeSchedule(4, 3, 120, FAULT_KINDS);
      const file = path.join(dir, 's.json');
      await writeFile(file, JSON.stringify(schedule));
      assert.deepEqual(readSchedule(file, 3), schedule);
      assert.throws(() => readSchedule(file, 4), { name: 'UsageError', message: /add --nodes 3/ });
      const bad = path.join(dir, 'bad.json');
      for (const body of [
        'not json',
        '{"nodes": 3}',
        JSON.stringify({
          ...schedule,
          steps: [{ id: 0, op: 'put', node: 4, key: 1, direct: true }],
        }),
        JSON.stringify({ ...schedule, steps: [{ id: 0, op: 'loss', node: 1, p: 2 }] }),
        JSON.stringify({ ...schedule, steps: [{ id: 0, op: 'fly', node: 1 }] }),
      ]) {
        await writeFile(bad, body);
        assert.throws(() => readSchedule(bad, 3), { name: 'UsageError' }, body);
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('the command that replays it names the seed, the file, and nodes or strategy off default', () => {
    const o = { seed: 7, count: 3, strategy: 'merkle' as const };
    assert.equal(rerunCommand(o, '/t/s.json'), 'npx ae-demo chaos --seed 7 --schedule /t/s.json');
    assert.equal(
      rerunCommand({ ...o, count: 5, strategy: 'riblt' }, '/t/s.json'),
      'npx ae-demo chaos --seed 7 --schedule /t/s.json --nodes 5 --ae-strategy riblt',
    );
  });
});
