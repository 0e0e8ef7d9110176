// The repair-paths scenario as a person reads it: the closing table names each path with what it
// repaired, how long it took from when it could begin, and its bytes and messages as the nodes
// recorded them; the story says no anti-entropy round ran before the hints had repaired node 3.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cli, portRange, portsReleased } from '../helpers/cli.js';
import { freeBasePort } from '../helpers/ports.js';

/** A table row's cells, trimmed, for a row whose first cell is `first`. */
function row(text: string, first: string): string[] {
  const line = text.split('\n').find((l) => l.startsWith(`│ ${first} `));
  assert.ok(line, `a row for ${first} in\n${text}`);
  return line
    .split('│')
    .slice(1, -1)
    .map((c) => c.trim());
}

describe('run --scenario repair-paths', () => {
  it('ends with one table of the three paths, and shows no round ran before the hints', async () => {
    const base = await freeBasePort(3);
    const r = await cli([
      'run',
      '--scenario',
      'repair-paths',
      '--keys',
      '50',
      '--base-port',
      String(base),
    ]);
    assert.equal(r.exitCode, 0, r.stderr);
    const text = r.stdout;
    const head = text.split('\n').find((l) => l.startsWith('│ path '));
    assert.deepEqual(
      head
        ?.split('│')
        .slice(1, -1)
        .map((c) => c.trim()),
      ['path', 'entries repaired', 'took', 'timed from', 'bytes', 'messages'],
    );
    const n3 = `node-${base + 2}`;
    const hint = row(text, 'hinted handoff');
    assert.deepEqual([hint[1], hint[3]], ['3', `${n3}'s return`]);
    assert.match(hint[2]!, /^\d[\d,]* ms$/);
    assert.match(hint[4]!, /^\d+ B$/);
    const read = row(text, 'read repair');
    assert.deepEqual([read[1], read[3]], ['2', 'the read']);
    const round = row(text, 'anti-entropy (Merkle round)');
    assert.deepEqual([round[1], round[3]], ['1', 'the trigger']);
    for (const cells of [hint, read, round]) assert.notEqual(cells[5], '0', cells[0]);
    const prose = text.replace(/\s+/g, ' ');
    assert.ok(prose.includes('anti-entropy rounds run since it went down: 0 on every node'), prose);
    assert.ok(prose.includes(`user:dave is still missing on ${n3}: nobody kept it`), prose);
    assert.match(text, /Converged: 3 nodes/);
    await portsReleased(portRange(base));
  });
});
