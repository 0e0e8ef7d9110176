// The round scheduler (AntiEntropy), driven by a hand-turned timer, scripted randomness and a
// transport held at a gate: jitter bounds, rounds never overlapping, stop waiting for a round.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AE_JITTER_FRACTION } from '../../../src/node/constants.js';
import { newCounters } from '../../../src/node/stats.js';
import { answer } from '../../../src/node/sync/exchange.js';
import { AntiEntropy } from '../../../src/node/sync/scheduler.js';
import { entry, MAX_VALUE, replica } from '../../helpers/replica.js';
import { HandTimer } from '../../helpers/hand-timer.js';
import { onTrigger } from '../../helpers/round.js';

const INTERVAL_MS = 1_000;

/** A gate the transport waits at: closed until opened, then open for good. */
function gate(): { wait: Promise<void>; open: () => void } {
  let open!: () => void;
  const wait = new Promise<void>((resolve) => (open = resolve));
  return { wait, open };
}

/** Lets every settled promise run its callbacks (no time passes: nothing is scheduled later). */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

async function scheduler(options: { random?: () => number; held?: Promise<void> }) {
  const local = await replica();
  const remote = await replica();
  remote.store.apply(entry('user:alice', 'alice_data', 1_000));
  const timer = new HandTimer();
  const log: string[] = [];
  let active = 0;
  let mostActive = 0;
  let clock = 0;
  const ae = new AntiEntropy({
    node: 'n1',
    replica: local,
    transport: () => async (body) => {
      await options.held;
      return answer(remote, Buffer.from(body), MAX_VALUE);
    },
    strategy: 'merkle',
    maxValueBytes: MAX_VALUE,
    intervalMs: INTERVAL_MS,
    counters: newCounters(),
    now: () => (clock += 5),
    random: options.random ?? (() => 0.5),
    timer,
    beforeRound: () => {
      active += 1;
      mostActive = Math.max(mostActive, active);
      log.push('begin');
    },
    onRound: () => {
      active -= 1;
      log.push('end');
    },
  });
  return { ae, timer, log, local, mostActive: () => mostActive };
}

