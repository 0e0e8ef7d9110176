// Chaos's closing round: repeated only while a peer did not answer, and never more than the cap.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MAX_REPAIR_ROUNDS, repairRound } from '../../../demo/repair-round.js';
import type { TriggerAnswer } from '../../../src/api/http.js';
import { peerReport } from '../../helpers/reports.js';

/** A round report in which the named peers answered or not. */
function round(peers: Record<string, 'repaired' | 'unreachable'>): TriggerAnswer {
  return {
    node: 'node-1',
    strategy: 'merkle',
    durationMs: 1,
    peers: Object.entries(peers).map(([peer, status]) =>
      peerReport(peer, status, {
        roundTrips: 1,
        ...(status === 'unreachable' ? { reason: 'timeout' } : {}),
      }),
    ),
  };
}

/** A trigger that answers the given rounds in turn, counting its calls. */
function triggers(answers: TriggerAnswer[]) {
  const state = { calls: 0 };
  const trigger = async () => answers[Math.min(state.calls++, answers.length - 1)]!;
  return { state, trigger };
}

describe('chaos repair round', () => {
  it('stops after one trigger when every peer answered', async () => {
    const { state, trigger } = triggers([round({ b: 'repaired', c: 'repaired' })]);
    const lines: string[] = [];
    const outcome = await repairRound(trigger, (l) => lines.push(l));
    assert.deepEqual(outcome, { rounds: 1, unreachable: [] });
    assert.equal(state.calls, 1);
    assert.deepEqual(lines, []);
  });

  it('triggers again, and says so, when a peer did not answer in time', async () => {
    const { state, trigger } = triggers([
      round({ b: 'repaired', c: 'unreachable' }),
      round({ b: 'repaired', c: 'repaired' }),
    ]);
    const lines: string[] = [];
    const outcome = await repairRound(trigger, (l) => lines.push(l));
    assert.deepEqual(outcome, { rounds: 2, unreachable: [] });
    assert.equal(state.calls, 2);
    assert.deepEqual(lines, ['round 1: c (timeout) did not answer in time; triggering again']);
  });

  it('gives up after the cap and names the peer that never answered', async () => {
    const { state, trigger } = triggers([round({ b: 'repaired', c: 'unreachable' })]);
    const outcome = await repairRound(trigger, () => {});
    assert.deepEqual(outcome, { rounds: MAX_REPAIR_ROUNDS, unreachable: ['c (timeout)'] });
    assert.equal(state.calls, MAX_REPAIR_ROUNDS);
  });
});
