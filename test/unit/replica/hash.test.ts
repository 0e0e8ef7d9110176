// The hash functions pinned to values they gave when HASH_SCHEME was set. Data directories keep
// each entry's placement and digest under that number, so changing either function without
// bumping it would make a node trust hashes its tree no longer agrees with: this test fails
// first. (Nodes of different builds must also agree on them to compare trees at all.)
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { HASH_SCHEME, loadHasher } from '../../../src/node/replica/hash.js';

const hasher = await loadHasher();

describe('hash scheme', () => {
  it('is scheme 1: placement and entry digest as stored in data directories', () => {
    assert.equal(HASH_SCHEME, 1, 'bump the pinned values below with the scheme');
    assert.equal(hasher.place('k0'), 4119918097);
    assert.equal(hasher.place('user:42'), 2601778579);
    assert.equal(hasher.place(''), 917998311);
    assert.equal(
      hasher.entryDigest('k0', { wall: 1, logical: 0, node: 'n1' }, 'v0'),
      0xe272b61d9b9beb8bn,
    );
    assert.equal(
      hasher.entryDigest(
        'user:42',
        { wall: 1730000000000000, logical: 3, node: 'node-9999' },
        null,
      ),
      0x1cd7870127d1c450n,
    );
  });

  it('orders equal versions by the same value digest on every build', () => {
    assert.equal(hasher.valueDigest('hello'), 0x487a762cb66e68a9n);
  });

  it('tells a tombstone from a value, and fields apart from each other', () => {
    const v = { wall: 5, logical: 1, node: 'n' };
    assert.notEqual(hasher.entryDigest('a', v, null), hasher.entryDigest('a', v, ''));
    assert.notEqual(hasher.entryDigest('a', v, 'T'), hasher.entryDigest('a', v, null));
    assert.notEqual(
      hasher.entryDigest('ab', { ...v, node: 'c' }, 'x'),
      hasher.entryDigest('a', { ...v, node: 'bc' }, 'x'),
    );
  });
});
