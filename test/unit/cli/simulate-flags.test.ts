// simulate's flags as a user types them: --partition in its documented form (from the start,
// 0s-20s), --latency's distributions, and the command line the shareable report shows, which names files by name alone.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseLatency, partitionFrom } from '../../../src/cli/flags/sim-network.js';
import { commandLine } from '../../../src/cli/output/sim.js';
import { UsageError } from '../../../src/errors.js';

describe('simulate flags', () => {
  it('--partition takes FROM-TO, FROM at the start included', () => {
    assert.deepEqual(partitionFrom('0s-20s'), { partition: { fromMs: 0, toMs: 20_000 } });
    assert.deepEqual(partitionFrom('0-20s'), { partition: { fromMs: 0, toMs: 20_000 } });
    assert.deepEqual(partitionFrom('0ms-1m'), { partition: { fromMs: 0, toMs: 60_000 } });
    assert.deepEqual(partitionFrom('2s-10s'), { partition: { fromMs: 2_000, toMs: 10_000 } });
    assert.deepEqual(partitionFrom(undefined), {});
    for (const bad of ['20s-10s', '0s-0s', 'soon', '5s'])
      assert.throws(() => partitionFrom(bad), UsageError, bad);
  });

  it("--latency takes a distribution in the fault route's words, every bound checked", () => {
    assert.deepEqual(parseLatency('fixed:5', '--latency'), { dist: 'fixed', ms: 5 });
    assert.deepEqual(parseLatency('uniform:2-20', '--latency'), {
      dist: 'uniform',
      minMs: 2,
      maxMs: 20,
    });
    assert.deepEqual(parseLatency('exponential:10', '--latency'), {
      dist: 'exponential',
      meanMs: 10,
    });
    for (const bad of [
      '5',
      'fixed:',
      'uniform:5',
      'uniform:20-2',
      'fixed:1-2',
      'normal:5',
      'fixed:60001',
    ])
      assert.throws(() => parseLatency(bad, '--latency'), UsageError, bad);
  });

  it('the report shows the command line with the files it names by name, not by path', () => {
    assert.equal(
      commandLine(['simulate', '--nodes', '16,64', '--report', '/home/alice/private/sim.html']),
      'ae-demo simulate --nodes 16,64 --report sim.html',
    );
    assert.equal(
      commandLine([
        'simulate',
        '--given=/tmp/x/seed.json',
        '--plot',
        'out/rounds.svg',
        '--seed',
        '7',
      ]),
      'ae-demo simulate --given=seed.json --plot rounds.svg --seed 7',
    );
    assert.equal(
      commandLine(['simulate', '--report', 'my sim.html']),
      "ae-demo simulate --report 'my sim.html'",
    );
  });

  it('the report never shows a cluster key, and names a key file by its name', () => {
    const args = ['simulate', '--cluster-key', 's3cret', '--cluster-key-file=/home/a/key.txt'];
    const line = commandLine([...args, '--cluster-key=s3cret', '--given', '/tmp/seed.json']);
    assert.equal(
      line,
      'ae-demo simulate --cluster-key KEY --cluster-key-file=key.txt --cluster-key=KEY --given seed.json',
    );
    assert.doesNotMatch(line, /s3cret/);
  });
});
