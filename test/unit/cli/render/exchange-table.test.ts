// The exchange as the terminal shows it: second passes counted and explained, within 110 columns.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { exchangeTable, secondPassNote } from '../../../../src/cli/render/exchange-table.js';
import type { PeerReport, RoundReport } from '../../../../src/api/reports.js';

const peer = (address: string, passes: number, pulled: string[], pushed = 0): PeerReport => ({
  peer: address,
  status: pulled.length > 0 || pushed > 0 ? 'repaired' : 'in_sync',
  roundTrips: passes === 1 ? 3 : 4,
  bytes: { sent: 300, received: 330 },
  keys: { pulled, pushed: Array.from({ length: pushed }, () => 'user:alice') },
  counts: { pulled: pulled.length, pushed },
  levels: 2,
  passes,
  durationMs: 1,
});

const round = (strategy: RoundReport['strategy'], ...peers: PeerReport[]): RoundReport => ({
  node: 'node-10001',
  strategy,
  durationMs: 5,
  peers,
});

const ids = { a: 'node-10002', b: 'node-10003' };

describe('secondPassNote', () => {
  it('names the peers gone over again, what was pulled and from whom, and why counts vary', () => {
    const note = secondPassNote(
      round('merkle', peer('a', 2, ['user:alice']), peer('b', 2, [])),
      ids,
    )!;
    assert.match(
      note,
      /second pass with node-10002, node-10003: node-10001 pulled user:alice from node-10002/,
    );
    assert.match(note, /hand it on/);
    assert.match(note, /varies from run to run/);
  });

  it('no second pass: no note', () => {
    assert.equal(
      secondPassNote(round('merkle', peer('a', 1, []), peer('b', 1, [])), ids),
      undefined,
    );
  });

  it('another strategy: the pass is named, the tree walk is not', () => {
    const note = secondPassNote(round('riblt', peer('a', 2, ['k1', 'k2']), peer('b', 2, [])), ids)!;
    assert.match(note, /pulled k1, k2 from node-10002/);
    assert.match(note, /hand them on$/);
    assert.doesNotMatch(note, /tree/);
  });
});

describe('exchangeTable', () => {
  it('names only the peer in each row, counts passes, and fits 110 columns', () => {
    const table = exchangeTable(
      round('merkle', peer('a', 2, ['user:alice']), peer('b', 2, [], 1)),
      { a: 'node-100002', b: 'node-100003' },
      { a: 250_200, b: 250_100 },
    );
    const lines = table.split('\n');
    for (const l of lines) assert.ok(l.length <= 110, `${l.length}: ${l}`);
    assert.match(table, /node-10001 with/);
    assert.match(table, /⇄ node-100002/);
    assert.match(table, /4 \(2 passes\)/);
  });
});
