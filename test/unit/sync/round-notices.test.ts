import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PeerReport, RoundReport } from '../../../src/api/reports.js';
import { HOST_NOT_FOUND } from '../../../src/net/network-reason.js';
import { roundNotices } from '../../../src/node/sync/round-notices.js';
import { roundReport } from '../../helpers/web.js';

/** A round whose only peer ended as given. */
function round(peer: string, outcome: Partial<PeerReport>): RoundReport {
  const report = roundReport('user:alice', 'in_sync');
  return { ...report, peers: [{ ...report.peers[0]!, peer, ...outcome }] };
}

describe('round notices: what the node logs about each round', () => {
  it('a peer that does not resolve is said once, then once more when it resolves', () => {
    const lines: string[] = [];
    const notice = roundNotices((line) => lines.push(line));
    const unresolved = { status: 'unreachable', reason: HOST_NOT_FOUND } as const;
    for (let i = 0; i < 5; i++) notice(round('ae-2.ae:9999', unresolved));
    notice(round('ae-2.ae:9999', { status: 'in_sync' }));
    notice(round('ae-2.ae:9999', { status: 'in_sync' }));
    assert.deepEqual(lines, [
      'anti-entropy: ae-2.ae:9999 does not resolve yet (host name not found); trying it every round',
      'anti-entropy: ae-2.ae:9999 resolves now',
    ]);
  });

  it('a refused connection and a repair are said every round, as before', () => {
    const lines: string[] = [];
    const notice = roundNotices((line) => lines.push(line));
    const refused = { status: 'unreachable', reason: 'connection refused' } as const;
    notice(round('a:1', refused));
    notice(round('a:1', refused));
    notice(roundReport());
    assert.deepEqual(lines, [
      'anti-entropy: a:1 unreachable (connection refused)',
      'anti-entropy: a:1 unreachable (connection refused)',
      'anti-entropy with 127.0.0.1:2000: pulled 1, pushed 0 in 3 round trips, 634 bytes',
    ]);
  });
});
