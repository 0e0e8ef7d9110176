// The benchmark's repair phase on real node processes: the same outage repaired by hints (no
// round run) and by one Merkle round, each row's bytes from the nodes' own records, and the
// phase's targets in the report. No time is asserted: speed is the benchmark's to report.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cli } from '../helpers/cli.js';

describe('bench --only repair', () => {
  it('repairs 10,000 missed writes by hints with no round, and by one Merkle round', async () => {
    const r = await cli(['bench', '--only', 'repair', '--json'], { timeoutMs: 180_000 });
    assert.equal(r.exitCode, 0, r.stderr);
    const result = JSON.parse(r.stdout);
    const [hint, merkle] = result.repair;
    assert.deepEqual([hint.path, merkle.path], ['hint', 'merkle']);
    assert.deepEqual([hint.missed, hint.rounds, merkle.rounds], [10_000, 0, 1]);
    // At least the missed values themselves went over the wire, both ways.
    for (const row of [hint, merkle]) assert.ok(row.bytes > 10_000 * 100, JSON.stringify(row));
    const names = result.targets.map((t: { name: string }) => t.name);
    assert.equal(names.filter((n: string) => n.startsWith('hints: 10,000')).length, 3);
  });
});
