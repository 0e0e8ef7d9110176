// The exchange table tells a peer that refused the exchange from one that did not answer.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PeerReport } from '../../../../src/api/reports.js';
import { exchangeTable } from '../../../../src/cli/render/exchange-table.js';
import { peerReport } from '../../../helpers/reports.js';

const failed = (peer: string, status: PeerReport['status'], reason: string): PeerReport =>
  peerReport(peer, status, { reason });

describe('exchange table: refused and unreachable peers', () => {
  it('names each status with its reason under it', () => {
    const table = exchangeTable(
      {
        node: 'node-1',
        strategy: 'merkle',
        durationMs: 2,
        peers: [
          { ...failed('a', 'refused', 'answered HTTP 401 unauthorized'), code: 'unauthorized' },
          failed('b', 'unreachable', 'connection refused'),
        ],
      },
      { a: 'node-2', b: 'node-3' },
      {},
      100,
    );
    const lines = table.split('\n');
    const row = (name: string) => lines.findIndex((l) => l.includes(name));
    assert.match(lines[row('node-2')]!, /refused/);
    assert.match(lines[row('node-2') + 1]!, /answered HTTP 401 unauthorized/);
    assert.match(lines[row('node-3')]!, /unreachable/);
    assert.match(lines[row('node-3') + 1]!, /connection refused/);
  });
});
