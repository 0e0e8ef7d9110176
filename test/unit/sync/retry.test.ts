// Lost exchange messages sent again, with a hand-turned timer and clock: the wait before a copy
// (the cap until a round trip is measured, then the measured one), the doubling, the limit, the
// deadline, the first answer winning, and a refusal ending the message at once.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  AE_FIRST_MESSAGE_TIMEOUT_MS,
  AE_LATER_MESSAGE_TIMEOUT_MS,
  AE_MAX_SENDS,
  AE_RETRY_INITIAL_MS,
  AE_RETRY_MAX_MS,
  AE_RETRY_MIN_MS,
} from '../../../src/node/constants.js';
import { timedOut } from '../../../src/node/peers/deliver.js';
import { RetryingLink, RoundTripEstimate } from '../../../src/node/sync/retry.js';
import { HandTimer } from '../../helpers/hand-timer.js';

/** One copy sent: the timeout it was given, and the hands that answer or fail it. */
interface Copy {
  timeoutMs: number;
  answer: (body: Buffer) => void;
  fail: (error: unknown) => void;
}

const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

/** A link over a send that waits to be answered by hand, a hand timer and a hand clock. */
function handLink(estimate = new RoundTripEstimate()) {
  const copies: Copy[] = [];
  const timer = new HandTimer();
  const clock = { now: 0 };
  const link = new RetryingLink({
    send: (_body, timeoutMs) =>
      new Promise<Buffer>((answer, fail) => copies.push({ timeoutMs, answer, fail })),
    estimate,
    now: () => clock.now,
    timer,
  });
  /** Moves the clock to the pending timer's time and fires it. */
  const wait = () => {
    clock.now += timer.delays.at(-1)!;
    timer.fire();
  };
  return { link, copies, timer, clock, wait, estimate };
}

describe('retrying an exchange message', () => {
  it('sends a lost message again after the initial wait when nothing is measured yet; the answer ends it', async () => {
    const { link, copies, timer, wait } = handLink();
    const answered = link.send(Buffer.from('root'));
    assert.equal(copies.length, 1);
    assert.equal(copies[0]!.timeoutMs, AE_FIRST_MESSAGE_TIMEOUT_MS);
    assert.deepEqual(timer.delays, [AE_RETRY_INITIAL_MS]);
    wait();
    assert.equal(copies.length, 2, 'a copy went out');
    assert.equal(copies[1]!.timeoutMs, AE_FIRST_MESSAGE_TIMEOUT_MS - AE_RETRY_INITIAL_MS);
    copies[1]!.answer(Buffer.from('children'));
    assert.equal((await answered).toString(), 'children');
    assert.equal(link.retries, 1);
    assert.equal(timer.pending, undefined, 'no further copy is due');
  });

  it('numbers the messages of its exchange and gives each its timeout', async () => {
    const { link, copies } = handLink();
    for (const size of [10, 10, 2_000]) {
      const sent = link.send(Buffer.alloc(size));
      copies.at(-1)!.answer(Buffer.alloc(0));
      await sent;
    }
    assert.deepEqual(
      copies.map((c) => c.timeoutMs),
      [AE_FIRST_MESSAGE_TIMEOUT_MS, AE_LATER_MESSAGE_TIMEOUT_MS, AE_LATER_MESSAGE_TIMEOUT_MS + 2],
    );
  });

  it('waits the measured round trip, never less than the floor', async () => {
    const { link, copies, clock, timer } = handLink();
    const first = link.send(Buffer.from('a'));
    clock.now += 4;
    copies[0]!.answer(Buffer.from('b'));
    await first;
    void link.send(Buffer.from('c'));
    // 4 ms measured: 4 + 4 × 2 = 12 ms, below the floor.
    assert.deepEqual(timer.delays, [AE_RETRY_INITIAL_MS, AE_RETRY_MIN_MS]);
  });

  it('a slower measured round trip makes a longer wait, up to the cap', () => {
    const estimate = new RoundTripEstimate();
    estimate.sample(40);
    assert.equal(estimate.waitMs(), 40 + 4 * 20);
    estimate.sample(10_000);
    assert.equal(estimate.waitMs(), AE_RETRY_MAX_MS);
  });

  it('doubles the wait for each copy and stops at the limit, then fails as the first copy did', async () => {
    const estimate = new RoundTripEstimate();
    estimate.sample(1);
    const { link, copies, timer, wait } = handLink(estimate);
    const body = Buffer.alloc(10);
    void link.send(Buffer.from('opening'));
    copies[0]!.answer(Buffer.alloc(0));
    await settle();
    // The second message has the longer deadline: the limit, not the deadline, stops the copies.
    const failed = link.send(body);
    while (timer.pending) wait();
    assert.equal(copies.length, 1 + AE_MAX_SENDS);
    const waits = timer.delays.slice(1);
    assert.equal(waits.length, AE_MAX_SENDS - 1);
    assert.deepEqual(
      waits,
      waits.map((_, i) => AE_RETRY_MIN_MS * 2 ** i),
    );
    assert.equal(link.retries, AE_MAX_SENDS - 1);
    const copiesOfSecond = copies.slice(1);
    copiesOfSecond.slice(1).forEach((c) => c.fail(timedOut(c.timeoutMs)));
    await settle();
    copiesOfSecond[0]!.fail(timedOut(copiesOfSecond[0]!.timeoutMs));
    await assert.rejects(failed, /no answer within 10000 ms/);
  });

  it('sends no copy that could not be answered before the deadline', () => {
    const { link, copies, timer, wait } = handLink();
    void link.send(Buffer.from('root'));
    while (timer.pending) wait();
    // 250 ms, then 500 ms more: the next (1,000 ms more) would go out after the 1 s deadline.
    assert.deepEqual(timer.delays, [AE_RETRY_INITIAL_MS, 2 * AE_RETRY_INITIAL_MS]);
    assert.equal(copies.length, 3);
  });

  it('takes the first answer to any copy; a late one changes nothing', async () => {
    const { link, copies, wait, clock, estimate } = handLink();
    const answered = link.send(Buffer.from('root'));
    wait();
    clock.now += 30;
    copies[0]!.answer(Buffer.from('late first'));
    copies[1]!.answer(Buffer.from('second'));
    assert.equal((await answered).toString(), 'late first');
    // The first copy's own round trip (280 ms) is measured: a slow peer lengthens the wait.
    assert.equal(estimate.waitMs(), 280 + 4 * 140);
  });

  it('an error answer ends the message at once: no copy is sent', async () => {
    const { link, copies, timer } = handLink();
    const refused = link.send(Buffer.from('root'));
    const error = Object.assign(new Error('wrong cluster key'), { code: 'unauthorized' });
    copies[0]!.fail(error);
    await assert.rejects(refused, /wrong cluster key/);
    assert.equal(timer.pending, undefined);
    assert.equal(link.retries, 0);
  });

  it('a timeout wrapped by the peer client counts as no answer', async () => {
    const { link, copies, wait } = handLink();
    const answered = link.send(Buffer.from('root'));
    wait();
    const wrapped = Object.assign(new Error('no answer'), { cause: timedOut(1_000) });
    copies[0]!.fail(wrapped);
    await settle();
    copies[1]!.answer(Buffer.from('ok'));
    assert.equal((await answered).toString(), 'ok');
  });
});
