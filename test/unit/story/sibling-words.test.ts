// A sibling's vector in words, as inspect and the page say it.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { siblingInWords } from '../../../src/story/sibling-words.js';

describe('a sibling in words', () => {
  it('names the node that took the write and what its writer had seen', () => {
    const seen = { 'node-10000': 2, 'node-9999': 1 };
    assert.equal(
      siblingInWords({ value: 'v', node: 'node-9999', counter: 2, wall: 1, seen }),
      '"v": written on node-9999 after seeing node-10000\'s second and node-9999\'s first ' +
        'writes (its second write of the key)',
    );
  });

  it('a blind write saw nothing; a delete says so', () => {
    const text = siblingInWords({ deleted: true, node: 'node-1', counter: 1, wall: 1, seen: {} });
    assert.equal(
      text,
      'a delete: written on node-1 without seeing any earlier write (its first write of the key)',
    );
  });
});
