// A message's record: its step named from what it carries, its counts, and an exchange's receipt.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { carried, stepOf } from '../../../src/node/sync/message-record.js';
import { entryBytes, log2Choose, receiptOf } from '../../../src/node/sync/receipt.js';
import { emptyMessage, encodeMessage } from '../../../src/node/sync/wire/message.js';
import { emptyRiblt } from '../../../src/node/sync/wire/riblt.js';

const child = (count: number) => ({ digest: BigInt(count), count });
const children = (n: number) => Array.from({ length: 16 }, (_, j) => child(j < n ? 1 : 0));
const entry = (key: string, value: string | null = 'v') => ({
  key,
  value,
  version: { wall: 1_700_000_000_000_000, logical: 0, node: 'node-1' },
});

describe('message records', () => {
  it('names the opening of each strategy, and later messages by what they do', () => {
    const root = emptyMessage();
    root.probes.push({ level: 0, index: 0, children: children(16) });
    assert.equal(stepOf(root, true), 'root');
    assert.equal(stepOf(root, false), 'probe');
    const full = emptyMessage();
    full.entries.push(entry('a'));
    full.dumps.push({ level: 0, index: 0 });
    assert.equal(stepOf(full, true), 'full');
    assert.equal(stepOf(full, false), 'dump');
    const open = emptyMessage();
    open.riblt = { ...emptyRiblt(), open: { digest: 1n, count: 1 }, samples: new Uint8Array(4) };
    assert.equal(stepOf(open, true), 'open');
    open.riblt = { ...emptyRiblt(), open: { digest: 1n, count: 1 } };
    assert.equal(stepOf(open, true), 'open', 'the root alone opens too');
    const pull = emptyMessage();
    pull.entries.push(entry('a'));
    pull.wants.push('b');
    assert.equal(stepOf(pull, false), 'entries');
    assert.equal(stepOf(emptyMessage(), false), 'done');
  });

  it('counts what a message carried: digests, keys, wants, level', () => {
    const m = emptyMessage();
    m.probes.push({ level: 1, index: 3, children: children(5) });
    m.probes.push({ level: 2, index: 50, children: children(2) });
    m.entries.push(...Array.from({ length: 25 }, (_, i) => entry(`k${i}`)));
    m.wants.push('x', 'y');
    const c = carried(m);
    assert.equal(c.probes, 2);
    assert.equal(c.digests, 7);
    assert.equal(c.level, 2);
    assert.equal(c.entries, 25);
    assert.equal(c.keys?.length, 20);
    assert.equal(c.wants, 2);
    assert.deepEqual(carried(emptyMessage()), {});
  });
});

describe('receipts', () => {
  it('log2 C(n, d): exact for small cases, 0 at the edges', () => {
    assert.equal(log2Choose(4, 2), Math.log2(6));
    assert.equal(log2Choose(1000, 0), 0);
    assert.equal(log2Choose(1000, 1000), 0);
    assert.ok(Math.abs(log2Choose(1000, 1) - Math.log2(1000)) < 1e-9);
  });

  it("E is the entries' bytes in an entries message, beyond the empty message", () => {
    const one = [entry('user:alice', 'alice_data')];
    const m = emptyMessage();
    m.entries.push(...one);
    assert.equal(entryBytes(one), encodeMessage(m).length - encodeMessage(emptyMessage()).length);
    assert.equal(entryBytes([]), 0);
  });

  it('the floor is E plus the bits that name the d keys; the ratio is bytes over it', () => {
    const r = receiptOf(1, 40, 1024, 100);
    assert.equal(r.floorBytes, 42, '40 + log2(1024) / 8 = 41.25, rounded up');
    assert.equal(r.ratio, Math.round((100 / r.floorBytes) * 100) / 100);
    assert.equal(receiptOf(0, 0, 1000, 24).ratio, null);
  });
});
