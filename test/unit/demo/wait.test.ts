// A story's wait gives up at its deadline with an error that names what it waited for.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { until } from '../../../demo/wait.js';

test('a wait past its deadline throws deadline_passed, naming what it waited for', async () => {
  let asked = 0;
  await assert.rejects(
    until('node-1 to replay its hints', 100, async () => {
      asked += 1;
      return false;
    }),
    (error: Error & { code?: string }) => {
      assert.equal(error.code, 'deadline_passed');
      assert.match(error.message, /waiting for node-1 to replay its hints after 100 ms/);
      return true;
    },
  );
  assert.ok(asked > 1, `polled ${asked} times`);
});

test('a wait returns once its condition holds', async () => {
  let asked = 0;
  await until('the third look', 10_000, async () => ++asked === 3);
  assert.equal(asked, 3);
});
