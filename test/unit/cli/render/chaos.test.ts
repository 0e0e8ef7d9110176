// Chaos's summary as the terminal says it: counts that read as what they count.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { chaosLines } from '../../../../src/cli/render/chaos.js';
import type { ChaosReport } from '../../../../src/story/scenario.js';

const report = (violations: string[] = []): ChaosReport => ({
  seed: 7,
  ops: 500,
  counts: { puts: 300, deletes: 80, direct: 98, failed: 4, partitions: 6, heals: 6, crashes: 2 },
  keys: 120,
  repairRounds: 1,
  converged: violations.length === 0,
  violations,
});

describe('chaosLines', () => {
  it('direct writes count puts and deletes together, and say so', () => {
    const [did] = chaosLines(report(), 3);
    assert.match(did!, /300 puts and 80 deletes \(98 of them direct\)/);
    assert.doesNotMatch(did!, /deletes \(98 direct\)/);
  });

  it('nothing deleted came back, in grammatical English', () => {
    const verdict = chaosLines(report(), 3)[1]!;
    assert.match(verdict, /3 nodes identical; all 120 keys hold the newest acknowledged write/);
    assert.match(verdict, /nothing lost, nothing deleted came back$/);
  });

  it('a violation is a line of its own', () => {
    const lines = chaosLines(report(['user:x lost its write']), 3);
    assert.equal(lines.length, 2);
    assert.match(lines[1]!, /user:x lost its write$/);
  });

  it('lww counts the acknowledged writes it overwrote; siblings those a read superseded', () => {
    const lww = chaosLines({ ...report(), overwritten: 260 }, 3);
    assert.match(lww[2]!, /260 acknowledged writes were overwritten by last write wins/);
    const siblings = chaosLines({ ...report(), conflicts: 'siblings', overwritten: 90 }, 3);
    assert.match(siblings[1]!, /is a sibling on every node or was superseded/);
    assert.match(siblings[2]!, /90 acknowledged writes were superseded/);
  });
});
