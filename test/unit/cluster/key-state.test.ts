// "Do the nodes agree on a key": one definition, used by inspect, the terminal table and the page.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { KeyState } from '../../../src/cluster/client.js';
import { allAgree, lwwWinner, rowStanding } from '../../../src/cluster/key-state.js';

const version = (node: string, wall: number) => ({ wall, logical: 0, node });
const row = (node: string, over: Partial<KeyState> = {}): KeyState => ({
  node,
  address: node,
  state: 'value',
  value: 'v',
  version: version('a', 1),
  ...over,
});

describe('allAgree', () => {
  it('holds when every node shows the same state, value and version', () => {
    assert.equal(allAgree([row('a'), row('b'), row('c')]), true);
  });

  it('holds for a single node that answered, and never for none', () => {
    assert.equal(allAgree([row('a')]), true);
    assert.equal(allAgree([]), false);
  });

  it('fails on another version, another value or another state', () => {
    assert.equal(allAgree([row('a'), row('b', { version: version('b', 2) })]), false);
    assert.equal(allAgree([row('a'), row('b', { value: 'w' })]), false);
    assert.equal(allAgree([row('a'), row('b', { state: 'deleted', value: null })]), false);
  });

  it('fails when the nodes are all unreachable: nobody answered, so nobody agrees', () => {
    const down = { state: 'unreachable' as const, value: null, version: null };
    assert.equal(allAgree([row('a', down), row('b', down)]), false);
  });
});

describe('lwwWinner and rowStanding', () => {
  it('the newest version wins; older rows lose; a node without the key is missing', () => {
    const rows = [
      row('a', { version: version('a', 5) }),
      row('b', { version: version('b', 3) }),
      row('c', { state: 'missing', value: null, version: null }),
    ];
    const winner = lwwWinner(rows);
    assert.deepEqual(winner, version('a', 5));
    assert.deepEqual(
      rows.map((r) => rowStanding(r, winner)),
      ['winner', 'loser', 'missing'],
    );
  });
});
