import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RECENT_ROUNDS, RoundLog } from '../../../src/node/sync/round-log.js';
import { roundReport } from '../../helpers/web.js';

describe('round log: the rounds a watcher has not seen yet', () => {
  it('numbers rounds from 1 and answers with those after the given number', () => {
    const log = new RoundLog();
    assert.deepEqual(log.since(0), { latest: 0, rounds: [] });
    for (let i = 0; i < 3; i++)
      log.record(roundReport(), new Date(Date.UTC(2026, 10, 27, 12, 0, i)));
    assert.deepEqual(
      log.since(1).rounds.map((r) => [r.seq, r.at]),
      [
        [2, '2026-11-27T12:00:01.000Z'],
        [3, '2026-11-27T12:00:02.000Z'],
      ],
    );
    assert.deepEqual(log.since(3), { latest: 3, rounds: [] });
  });

  it('keeps only the most recent rounds', () => {
    const log = new RoundLog();
    for (let i = 0; i < RECENT_ROUNDS * 3; i++) log.record(roundReport());
    const { latest, rounds } = log.since(0);
    assert.equal(latest, RECENT_ROUNDS * 3);
    assert.equal(rounds.length, RECENT_ROUNDS);
    assert.equal(rounds[0]!.seq, RECENT_ROUNDS * 2 + 1);
  });
});
