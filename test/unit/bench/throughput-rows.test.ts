// The throughput table's rows from the runs: each node target's share of the bare runs around
// it, and replicated PUT beside the same round's run on nodes that record no messages.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { NODE_TARGETS, rowsOf, type ThroughputRow } from '../../../src/bench/throughput.js';

const run = (target: ThroughputRow['target'], requestsPerSecond: number): ThroughputRow => ({
  target,
  requestsPerSecond,
  p99Ms: 1,
  errors: 0,
});

describe('throughput rows', () => {
  const bare = [10_000, 10_000, 10_000, 10_000].map((n) => run('bare node:http', n));
  const perRound: Record<(typeof NODE_TARGETS)[number], number[]> = {
    'direct PUT': [8_000, 7_000, 9_000],
    'replicated PUT': [3_000, 2_000, 3_300],
    'replicated PUT, one cluster': [2_500, 3_100, 2_900],
    // Round 2 caught a slow spell on the unrecorded run alone: its ratio reads 2.0.
    'replicated PUT, no message records': [3_000, 1_000, 3_000],
  };
  const runs = new Map(NODE_TARGETS.map((t) => [t, perRound[t].map((n) => run(t, n))]));
  const rows = rowsOf(bare, runs);

  it('gives every node target its median share of bare', () => {
    assert.deepEqual(
      rows.map((r) => [r.target, r.ofBare]),
      [
        ['bare node:http', undefined],
        ['direct PUT', 0.8],
        ['replicated PUT, one cluster', 0.29],
        ['replicated PUT', 0.3],
        ['replicated PUT, no message records', 0.3],
      ],
    );
  });

  it('sets replicated PUT beside the unrecorded run of the same round, median over rounds', () => {
    const replicated = rows.find((r) => r.target === 'replicated PUT')!;
    assert.equal(replicated.ofUnrecorded, 1.1);
    assert.ok(rows.every((r) => r === replicated || r.ofUnrecorded === undefined));
  });
});
