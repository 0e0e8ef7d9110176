// Shared wording: who won a key and why, in one sentence that never contradicts itself.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { tryCommands, winnerParts } from '../../src/format.js';

const v = (node: string, wall: number) => ({ wall, logical: 0, node });
const sentence = (p: { by: string; than: string; missing: string }) =>
  `${p.by}${p.than}${p.missing}`;

describe('winnerParts', () => {
  it('a writer whose copy is gone is not also listed as having none (the delete scenario)', () => {
    const text = sentence(
      winnerParts({
        key: 'user:hank',
        value: 'hank_data',
        version: v('node-9999', 1_700_000_000_000_000),
        losers: [
          { node: 'node-9999', version: null, state: 'missing' },
          { node: 'node-10000', version: null, state: 'missing' },
        ],
      }),
    );
    assert.match(
      text,
      /^node-9999's write \(.+\), which node-9999 itself no longer held; node-10000 had none$/,
    );
    assert.equal(text.match(/node-9999/g)!.length, 2, text);
  });

  it('older versions and nodes without the key, as before', () => {
    const text = sentence(
      winnerParts({
        key: 'user:alice',
        value: 'b',
        version: v('node-2', 2_000_000),
        losers: [
          { node: 'node-1', version: v('node-1', 1_000_000), state: 'value' },
          { node: 'node-3', version: null, state: 'missing' },
        ],
      }),
    );
    assert.match(text, /^node-2's write \(.+\) is newer than node-1's \(.+\); node-3 had none$/);
  });

  it('only nodes without the key', () => {
    const text = sentence(
      winnerParts({
        key: 'k',
        value: null,
        version: v('node-1', 1_000_000),
        losers: [{ node: 'node-3', version: null, state: 'missing' }],
      }),
    );
    assert.match(text, /^node-1's delete \(.+\), node-3 had none$/);
  });
});

describe('tryCommands', () => {
  it('names the first node for writes and triggers and every node for inspect and diff', () => {
    const commands = tryCommands(['127.0.0.1:20000', '127.0.0.1:20001']);
    assert.deepEqual(commands, [
      'npx ae-demo put user:alice alice_data --node 127.0.0.1:20000 --direct',
      'npx ae-demo inspect user:alice --nodes 127.0.0.1:20000,127.0.0.1:20001',
      'npx ae-demo diff --nodes 127.0.0.1:20000,127.0.0.1:20001',
      'npx ae-demo trigger --node 127.0.0.1:20000',
    ]);
  });
});
