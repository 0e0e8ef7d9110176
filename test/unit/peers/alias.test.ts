import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { aliasesOf, configuredPeers, type Resolve } from '../../../src/node/peers/alias.js';
import { Faults } from '../../../src/node/peers/faults.js';

/** A resolver from a table: what the machine's hosts file would say. */
const table: Record<string, string[]> = {
  localhost: ['127.0.0.1', '::1'],
  '127.0.0.1': ['127.0.0.1'],
  'db-2': ['10.0.0.2'],
};
const resolve: Resolve = async (host) => table[host] ?? [];

describe('peers: the configured peer a name given to the fault route means', () => {
  const peers = ['localhost:10001', 'localhost:10002', 'ae-3.ae:9999'];

  it('an entry itself, a pod address sameNode knows, and an alias that resolves alike', async () => {
    const got = await configuredPeers(
      ['localhost:10001', 'ae-3:9999', '127.0.0.1:10002'],
      peers,
      resolve,
    );
    assert.deepEqual(got, {
      entries: ['localhost:10001', 'ae-3.ae:9999', 'localhost:10002'],
      unknown: [],
    });
  });

  it('an address on another port, or another host, means no peer', async () => {
    const got = await configuredPeers(['127.0.0.1:10009', '10.0.0.2:10001'], peers, resolve);
    assert.deepEqual(got, { entries: [], unknown: ['127.0.0.1:10009', '10.0.0.2:10001'] });
  });

  it('two names of one peer give its entry once', async () => {
    const got = await configuredPeers(['127.0.0.1:10001', 'localhost:10001'], peers, resolve);
    assert.deepEqual(got.entries, ['localhost:10001']);
  });

  it('a cut entry is recognised by the addresses it resolved to, as senders give them', async () => {
    const faults = new Faults();
    const entries = ['localhost:10001'];
    faults.partition(entries, await aliasesOf(entries, resolve));
    assert.equal(faults.isCut('127.0.0.1:10001'), true);
    assert.equal(faults.isCut('[::1]:10001'), true);
    assert.equal(faults.isCut('127.0.0.1:10002'), false);
    assert.deepEqual(faults.cut(), ['localhost:10001']);
    faults.heal(['localhost:10001']);
    assert.equal(faults.isCut('127.0.0.1:10001'), false);
  });
});
