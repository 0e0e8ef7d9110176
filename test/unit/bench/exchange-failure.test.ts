// The exchange grid tells an exchange that ran to its end from one whose peer did not answer
// or refused: the latter's bytes and round trips are not a measurement.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { exchangeFailure } from '../../../src/bench/exchange.js';
import type { PeerReport } from '../../../src/api/reports.js';
import { peerReport } from '../../helpers/reports.js';

const peer = (status: PeerReport['status'], reason?: string): PeerReport =>
  peerReport('http://127.0.0.1:1', status, reason ? { reason } : {});

test('in sync and repaired exchanges completed', () => {
  assert.equal(exchangeFailure(peer('in_sync')), undefined);
  assert.equal(exchangeFailure(peer('repaired')), undefined);
});

test('an unreachable or refusing peer is named with its reason', () => {
  assert.equal(exchangeFailure(peer('unreachable', 'timeout')), 'unreachable: timeout');
  assert.equal(exchangeFailure(peer('refused')), 'refused');
});
