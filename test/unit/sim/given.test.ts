// simulate --given: a `run --json` document becomes each replica's entries, exactly (versions
// and tombstones included); anything else is refused with a sentence that says what to do.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GivenError, keyProblem, parseGiven } from '../../../src/sim/given.js';
import { treeKeyFingerprint } from '../../../src/node/replica/tree-key.js';

const V1 = { wall: 1_795_862_577_719_903, logical: 0, node: 'node-9999' };
const V2 = { wall: 1_795_862_577_723_714, logical: 2, node: 'node-10000' };

/** A run --json document with these before tables (node ids in order). */
function doc(before: Record<string, Record<string, unknown>>): string {
  return JSON.stringify({
    scenario: 'seed',
    nodes: Object.keys(before).map((id) => ({ id })),
    before,
    converged: true,
  });
}

describe('simulate --given (parseGiven)', () => {
  it('gives replica i what node i held: values, tombstones, versions; nothing for a missing key', () => {
    const given = parseGiven(
      doc({
        'node-9999': {
          'user:alice': { state: 'value', value: 'from node 1', version: V1 },
          'user:bob': { state: 'deleted', value: null, version: V1 },
        },
        'node-10000': { 'user:alice': { state: 'value', value: 'from node 2', version: V2 } },
        'node-10001': { 'user:alice': { state: 'missing', value: null, version: null } },
      }),
    );
    assert.equal(given.nodes, 3);
    assert.deepEqual(given.entries, [
      { replica: 0, entry: { key: 'user:alice', value: 'from node 1', version: V1 } },
      { replica: 0, entry: { key: 'user:bob', value: null, version: V1 } },
      { replica: 1, entry: { key: 'user:alice', value: 'from node 2', version: V2 } },
    ]);
  });

  const bad: [string, string][] = [
    ['not JSON', '{"nodes": ['],
    ['no nodes', JSON.stringify({ before: {} })],
    ['no before table for a node', JSON.stringify({ nodes: [{ id: 'a' }], before: {} })],
    [
      'an unreachable node',
      doc({ a: { k: { state: 'unreachable', value: null, version: null } } }),
    ],
    [
      'a version without wall',
      doc({ a: { k: { state: 'value', value: 'v', version: { logical: 0, node: 'a' } } } }),
    ],
    [
      'a fractional wall',
      doc({ a: { k: { state: 'value', value: 'v', version: { ...V1, wall: 1.5 } } } }),
    ],
    [
      'an empty node id',
      doc({ a: { k: { state: 'value', value: 'v', version: { ...V1, node: '' } } } }),
    ],
    ['a value that is not a string', doc({ a: { k: { state: 'value', value: 7, version: V1 } } })],
    ['an empty key', doc({ a: { '': { state: 'value', value: 'v', version: V1 } } })],
    [
      'a keyed tree without its fingerprint',
      JSON.stringify({ ...JSON.parse(doc({ a: {} })), tree: { keyed: true } }),
    ],
  ];
  for (const [what, text] of bad) {
    it(`refuses ${what}, saying how to write the file`, () => {
      assert.throws(
        () => parseGiven(text),
        (error: unknown) =>
          error instanceof GivenError &&
          /ae-demo run --keys 0 --cluster-key-file KEYFILE --json > FILE\.$/.test(error.message),
      );
    });
  }

  it("reads how the run's trees were hashed, and refuses a simulation that would hash them otherwise", () => {
    const keyed = { keyed: true, keyFingerprint: treeKeyFingerprint('s3cret') };
    const text = JSON.stringify({ ...JSON.parse(doc({ a: {} })), tree: keyed });
    assert.deepEqual(parseGiven(text).tree, keyed);
    assert.equal(parseGiven(doc({ a: {} })).tree, undefined, 'an older file says nothing');
    assert.equal(keyProblem(keyed, 's3cret'), undefined);
    assert.match(keyProblem(keyed, undefined)!, /keyed from its cluster key; give the simulation/);
    assert.match(keyProblem(keyed, 'other')!, /not the run's \(tree key [0-9a-f]{16}, the run's/);
    assert.doesNotMatch(keyProblem(keyed, 'other')!, /other|s3cret/);
    assert.equal(keyProblem({ keyed: false }, undefined), undefined);
    assert.match(keyProblem({ keyed: false }, 'k')!, /no cluster key.*drop the cluster key$/);
    assert.equal(keyProblem(undefined, 'k'), undefined);
  });
});