describe('round scheduler (AntiEntropy)', () => {
  it('waits the interval ± the jitter fraction, as the random draw says', async () => {
    const draws = [0, 0.5, 0.999_999, 0.25];
    const { ae, timer } = await scheduler({ random: () => draws.shift() ?? 0.5 });
    ae.start(['peer']);
    for (let i = 0; i < 3; i++) {
      timer.fire();
      await settle();
    }
    await ae.stop();
    const low = INTERVAL_MS * (1 - AE_JITTER_FRACTION);
    const high = INTERVAL_MS * (1 + AE_JITTER_FRACTION);
    assert.deepEqual(timer.delays, [
      low,
      INTERVAL_MS,
      high,
      INTERVAL_MS * (1 - AE_JITTER_FRACTION / 2),
    ]);
    for (const ms of timer.delays) assert.ok(ms >= low && ms <= high, `${ms} ms`);
  });

  it('sets the next timer only once a round has ended', async () => {
    const held = gate();
    const { ae, timer, log } = await scheduler({ held: held.wait });
    ae.start(['peer']);
    timer.fire();
    await settle();
    assert.deepEqual(log, ['begin']);
    assert.equal(timer.pending, undefined, 'no timer while the round runs');
    held.open();
    await settle();
    assert.deepEqual(log, ['begin', 'end']);
    assert.ok(timer.pending, 'the next round is timed after this one ended');
    await ae.stop();
  });

  it('a new interval set during a round times the next round once, with the new interval', async () => {
    const held = gate();
    const { ae, timer, log } = await scheduler({ held: held.wait });
    ae.start(['peer']);
    timer.fire();
    await settle();
    ae.setIntervalMs(200);
    assert.equal(ae.intervalMs, 200);
    assert.equal(timer.delays.at(-1), 200, 'the new interval is timed from now');
    held.open();
    await settle();
    assert.deepEqual(log, ['begin', 'end']);
    assert.equal(timer.delays.length, 2, 'the round under the old interval times no other');
    ae.setIntervalMs(0);
    assert.equal(timer.pending, undefined, '0 stops periodic rounds');
    await ae.stop();
  });

  it('never overlaps rounds: triggers and the timer queue behind the round in progress', async () => {
    const held = gate();
    const { ae, timer, log, mostActive, local } = await scheduler({ held: held.wait });
    ae.start(['peer']);
    timer.fire();
    const triggered = [ae.round(['peer']), ae.round(['peer'])];
    await settle();
    assert.deepEqual(log, ['begin'], 'the triggers wait for the timed round');
    held.open();
    const reports = await Promise.all(triggered);
    await ae.stop();
    assert.equal(mostActive(), 1);
    assert.deepEqual(log, ['begin', 'end', 'begin', 'end', 'begin', 'end']);
    assert.deepEqual(
      reports.map((r) => r.peers[0]!.status),
      ['in_sync', 'in_sync'],
      'the timed round repaired the key; the queued ones found nothing left',
    );
    assert.equal(local.store.get('user:alice')?.value, 'alice_data');
  });

  it('stop waits for the round in progress, and no round starts after it', async () => {
    const held = gate();
    const { ae, timer, log } = await scheduler({ held: held.wait });
    ae.start(['peer']);
    timer.fire();
    await settle();
    let stopped = false;
    const stopping = ae.stop().then(() => (stopped = true));
    await settle();
    assert.equal(stopped, false, 'stop returned while a round was running');
    held.open();
    await stopping;
    assert.deepEqual(log, ['begin', 'end']);
    assert.equal(timer.pending, undefined, 'no round is timed after stop');
    assert.equal(timer.delays.length, 1);
  });

  it('does not time rounds when the interval is 0 (rounds only on trigger)', async () => {
    const { timer } = await scheduler({});
    const idle = new AntiEntropy({
      node: 'n1',
      replica: await replica(),
      transport: () => async () => Buffer.alloc(0),
      strategy: 'merkle',
      maxValueBytes: MAX_VALUE,
      intervalMs: 0,
      counters: newCounters(),
      timer,
    });
    idle.start(['peer']);
    assert.deepEqual(timer.delays, []);
    await idle.stop();
  });

  it('a second pass goes only to the peers the round did not pull from', async () => {
    const local = await replica();
    const peers = { a: await replica(), b: await replica(), c: await replica() };
    peers.a.store.apply(entry('user:alice', 'from_a', 2_000));
    peers.b.store.apply(entry('user:alice', 'from_b', 1_000));
    const ae = onTrigger(
      local,
      (peer) => async (body) =>
        answer(peers[peer as keyof typeof peers], Buffer.from(body), MAX_VALUE),
      'merkle',
    );
    const round = await ae.round(['a', 'b', 'c']);
    const passes = Object.fromEntries(round.peers.map((p) => [p.peer, p.passes]));
    assert.deepEqual(passes, { a: 2, b: 2, c: 2 }, 'pulled from a and b: each hears of the other');
    for (const r of Object.values(peers)) assert.equal(r.store.get('user:alice')?.value, 'from_a');

    const lone = await replica();
    lone.store.apply(entry('user:bob', 'bob', 3_000));
    const one = onTrigger(
      await replica(),
      () => async (body) => answer(lone, Buffer.from(body), MAX_VALUE),
      'merkle',
    );
    const single = await one.round(['lone']);
    assert.equal(single.peers[0]!.passes, 1, 'what came from the only peer, it has');
    assert.deepEqual(single.peers[0]!.keys.pulled, ['user:bob']);
  });

  it('pulling from one of two peers sends the second pass to the other only', async () => {
    const peers = { a: await replica(), b: await replica() };
    peers.a.store.apply(entry('user:alice', 'from_a', 2_000));
    const ae = onTrigger(
      await replica(),
      (peer) => async (body) =>
        answer(peers[peer as keyof typeof peers], Buffer.from(body), MAX_VALUE),
      'merkle',
    );
    const round = await ae.round(['a', 'b']);
    const passes = Object.fromEntries(round.peers.map((p) => [p.peer, p.passes]));
    assert.deepEqual(passes, { a: 1, b: 2 });
    assert.equal(
      peers.b.store.get('user:alice')?.value,
      'from_a',
      'b heard of a in the second pass',
    );
  });
});
