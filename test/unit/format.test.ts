// Shared wording: who won a key and why, in one sentence that never contradicts itself; costs
// compared the right way round; counts that agree with their nouns.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  beside,
  counted,
  entriesVs,
  failedPeers,
  fullRoundBytes,
  morePairs,
  roundCounts,
  tryCommands,
  winnerParts,
} from '../../src/format.js';
import type { WriteLine } from '../../src/story/events.js';
import type { PeerReport, RoundReport } from '../../src/api/reports.js';

const v = (node: string, wall: number) => ({ wall, logical: 0, node });
const sentence = (p: { by: string; than: string; missing: string }) =>
  `${p.by}${p.than}${p.missing}`;

describe('winnerParts', () => {
  it('a writer whose copy is gone is not also listed as having none (the delete scenario)', () => {
    const text = sentence(
      winnerParts({
        key: 'user:hank',
        value: 'hank_data',
        version: v('node-9999', 1_700_000_000_000_000),
        losers: [
          { node: 'node-9999', version: null, state: 'missing' },
          { node: 'node-10000', version: null, state: 'missing' },
        ],
      }),
    );
    assert.match(
      text,
      /^node-9999's write \(.+\), which node-9999 itself no longer held; node-10000 had none$/,
    );
    assert.equal(text.match(/node-9999/g)!.length, 2, text);
  });

  it('older versions and nodes without the key, as before', () => {
    const text = sentence(
      winnerParts({
        key: 'user:alice',
        value: 'b',
        version: v('node-2', 2_000_000),
        losers: [
          { node: 'node-1', version: v('node-1', 1_000_000), state: 'value' },
          { node: 'node-3', version: null, state: 'missing' },
        ],
      }),
    );
    assert.match(text, /^node-2's write \(.+\) is newer than node-1's \(.+\); node-3 had none$/);
  });

  it('only nodes without the key', () => {
    const text = sentence(
      winnerParts({
        key: 'k',
        value: null,
        version: v('node-1', 1_000_000),
        losers: [{ node: 'node-3', version: null, state: 'missing' }],
      }),
    );
    assert.match(text, /^node-1's delete \(.+\), node-3 had none$/);
  });
});

describe('tryCommands', () => {
  it('names the first node for writes and triggers and every node for inspect and diff', () => {
    const commands = tryCommands(['127.0.0.1:20000', '127.0.0.1:20001']);
    assert.deepEqual(commands, [
      'npx ae-demo put user:alice alice_data --node 127.0.0.1:20000 --direct',
      'npx ae-demo inspect user:alice --nodes 127.0.0.1:20000,127.0.0.1:20001',
      'npx ae-demo diff --nodes 127.0.0.1:20000,127.0.0.1:20001',
      'npx ae-demo trigger --node 127.0.0.1:20000',
    ]);
  });
});

describe('beside: a full exchange against what the exchange shipped', () => {
  it('says "more" when the full exchange costs more, with a whole factor from 10 up', () => {
    assert.equal(beside(250_200, 388), '250.2 kB (645× more)');
    assert.equal(beside(600, 250), '600 B (2.4× more)');
  });

  it('says "less" when the full exchange is cheaper (a store of two keys)', () => {
    assert.equal(beside(51, 76), '51 B (1.5× less)');
    assert.equal(beside(100, 1_000), '100 B (10× less)');
  });

  it('about the same within 10%, and nothing to compare without a figure', () => {
    assert.equal(beside(486_400, 487_100), '486.4 kB (about the same)');
    assert.equal(beside(undefined, 10), '—');
    assert.equal(beside(10, 0), '—');
  });

  it('like with like: a full exchange per pass, as a round of the full strategy makes', () => {
    assert.equal(fullRoundBytes(243_200, 2), 486_400);
    assert.equal(fullRoundBytes(undefined, 2), undefined);
    // The full strategy's own two-pass round beside full exchanges: about the same, not "1× more".
    assert.equal(beside(fullRoundBytes(243_200, 2), 487_100), '486.4 kB (about the same)');
  });
});

describe('counts and their nouns', () => {
  it('one entry, many entries', () => {
    assert.equal(counted(1, 'entry', 'entries'), '1 entry');
    assert.equal(counted(1002, 'entry', 'entries'), '1,002 entries');
    assert.equal(entriesVs(1, 1), '1 vs 1 entry');
    assert.equal(entriesVs(1002, 1001), '1,002 vs 1,001 entries');
  });

  it('one more pair differs, and ae-demo diff is offered only for a cluster that is kept', () => {
    assert.match(morePairs(1), /^1 more pair of nodes differs, /);
    assert.match(morePairs(3), /^3 more pairs of nodes differ, /);
    assert.match(morePairs(1), /with --keep, ae-demo diff/);
  });
});

describe('failedPeers', () => {
  const write = (failed: { peer: string; reason: string; hinted?: boolean }[]): WriteLine => ({
    method: 'PUT',
    key: 'user:frank',
    node: 'node-1',
    direct: false,
    value: 'v',
    version: { wall: 1, logical: 0, node: 'node-1' },
    acked: [],
    failed,
  });

  it('groups peers by reason and never nests parentheses', () => {
    const cut = 'network cut (fault injection)';
    const text = failedPeers(
      write([
        { peer: 'node-2', reason: cut },
        { peer: 'node-3', reason: cut },
        { peer: 'node-4', reason: 'connection reset' },
      ]),
    );
    assert.equal(text, 'node-2, node-3: network cut (fault injection); node-4: connection reset');
    assert.doesNotMatch(text, /\([^)]*\(/);
  });

  it('says which failed peers the writer keeps the write for (a hint)', () => {
    const text = failedPeers(
      write([
        { peer: 'node-2', reason: 'connection reset', hinted: true },
        { peer: 'node-3', reason: 'connection reset' },
      ]),
    );
    assert.equal(text, 'node-2: connection reset, kept as a hint; node-3: connection reset');
  });
});

describe('roundCounts', () => {
  const peer = (status: PeerReport['status']) => ({ status }) as PeerReport;
  const round = (...statuses: PeerReport['status'][]) =>
    ({
      node: 'node-1',
      strategy: 'merkle',
      durationMs: 1,
      peers: statuses.map(peer),
    }) as RoundReport;

  it('counts every status the terminal and the page name, in sync included', () => {
    assert.equal(roundCounts(round('in_sync', 'in_sync')), '0 repaired, 2 in sync, 0 unreachable');
    assert.equal(
      roundCounts(round('repaired', 'unreachable', 'refused')),
      '1 repaired, 0 in sync, 1 unreachable, 1 refused',
    );
  });
});
