// The terminal's last line of a run: how many nodes and keys converged, in words that agree with
// their counts ("1 key", as the concurrent scenario ends, not "1 keys").
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { stripVTControlCharacters } from 'node:util';
import { StoryPrinter } from '../../../../src/cli/render/story.js';

function verdictOf(nodes: number, keys: number): string {
  let text = '';
  new StoryPrinter((t) => (text += t)).verdict(true, nodes, keys, 'ab12cd34ef56', [], 1200);
  return stripVTControlCharacters(text).trim();
}

describe('the verdict line', () => {
  it('counts one key as a key and many as keys', () => {
    assert.match(verdictOf(3, 1), /^✔ Converged: 3 nodes, 1 key, one root ab12cd… +total 1\.20 s$/);
    assert.match(verdictOf(3, 1002), /^✔ Converged: 3 nodes, 1,002 keys, one root /);
  });
});
