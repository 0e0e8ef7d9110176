import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  duration,
  MAX_MOMENTS,
  momentIndex,
  momentText,
  remember,
  stateAt,
  type Moment,
} from '../../../src/web/history.js';
import { apply, initialState, type WebEvent } from '../../../src/web/model.js';
import { Recorder } from '../../../src/web/recorder.js';
import { sample, scriptedRun } from '../../helpers/web.js';

/** The scripted run's events, one ms apart, and the moments they leave. */
function played(events: WebEvent[] = scriptedRun()) {
  const state = initialState();
  const history: Moment[] = [];
  events.forEach((event, at) => {
    apply(state, event);
    remember(history, state, event, at);
  });
  return { state, history };
}

describe('history: the moments the Time slider goes back to', () => {
  it('keeps the cards, the story and the verdict as they were at each moment', () => {
    const { state, history } = played();
    const divergedAt = history.findIndex((m) => new Set(m.samples.map((s) => s.root)).size > 1);
    assert.ok(divergedAt > 0, 'the nodes differed at some moment');
    const then = stateAt(state, history[divergedAt]!);
    assert.equal(then.verdict, null, 'no verdict yet then');
    assert.notEqual(state.verdict, null);
    assert.ok(then.sections.length < state.sections.length, 'fewer parts told then');
    assert.deepEqual(
      then.samples.map((s) => s.root),
      history[divergedAt]!.samples.map((s) => s.root),
    );
    // The newest moment is the present.
    const last = stateAt(state, history[history.length - 1]!);
    assert.deepEqual(last.samples, state.samples);
    assert.deepEqual(last.sections, state.sections);
  });

  it('makes no moment of a message, nor of an event that changed nothing shown', () => {
    const { state, history } = played();
    const n = history.length;
    const message = { type: 'message', at: 99, from: 'node1', to: 'node2', kind: 'hint', bytes: 9 };
    apply(state, message as WebEvent);
    remember(history, state, message as WebEvent, 99);
    const again: WebEvent = { type: 'interval', ms: 0 };
    apply(state, again);
    remember(history, state, again, 100);
    assert.equal(history.length, n);
  });

  it('stays within MAX_MOMENTS however long it runs, spanning the whole run', () => {
    const state = initialState();
    const history: Moment[] = [];
    for (let i = 0; i < MAX_MOMENTS * 5; i++) {
      const event: WebEvent = {
        type: 'nodes',
        nodes: [sample('node1', `r${i}`, null)],
        at: '2026-11-27T12:00:00.000Z',
      };
      apply(state, event);
      remember(history, state, event, i * 1000);
    }
    assert.ok(history.length <= MAX_MOMENTS, `${history.length} moments`);
    assert.equal(history[0]!.at, 0, 'the first moment stays');
    assert.equal(history[history.length - 1]!.at, (MAX_MOMENTS * 5 - 1) * 1000, 'and the newest');
    const times = history.map((m) => m.at);
    assert.deepEqual(
      [...times].sort((a, b) => a - b),
      times,
      'in order',
    );
  });

  it('finds the moment at a time, and says it in words', () => {
    const { history } = played();
    assert.equal(momentIndex(history, -1), 0);
    assert.equal(momentIndex(history, Infinity), history.length - 1);
    const at = history[2]!.at;
    assert.equal(momentIndex(history, at + 0.5), 2);
    assert.match(momentText(history[history.length - 1]!, 'run'), /s into the run: After anti/);
    assert.equal(duration(800), '0.8 s');
    assert.equal(duration(185_000), '3 min 5 s');
  });

  it('finds the newest moment at or before a time, at the edges too', () => {
    // Moments at 1 s, 2 s, 2 s (one burst) and 4 s: each a different look at the node.
    const state = initialState();
    const history: Moment[] = [];
    assert.equal(momentIndex(history, 1000), 0, 'no moments yet');
    [1000, 2000, 2000, 4000].forEach((at, i) => {
      const event: WebEvent = {
        type: 'nodes',
        nodes: [sample('node1', `r${i}`, null)],
        at: '2026-11-27T12:00:00.000Z',
      };
      apply(state, event);
      remember(history, state, event, at);
    });
    assert.deepEqual(
      history.map((m) => m.at),
      [1000, 2000, 2000, 4000],
    );
    assert.equal(momentIndex(history, 999), 0, 'before the first: the first');
    assert.equal(momentIndex(history, 1000), 0, 'at the first');
    assert.equal(momentIndex(history, 1999), 0, 'between the first and the second');
    assert.equal(momentIndex(history, 2000), 2, 'at a shared time: the newer of the two');
    assert.equal(momentIndex(history, 3999), 2, 'between the burst and the last');
    assert.equal(momentIndex(history, 4000), 3, 'at the last');
    assert.equal(momentIndex(history, 60_000), 3, 'after the last: the last');
  });

  it('the recorder sends its moments with the snapshot, timed by its clock', () => {
    let now = 0;
    const recorder = new Recorder(() => now);
    for (const event of scriptedRun()) {
      now += 10;
      recorder.emit(event);
    }
    const [first] = recorder.since(0);
    assert.equal(first?.event.type, 'snapshot');
    const snapshot = first!.event as Extract<WebEvent, { type: 'snapshot' }>;
    assert.equal(snapshot.at, now);
    assert.ok((snapshot.history?.length ?? 0) > 3);
    assert.deepEqual(snapshot.history, recorder.history);
  });
});
