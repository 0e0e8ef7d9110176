// A command notices that the process that started it has gone: its parent id changes.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { startedThroughNpm, watchParent } from '../../../../src/cli/lifecycle/parent.js';
import { until } from '../../../helpers/poll.js';

describe('watchParent', () => {
  it('calls back once when the parent id changes (the process was handed to init)', async () => {
    let parent = 4242;
    let calls = 0;
    const stop = watchParent(
      () => (calls += 1),
      () => parent,
      5,
    );
    try {
      await new Promise((resolve) => setTimeout(resolve, 30));
      assert.equal(calls, 0, 'the same parent: nothing to do');
      parent = 1;
      await until('the watch to notice', async () => calls === 1, 2_000);
      await new Promise((resolve) => setTimeout(resolve, 30));
      assert.equal(calls, 1, 'once');
    } finally {
      stop();
    }
  });

  it('stopped, it calls nothing', async () => {
    let parent = 7;
    let calls = 0;
    const stop = watchParent(
      () => (calls += 1),
      () => parent,
      5,
    );
    stop();
    parent = 1;
    await new Promise((resolve) => setTimeout(resolve, 30));
    assert.equal(calls, 0);
  });
});

describe('startedThroughNpm', () => {
  it('is true under npx, npm exec and npm run, which set npm_command', () => {
    assert.equal(startedThroughNpm({ npm_command: 'exec' }), true);
    assert.equal(startedThroughNpm({ npm_command: 'run-script' }), true);
  });

  it('is false from a shell', () => {
    assert.equal(startedThroughNpm({}), false);
    assert.equal(startedThroughNpm({ npm_command: '' }), false);
  });
});
