// Which peers a round talks to (--ae-peers-per-round): a timed round picks K distinct configured
// peers at random (never the node itself), all of them when K is at least their number or unset;
// a trigger talks to every peer it is given whatever K is. Randomness is injected and seeded.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { newCounters } from '../../../src/node/stats.js';
import { AntiEntropy } from '../../../src/node/sync/scheduler.js';
import type { RoundReport } from '../../../src/api/reports.js';
import { rng } from '../../../src/sim/random.js';
import { entry, MAX_VALUE, replica, wire } from '../../helpers/replica.js';
import type { Replica } from '../../../src/node/sync/exchange.js';
import { HandTimer } from '../../helpers/hand-timer.js';

const SELF = '127.0.0.1:26000';
const PEERS = ['127.0.0.1:26001', '127.0.0.1:26002', '127.0.0.1:26003', '127.0.0.1:26004'];
const ROUNDS = 400;

/** A node with four in-memory peers; each finished round's peers are recorded in order. */
async function node(o: { peersPerRound?: number; pick?: () => number }) {
  const remotes = new Map<string, Replica>();
  for (const peer of PEERS) remotes.set(peer, await replica());
  const timer = new HandTimer();
  const counters = newCounters();
  const reports: RoundReport[] = [];
  const local = await replica();
  let ended: (() => void) | undefined;
  const ae = new AntiEntropy({
    node: SELF,
    replica: local,
    transport: (peer) => {
      assert.notEqual(peer, SELF, 'a round never talks to its own node');
      return wire(remotes.get(peer)!);
    },
    strategy: 'merkle',
    maxValueBytes: MAX_VALUE,
    intervalMs: 1_000,
    counters,
    random: () => 0.5,
    timer,
    ...(o.peersPerRound !== undefined ? { peersPerRound: o.peersPerRound } : {}),
    ...(o.pick ? { pick: o.pick } : {}),
    onRound: (report) => {
      reports.push(report);
      ended?.();
    },
  });
  /** Fires the timer and waits for the round it started to end. */
  const tick = async () => {
    const done = new Promise<void>((resolve) => (ended = resolve));
    const fire = timer.pending;
    assert.ok(fire, 'a round is timed');
    timer.pending = undefined;
    fire();
    await done;
    // The next round is timed once this one's promise has settled.
    await new Promise<void>((resolve) => setImmediate(resolve));
  };
  return { ae, tick, reports, counters, remotes, local };
}

const talkedTo = (r: RoundReport) => r.peers.map((p) => p.peer);

describe('peers per round (AntiEntropy with peersPerRound)', () => {
  it('a timed round talks to K distinct configured peers, never itself, each of them in turn', async () => {
    const n = await node({ peersPerRound: 2, pick: rng(7) });
    n.ae.start(PEERS);
    for (let i = 0; i < ROUNDS; i++) await n.tick();
    await n.ae.stop();
    const seen = new Map<string, number>();
    for (const report of n.reports) {
      const peers = talkedTo(report);
      assert.equal(peers.length, 2);
      assert.equal(new Set(peers).size, 2, `distinct: ${peers.join(', ')}`);
      for (const p of peers) {
        assert.ok(PEERS.includes(p) && p !== SELF, p);
        seen.set(p, (seen.get(p) ?? 0) + 1);
      }
    }
    // Uniform: each of 4 peers is in 2 of 4 places, so in half the rounds (seeded: exact counts).
    for (const peer of PEERS) {
      const share = (seen.get(peer) ?? 0) / ROUNDS;
      assert.ok(share > 0.4 && share < 0.6, `${peer} picked in ${share} of rounds`);
    }
    assert.equal(n.counters.antiEntropy.rounds, ROUNDS);
    assert.equal(n.counters.antiEntropy.peersContacted, 2 * ROUNDS, 'the counter says 2 per round');
  });

  it('picks what the injected draws say (Floyd: one draw per peer picked)', async () => {
    const draws: number[] = [];
    const n = await node({
      peersPerRound: 2,
      pick: () => {
        draws.push(0);
        return 0;
      },
    });
    n.ae.start(PEERS);
    await n.tick();
    await n.ae.stop();
    // n = 4, k = 2: j = 2 draws 0 -> peer 0; j = 3 draws 0, taken -> peer 3.
    assert.deepEqual(talkedTo(n.reports[0]!), [PEERS[0], PEERS[3]]);
    assert.equal(draws.length, 2);
  });

  for (const k of [PEERS.length, PEERS.length + 5, undefined]) {
    it(`talks to every peer, in order, with no draw, when K is ${k ?? 'unset'}`, async () => {
      const n = await node({
        ...(k !== undefined ? { peersPerRound: k } : {}),
        pick: () => assert.fail('no peer is drawn when every peer is talked to'),
      });
      n.ae.start(PEERS);
      for (let i = 0; i < 3; i++) await n.tick();
      await n.ae.stop();
      for (const report of n.reports) assert.deepEqual(talkedTo(report), PEERS);
      assert.equal(n.counters.antiEntropy.peersContacted, 3 * PEERS.length);
    });
  }

  it('a trigger talks to every peer it is given, whatever K is, and one converges all', async () => {
    const n = await node({ peersPerRound: 1, pick: rng(1) });
    n.remotes.get(PEERS[2]!)!.store.apply(entry('user:alice', 'alice_data', 1_000));
    const report = await n.ae.round(PEERS);
    assert.deepEqual(talkedTo(report), PEERS);
    for (const [peer, remote] of n.remotes)
      assert.equal(remote.store.get('user:alice')?.value, 'alice_data', peer);
  });

  it('K random peers per round still spread a write to every peer over timed rounds', async () => {
    const n = await node({ peersPerRound: 1, pick: rng(3) });
    n.local.store.apply(entry('user:bob', 'bob_data', 2_000));
    n.ae.start(PEERS);
    const holds = () =>
      [...n.remotes.values()].every((r) => r.store.get('user:bob')?.value === 'bob_data');
    let rounds = 0;
    while (!holds()) {
      assert.ok(rounds < 100, 'every peer got the write within 100 rounds');
      await n.tick();
      rounds += 1;
    }
    await n.ae.stop();
    assert.ok(rounds >= PEERS.length, 'one peer per round: at least one round per peer');
  });
});
