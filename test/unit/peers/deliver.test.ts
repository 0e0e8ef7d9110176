// A message sent under its fate: a lost one ends as a timeout whatever the receiver did, a
// duplicated one reaches the receiver twice, a held one spends its hold out of its timeout.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { deliver } from '../../../src/node/peers/deliver.js';
import { UNHARMED } from '../../../src/node/peers/fault-model.js';

/** A receiver that records the time left each copy was sent with, and answers "ok". */
function receiver() {
  const got: number[] = [];
  return { got, send: (left: number) => (got.push(left), Promise.resolve('ok')) };
}

const never = new AbortController().signal;

describe('deliver: one message under its fate', () => {
  it('unharmed: sent once with the whole timeout, its answer returned', async () => {
    const r = receiver();
    assert.equal(await deliver(UNHARMED, 1000, r.send, never), 'ok');
    assert.deepEqual(r.got, [1000]);
  });

  it('request lost: never sent, and the sender sees a timeout, not an answer', async () => {
    const r = receiver();
    const fate = { ...UNHARMED, lost: 'request' as const };
    await assert.rejects(deliver(fate, 5, r.send, never), { code: 'ETIMEDOUT' });
    assert.deepEqual(r.got, []);
  });

  it('answer lost: the receiver got it, the sender still sees a timeout', async () => {
    const r = receiver();
    const fate = { ...UNHARMED, lost: 'answer' as const };
    await assert.rejects(deliver(fate, 5, r.send, never), { code: 'ETIMEDOUT' });
    assert.deepEqual(r.got, [5]);
  });

  it('duplicated: the receiver gets two copies; held: the hold comes out of the timeout', async () => {
    const r = receiver();
    assert.equal(
      await deliver({ delayMs: 3, lost: 'none', duplicate: true }, 50, r.send, never),
      'ok',
    );
    assert.deepEqual(r.got, [47, 47]);
  });

  it('held past its timeout: a timeout, nothing sent', async () => {
    const r = receiver();
    const fate = { ...UNHARMED, delayMs: 20 };
    await assert.rejects(deliver(fate, 5, r.send, never), { code: 'ETIMEDOUT' });
    assert.deepEqual(r.got, []);
  });
});
