// A command notices that the process that started it has gone: its parent id changes.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  PARENT_POLL_MS,
  startedThroughNpm,
  watchParent,
  type Ticker,
} from '../../../../src/cli/lifecycle/parent.js';

/** A ticker turned by hand: `tick()` runs the check as the interval would, while not stopped. */
function handTicker(): {
  every: Ticker;
  tick: () => void;
  stopped: () => boolean;
  ms: () => number;
} {
  let check: (() => void) | undefined;
  let period = 0;
  let stopped = false;
  return {
    every: (tick, ms) => {
      check = tick;
      period = ms;
      return () => (stopped = true);
    },
    tick: () => {
      if (!stopped) check?.();
    },
    stopped: () => stopped,
    ms: () => period,
  };
}

describe('watchParent', () => {
  it('calls back once when the parent id changes (the process was handed to init)', () => {
    let parent = 4242;
    let calls = 0;
    const hand = handTicker();
    const stop = watchParent(
      () => (calls += 1),
      () => parent,
      hand.every,
    );
    assert.equal(hand.ms(), PARENT_POLL_MS);
    hand.tick();
    hand.tick();
    assert.equal(calls, 0, 'the same parent: nothing to do');
    parent = 1;
    hand.tick();
    assert.equal(calls, 1, 'noticed at the next check');
    assert.ok(hand.stopped(), 'the watch stops itself once it has called back');
    hand.tick();
    assert.equal(calls, 1, 'once');
    stop();
  });

  it('stopped, it calls nothing', () => {
    let parent = 7;
    let calls = 0;
    const hand = handTicker();
    const stop = watchParent(
      () => (calls += 1),
      () => parent,
      hand.every,
    );
    stop();
    assert.ok(hand.stopped());
    parent = 1;
    hand.tick();
    assert.equal(calls, 0);
  });

  it('with the real interval, its timer keeps nothing alive and stops', () => {
    const stop = watchParent(() => assert.fail('the parent did not change'));
    stop();
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
