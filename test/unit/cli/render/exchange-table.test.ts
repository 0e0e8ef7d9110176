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

describe('secondPassNote: what was pulled, each key once', () => {
  it('a key two peers both sent is named once (the crash and delete scenarios)', () => {
    const note = secondPassNote(
      round('merkle', peer('a', 2, ['user:erin']), peer('b', 2, ['user:erin'])),
      ids,
    )!;
    assert.match(note, /pulled user:erin from node-10002, node-10003 /);
    assert.doesNotMatch(note, /user:erin, user:erin/);
    assert.match(note, /hand it on/);
  });

  it('lists cut short: the names kept, once each, and at least the largest count', () => {
    const cut = (address: string, keys: string[], total: number): PeerReport => ({
      ...peer(address, 2, keys),
      counts: { pulled: total, pushed: 0 },
    });
    const note = secondPassNote(
      round('full', cut('a', ['k0', 'k1', 'k2'], 1040), cut('b', ['k0', 'k5', 'k6'], 1040)),
      ids,
    )!;
    assert.match(note, /pulled k0, k1, k2, … \(at least 1,040 in all\) from/);
  });
});

describe('exchangeTable', () => {
  it('says "in sync" in words, not the report\'s in_sync', () => {
    const table = exchangeTable(round('merkle', peer('a', 1, [])), ids, { a: 1_000 });
    assert.match(table, /in sync/);
    assert.doesNotMatch(table, /in_sync/);
  });

  it('compares like with like: full exchanges for every pass, and says when they are cheaper', () => {
    const table = exchangeTable(
      round('merkle', peer('a', 2, ['user:alice']), peer('b', 1, [])),
      ids,
      { a: 250_000, b: 315 },
      200,
    );
    // 630 bytes in two passes beside 2 × 250 kB; 630 bytes beside one full exchange of 315 B.
    assert.match(table, /500\.0 kB \(794× more\)/);
    assert.match(table, /315 B \(2× less\)/);
  });

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
