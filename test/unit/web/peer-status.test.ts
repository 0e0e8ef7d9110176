// The live page tells a peer that refused the exchange (it answered with an error) from one
// that did not answer at all.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PeerReport } from '../../../src/api/reports.js';
import { apply, initialState } from '../../../src/web/model.js';
import { regions } from '../../../src/web/view/page.js';
import { roundReport, sample } from '../../helpers/web.js';

function failed(status: 'refused' | 'unreachable', reason: string, code?: string): PeerReport {
  const base = roundReport('k', 'in_sync').peers[0]!;
  return { ...base, status, reason, ...(code ? { code } : {}) };
}

describe('live page: a refused peer', () => {
  it('says refused, with what the peer answered, beside a peer that is unreachable', () => {
    const state = initialState();
    const at = '2026-12-07T12:00:00.000Z';
    const report = {
      ...roundReport('k', 'in_sync'),
      peers: [
        failed('refused', 'answered HTTP 401 unauthorized', 'unauthorized'),
        { ...failed('unreachable', 'connection refused'), peer: '127.0.0.1:2001' },
      ],
    };
    apply(state, {
      type: 'nodes',
      nodes: [sample('node1', 'r', null, undefined, [{ seq: 1, at, report }])],
      at,
    });
    const text = regions(state, 'live').activity.text;
    assert.match(
      text,
      /<li class="bad">⇄ 127.0.0.1:2000: refused \(answered HTTP 401 unauthorized\)<\/li>/,
    );
    assert.match(
      text,
      /<li class="bad">⇄ 127.0.0.1:2001: unreachable \(connection refused\)<\/li>/,
    );
  });
});
