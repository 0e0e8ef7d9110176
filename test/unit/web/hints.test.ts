// Hinted handoff as the nodes said it: one reading for the page's switch, its words and the
// setting a restarted node is given.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { clusterHints, hintsSaid } from '../../../src/web/hints.js';
import type { NodeSample } from '../../../src/web/model.js';
import { sample } from '../../helpers/web.js';

/** node`i` with hinted handoff `enabled` (null: it did not say), up unless `status` says. */
function node(i: number, enabled: boolean | null, status: NodeSample['status'] = 'up') {
  return { ...sample(`node${i}`, 'r', null), status, hints: { enabled, pending: 0 } };
}

describe('hinted handoff as the nodes said it', () => {
  it('on or off everywhere is the setting; both at once is none', () => {
    assert.deepEqual(hintsSaid([node(1, true), node(2, true)]), {
      on: ['node1', 'node2'],
      off: [],
    });
    assert.equal(clusterHints([node(1, true), node(2, true)]), true);
    assert.equal(clusterHints([node(1, false), node(2, false)]), false);
    const mixed = [node(1, true), node(2, false), node(3, true)];
    assert.deepEqual(hintsSaid(mixed), { on: ['node1', 'node3'], off: ['node2'] });
    assert.equal(clusterHints(mixed), null);
  });

  it('a node that is down or did not say counts neither way', () => {
    const quiet = [node(1, true), node(2, null), node(3, false, 'down')];
    assert.deepEqual(hintsSaid(quiet), { on: ['node1'], off: [] });
    assert.equal(clusterHints(quiet), true);
    // A node cut off from its peers still answers the page, so what it says counts.
    assert.equal(clusterHints([node(1, true), node(2, false, 'cut-off')]), null);
    assert.deepEqual(hintsSaid([node(1, null), node(2, true, 'down')]), { on: [], off: [] });
    assert.equal(clusterHints([node(1, null), node(2, true, 'down')]), null);
    assert.equal(clusterHints([]), null);
  });
});
