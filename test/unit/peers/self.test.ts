import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Faults } from '../../../src/node/peers/faults.js';
import { advertisedAddress, sameNode, withoutSelf } from '../../../src/node/peers/self.js';

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

describe('peers: one node under two names', () => {
  it('a pod or container host name matches its service name, IP addresses only whole', () => {
    assert.equal(sameNode('ae-1.ae:9999', 'ae-1:9999'), true);
    assert.equal(sameNode('ae-1.ae.default.svc.cluster.local:9999', 'ae-1:9999'), true);
    assert.equal(sameNode('ae-1.ae:9999', 'ae-1:10000'), false);
    assert.equal(sameNode('ae-1.ae:9999', 'ae-2:9999'), false);
    assert.equal(sameNode('10.0.0.1:9999', '10.0.0.2:9999'), false);
    assert.equal(sameNode('127.0.0.1:9999', '127.0.0.1:9999'), true);
  });

  it('bound to every interface, a node gives its host name as its address', () => {
    assert.equal(advertisedAddress('0.0.0.0', 9999, 'ae-0'), 'ae-0:9999');
    assert.equal(advertisedAddress('::', 9999, 'ae-0'), 'ae-0:9999');
    assert.equal(advertisedAddress('127.0.0.1', 9999, 'ae-0'), '127.0.0.1:9999');
    assert.equal(advertisedAddress('::1', 9999, 'ae-0'), '[::1]:9999');
  });

  it('a node cut off from ae-1.ae:9999 drops what ae-1:9999 sends', () => {
    const faults = new Faults();
    faults.partition(['ae-1.ae:9999']);
    assert.equal(faults.isCut('ae-1:9999'), true);
    assert.equal(faults.isCut('ae-2:9999'), false);
  });
});
