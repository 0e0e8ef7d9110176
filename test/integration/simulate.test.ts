// `ae-demo simulate` as a user runs it: JSON on stdout (the same for the same seed), exit 0 when
// the replicas converge and 1, saying so, when they cannot.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cli } from '../helpers/cli.js';

describe('ae-demo simulate', () => {
  it('--json prints the result, byte for byte the same for the same seed', async () => {
    const args = ['simulate', '--nodes', '10', '--keys', '100', '--writes', '5', '--seed', '4'];
    const a = await cli([...args, '--json']);
    const b = await cli([...args, '--json']);
    assert.equal(a.exitCode, 0, a.stderr);
    assert.equal(a.stdout, b.stdout);
    const result = JSON.parse(a.stdout) as Record<string, unknown>;
    assert.equal(result.converged, true);
    assert.ok(typeof result.rounds === 'number' && result.rounds > 0);
    assert.ok(typeof result.simulatedMs === 'number' && result.simulatedMs > 0);
    assert.ok(typeof result.bytes === 'number' && result.bytes > 0);
    assert.ok(typeof result.messages === 'number' && result.messages > 0);
    assert.ok(Array.isArray(result.perInterval) && result.perInterval.length > 0);
  });

  it('exits 1 and says so when every message is lost, instead of looping', async () => {
    const r = await cli([
      'simulate',
      '--nodes',
      '4',
      '--keys',
      '10',
      '--loss',
      '1',
      '--max-rounds',
      '5',
      '--json',
    ]);
    assert.equal(r.exitCode, 1, r.stderr);
    assert.equal((JSON.parse(r.stdout) as { converged: boolean }).converged, false);
    assert.match(r.stderr, /did not converge/);
  });
});
