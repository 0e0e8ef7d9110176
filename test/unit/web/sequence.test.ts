// The page's messages: replication folded into a band per pair of nodes, everything else kept in
// order, and the sequence diagram's model drawn from them (lanes, arrows, labels, a moment).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { MessageRecord } from '../../../src/api/messages.js';
import { addMessage, initialMessages, MAX_MESSAGES } from '../../../src/web/messages.js';
import { MAX_ARROWS, sequenceOf } from '../../../src/web/sequence.js';
import { initialState } from '../../../src/web/model.js';
import { messagesView } from '../../../src/web/view/sequence.js';

const message = (at: number, from: string, to: string, kind: MessageRecord['kind'], bytes = 10) =>
  ({ type: 'message', at, from, to, kind, bytes }) satisfies MessageRecord;

describe('the page keeps the messages', () => {
  it('folds replication into one band per pair of nodes and keeps the rest in order', () => {
    const state = initialMessages();
    for (let i = 0; i < 1000; i++) addMessage(state, message(i, 'n1', 'n2', 'replicate', 100));
    addMessage(state, message(1000, 'n1', 'n3', 'replicate', 5));
    addMessage(state, message(1001, 'n1', 'n2', 'exchange:root'));
    addMessage(state, message(1002, 'n2', 'n1', 'exchange:probe'));
    assert.equal(state.bands.length, 2);
    const band = { from: 'n1', to: 'n2', kind: 'replicate', count: 1000, bytes: 100_000 };
    assert.deepEqual(state.bands[0], { ...band, first: 0, last: 999 });
    assert.deepEqual(
      state.list.map((m) => m.kind),
      ['exchange:root', 'exchange:probe'],
    );
  });

  it('keeps the newest MAX_MESSAGES and counts the others', () => {
    const state = initialMessages();
    for (let i = 0; i < MAX_MESSAGES + 5; i++) addMessage(state, message(i, 'a', 'b', 'hint'));
    assert.equal(state.list.length, MAX_MESSAGES);
    assert.equal(state.dropped, 5);
    assert.equal(state.list[0]!.at, 5);
  });
});

describe('the sequence diagram', () => {
  it('draws a lane per node, an arrow per message with its step and bytes, and bands', () => {
    const state = initialMessages();
    addMessage(state, message(1, 'n1', 'n2', 'replicate', 2000));
    addMessage(state, { ...message(2, 'n1', 'n2', 'exchange:root', 155), digests: 16, probes: 1 });
    addMessage(state, message(3, 'n2', 'n1', 'exchange:probe', 71));
    addMessage(state, message(4, 'n3', 'n1', 'read-repair', 40));
    const model = sequenceOf(state, ['n1', 'n2', 'n3']);
    assert.deepEqual(model.lifelines, ['n1', 'n2', 'n3']);
    assert.deepEqual(
      model.arrows.map((a) => [a.from, a.to, a.path, a.label]),
      [
        [0, 1, 'anti-entropy', 'root 155 B'],
        [1, 0, 'anti-entropy', 'probe 71 B'],
        [2, 0, 'read-repair', 'read-repair 40 B'],
      ],
    );
    assert.equal(model.arrows[0]!.carried, '16 digests at level 0');
    assert.deepEqual(model.bands, [{ from: 0, to: 1, label: 'replicate ×1 · 2.0 kB →' }]);
    assert.equal(model.hidden, 0);
  });

  it('at a moment, shows only what was sent by then; past MAX_ARROWS, the newest', () => {
    const state = initialMessages();
    for (let i = 0; i < MAX_ARROWS + 10; i++) addMessage(state, message(i, 'a', 'b', 'hint'));
    assert.equal(sequenceOf(state, ['a', 'b'], 4).arrows.length, 5);
    const all = sequenceOf(state, ['a', 'b']);
    assert.equal(all.arrows.length, MAX_ARROWS);
    assert.equal(all.hidden, 10);
    assert.equal(all.arrows[0]!.at, 10);
    assert.deepEqual(sequenceOf(state, [], 0).lifelines, ['a', 'b'], 'lanes for unnamed nodes');
  });

  it('draws a message that got no answer as an unanswered arrow, replication too', () => {
    const state = initialState();
    state.nodes = ['n1', 'n2', 'n3'].map((id) => ({ id, address: id }));
    const down = 'connect ECONNREFUSED';
    addMessage(state.messages, message(1, 'n1', 'n2', 'replicate'));
    addMessage(state.messages, { ...message(2, 'n1', 'n3', 'replicate'), noAnswer: down });
    addMessage(state.messages, { ...message(3, 'n1', 'n3', 'exchange:root'), noAnswer: down });
    const model = sequenceOf(state.messages, ['n1', 'n2', 'n3']);
    assert.equal(model.bands.length, 1, 'the answered replication is folded');
    assert.deepEqual(
      model.arrows.map((a) => a.label),
      ['replicate 10 B · no answer', 'root 10 B · no answer'],
    );
    assert.match(model.arrows[1]!.carried, /^no answer \(connect ECONNREFUSED\)/);
    const view = messagesView(state).text;
    assert.equal(view.match(/class="msg [a-z-]+ unanswered"/g)?.length, 2);
  });
});
