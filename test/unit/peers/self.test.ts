import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { withoutSelf } from '../../../src/node/peers/self.js';

describe('peers: the entry that names the node itself', () => {
  const all = ['ae-0.ae:9999', 'ae-1.ae:9999', 'ae-2.ae:9999'];

  it('a StatefulSet pod leaves its own DNS name out of the shared list', () => {
    assert.deepEqual(withoutSelf(all, 'ae-1', 9999), {
      peers: ['ae-0.ae:9999', 'ae-2.ae:9999'],
      self: ['ae-1.ae:9999'],
    });
    assert.deepEqual(withoutSelf(['AE-2:9999', 'ae-3:9999'], 'ae-2', 9999).self, ['AE-2:9999']);
  });

  it('nodes on one machine differ by port, so none is left out', () => {
    const local = ['laptop:10000', 'laptop:10001'];
    assert.deepEqual(withoutSelf(local, 'laptop', 9999), { peers: local, self: [] });
    assert.deepEqual(withoutSelf(all, 'ae-10', 9999).self, []);
    assert.deepEqual(withoutSelf(['[::1]:9999'], '', 9999).self, []);
  });
});
