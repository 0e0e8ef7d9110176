// Chaos's summary as the terminal says it: counts that read as what they count.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { chaosLines, shrunkLines } from '../../../../src/cli/render/chaos.js';
import type { ChaosReport } from '../../../../src/story/scenario.js';

const report = (violations: string[] = []): ChaosReport => ({
  seed: 7,
  ops: 500,
  counts: { puts: 300, deletes: 80, direct: 98, failed: 4, partitions: 6, heals: 6, crashes: 2 },
  keys: 120,
  faults: ['partition', 'crash'],
  repairRounds: 1,
  convergenceMs: { p50: 0, p95: 0, max: 0, count: 0 },
  repairBytes: {},
  converged: violations.length === 0,
  violations,
  repairedBy: { hint: 14, readRepair: 0, antiEntropy: 1_250 },
});

describe('chaosLines', () => {
  it('direct writes count puts and deletes together, and say so', () => {
    const [did] = chaosLines(report(), 3);
    assert.match(did!, /300 puts and 80 deletes \(98 of them direct\)/);
    assert.doesNotMatch(did!, /faults:/, 'no network fault named when none was injected');
    assert.doesNotMatch(did!, /deletes \(98 direct\)/);
  });

  it('one of a thing is singular', () => {
    const one = report();
    one.counts = { puts: 1, deletes: 1, direct: 0, failed: 0, partitions: 1, heals: 1, crashes: 0 };
    const [did] = chaosLines(one, 3);
    assert.match(
      did!,
      /1 put and 1 delete \(0 of them direct\), 0 refused .*, 1 partition, 1 heal,/,
    );
  });

  it('nothing deleted came back, in grammatical English', () => {
    const verdict = chaosLines(report(), 3)[1]!;
    assert.match(verdict, /3 nodes identical; all 120 keys hold the newest acknowledged write/);
    assert.match(verdict, /nothing lost, nothing deleted came back$/);
  });

  it('a violation is a line of its own', () => {
    const lines = chaosLines(report(['user:x lost its write']), 3);
    assert.equal(lines.length, 3);
    assert.match(lines[1]!, /user:x lost its write$/);
  });

  it('says what each repair path wrote, the last line either way', () => {
    for (const violations of [[], ['user:x lost its write']])
      assert.match(
        chaosLines(report(violations), 3).at(-1)!,
        /by the path that brought them .*: hinted handoff 14, read repair 0, anti-entropy \(Merkle round\) 1,250$/,
      );
  });

  it('lww counts the acknowledged writes it overwrote; siblings those a read superseded', () => {
    const lww = chaosLines({ ...report(), overwritten: 260 }, 3);
    assert.match(lww[2]!, /260 acknowledged writes were overwritten by last write wins/);
    const siblings = chaosLines({ ...report(), conflicts: 'siblings', overwritten: 90 }, 3);
    assert.match(siblings[1]!, /is a sibling on every node or was superseded/);
    assert.match(siblings[2]!, /90 acknowledged writes were superseded/);
  });
});

describe('chaosLines: network faults and convergence', () => {
  const network: ChaosReport = {
    ...report(),
    faults: ['loss', 'skew'],
    counts: { ...report().counts, loss: 3, skew: 1 },
    convergenceMs: { p50: 120, p95: 340, max: 410, count: 6 },
    repairBytes: { loss: 12_300, none: 800 },
  };

  it('names the faults it injected, with their counts', () => {
    assert.match(chaosLines(network, 3)[0]!, /faults: 3 loss, 1 clock skew$/);
  });

  it('says how fast one root came after a heal, and the bytes by the faults of a round', () => {
    const [, times, moved] = chaosLines(network, 3);
    assert.equal(
      times,
      'one root after every heal in p50 120 ms, p95 340 ms, max 410 ms (6 rounds)',
    );
    assert.match(moved!, /by the faults of its round: loss 12\.3 kB, no fault 800 B$/);
  });

  it('a shrunk schedule comes with the command that replays it', () => {
    const failing: ChaosReport = {
      ...network,
      violations: ['"k" lost'],
      shrunk: {
        from: 40,
        schedule: { nodes: 3, faults: ['loss'], steps: [] },
        violations: ['"k" lost'],
      },
    };
    const lines = shrunkLines(
      failing,
      '/tmp/s.json',
      'npx ae-demo chaos --seed 7 --schedule /tmp/s.json',
    );
    assert.deepEqual(lines, [
      'shrunk from 40 to 0 steps that still fail, first: "k" lost',
      'replay it: npx ae-demo chaos --seed 7 --schedule /tmp/s.json',
    ]);
  });
});
