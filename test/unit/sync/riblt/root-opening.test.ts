// The opening with the root alone, which a node sends a peer its last exchange with ended in
// sync: identical replicas in one round trip of a few dozen bytes; a difference that came since
// is still repaired, a small one in two round trips, a larger one in three; and the scheduler
// keeps, per peer, which opening to send.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Entry } from '../../../../src/node/replica/entry.js';
import { runExchange, type Replica } from '../../../../src/node/sync/exchange.js';
import {
  ROOT_OPENING_MAX_CHANGES,
  UNSAMPLED_FIRST_BATCH,
} from '../../../../src/node/sync/riblt/constants.js';
import { batchFromSamples } from '../../../../src/node/sync/riblt/root-opening.js';
import { decodeMessage } from '../../../../src/node/sync/wire/message.js';
import { dump, entry, MAX_VALUE, replica, wire } from '../../../helpers/replica.js';
import { onTrigger } from '../../../helpers/round.js';

/** Identical replicas' whole exchange after a sync may cost at most this (the bench's target). */
const IDENTICAL_LIMIT = 64;
const KEYS = 20_000;

/** Two replicas with the same KEYS entries, each with a sketch as riblt nodes keep. */
async function inSyncPair(): Promise<{ a: Replica; b: Replica }> {
  const a = await replica(4096);
  const b = await replica(4096);
  for (let i = 0; i < KEYS; i++) {
    const e = entry(`key:${i}`, `value-${i}`, 1_000_000 + i);
    a.merge(e);
    b.merge(e);
  }
  return { a, b };
}

/** Rewrites `n` shared keys on `side` (each is two differing items: the old version and the new). */
function rewrite(side: Replica, n: number, from = 0): Entry[] {
  const out: Entry[] = [];
  for (let i = from; i < from + n; i++) {
    const e = entry(`key:${i * 7}`, `rewritten-${i}`, 9_000_000_000 + i, 'n2');
    side.merge(e);
    out.push(e);
  }
  return out;
}

describe('riblt opening with the root alone', () => {
  it('identical replicas: one round trip, 28 bytes in all (21 sent, an empty answer of 7)', async () => {
    const { a, b } = await inSyncPair();
    const first = await runExchange(a, wire(b), 'riblt', MAX_VALUE);
    assert.ok(first.bytes.sent > IDENTICAL_LIMIT, 'the opening with samples is the larger one');
    assert.equal(first.endedInSync, true);
    const r = await runExchange(a, wire(b), 'riblt', MAX_VALUE, undefined, 'root');
    assert.equal(r.status, 'in_sync');
    assert.equal(r.roundTrips, 1);
    // version, an empty node table, five empty sections, the riblt tag and flags, the root's
    // digest (8) and entry count (3 bytes of varint at 20,000), no wanted places.
    assert.deepEqual(r.bytes, { sent: 21, received: 7 });
    assert.ok(r.bytes.sent + r.bytes.received <= IDENTICAL_LIMIT);
    assert.equal(r.riblt?.opening, 'root');
    assert.equal(r.endedInSync, true);
  });

  it('a rewrite since the sync: the small first batch decodes it, two round trips', async () => {
    const { a, b } = await inSyncPair();
    const written = rewrite(b, 1);
    const answers: number[] = [];
    const r = await runExchange(
      a,
      wire(b),
      'riblt',
      MAX_VALUE,
      (m) => {
        if (m.answer && m.message.riblt?.symbols) answers.push(m.seq);
      },
      'root',
    );
    assert.equal(r.roundTrips, 2);
    assert.equal(r.riblt?.symbols, UNSAMPLED_FIRST_BATCH, 'the first batch alone');
    assert.equal(r.riblt?.decoded, 2);
    assert.deepEqual(answers, [2], 'symbols came in the answer to the opening only');
    assert.deepEqual(r.keys.pulled, [written[0]!.key]);
    assert.deepEqual(dump(a), dump(b));
    assert.equal(r.endedInSync, true, 'the roots were checked equal once the entry moved');
  });

  for (const items of [60, 600]) {
    it(`${items} differing items since the sync: the next batch sized from both samples, three round trips`, async () => {
      const { a, b } = await inSyncPair();
      rewrite(a, items / 4);
      rewrite(b, items / 4, items);
      const sent: { more?: { from: number; count: number }; samples: boolean }[] = [];
      const r = await runExchange(
        a,
        wire(b),
        'riblt',
        MAX_VALUE,
        ({ message, answer }) => {
          const s = message.riblt;
          if (!answer && s?.more) sent.push({ more: s.more, samples: false });
          if (answer && s?.samples) sent.push({ samples: true });
        },
        'root',
      );
      assert.equal(r.roundTrips, 3);
      assert.equal(r.riblt?.decoded, items);
      assert.equal(r.riblt?.fallback, undefined);
      assert.deepEqual(dump(a), dump(b));
      // The responder's samples came with its first batch; the one request for more asks past
      // what decoding needs (~1.4 symbols an item), so no third batch was needed.
      assert.equal(sent[0]?.samples, true);
      const more = sent.find((s) => s.more)?.more;
      assert.equal(more?.from, UNSAMPLED_FIRST_BATCH);
      assert.ok(more!.from + more!.count >= 1.4 * items, JSON.stringify(more));
      assert.equal(sent.filter((s) => s.more).length, 1);
    });
  }

  it('asks past the estimate by its margin, and stops at the kept symbols', () => {
    assert.deepEqual(batchFromSamples(24, 100), { from: 24, count: 170 + 20 + 12 - 24 });
    assert.deepEqual(batchFromSamples(24, 1_000_000, 4096), { from: 24, count: 4096 - 24 });
    assert.equal(batchFromSamples(24, 1).count, 32, 'never fewer than a next batch');
  });

  it('the answer to a root-only opening that differs carries the samples; equal roots nothing', async () => {
    const { a, b } = await inSyncPair();
    const seen: Buffer[] = [];
    const tap = (to: Replica) => async (body: Buffer) => {
      const out = await wire(to)(body);
      seen.push(out);
      return out;
    };
    await runExchange(a, tap(b), 'riblt', MAX_VALUE, undefined, 'root');
    assert.equal(seen[0]!.length, 7);
    rewrite(b, 3);
    await runExchange(a, tap(b), 'riblt', MAX_VALUE, undefined, 'root');
    const answer = decodeMessage(seen[1]!, MAX_VALUE).riblt!;
    assert.ok(answer.samples && answer.root && answer.symbols);
  });
});

describe('the scheduler remembers, per peer, whether the last exchange ended in sync', () => {
  it('opens with samples, then with the root alone, and forgets a peer whose exchange ends apart', async () => {
    const { a, b } = await inSyncPair();
    const c = await replica(4096);
    for (const e of a.store.entries()) c.merge(e);
    let failC = false;
    const ae = onTrigger(
      a,
      (peer) =>
        peer === 'b'
          ? wire(b)
          : async (body) => {
              if (failC) throw new Error('connect ECONNREFUSED');
              return wire(c)(body);
            },
      'riblt',
    );
    const openings = async () => {
      const report = await ae.round(['b', 'c']);
      return Object.fromEntries(report.peers.map((p) => [p.peer, p.riblt?.opening ?? p.status]));
    };
    assert.deepEqual(await openings(), { b: 'samples', c: 'samples' }, 'nothing known yet');
    assert.deepEqual(await openings(), { b: 'root', c: 'root' });
    failC = true;
    assert.deepEqual(await openings(), { b: 'root', c: 'unreachable' });
    failC = false;
    assert.deepEqual(await openings(), { b: 'root', c: 'samples' }, 'c forgotten, b not');
    // An exchange that settles a difference and checks the roots equal ends in sync too.
    rewrite(b, 2);
    const repaired = await ae.round(['b']);
    assert.equal(repaired.peers[0]!.status, 'repaired');
    assert.equal(repaired.peers[0]!.riblt?.opening, 'root');
    assert.deepEqual(await openings(), { b: 'root', c: 'root' });
    assert.ok(
      (await ae.round(['b'])).peers[0]!.bytes.sent <= IDENTICAL_LIMIT,
      'after the repair, the next opening is the root alone',
    );
  });

  it('a node that took more than a few writes since opens with samples again', async () => {
    const { a, b } = await inSyncPair();
    const ae = onTrigger(a, () => wire(b), 'riblt');
    const opening = async () => (await ae.round(['b'])).peers[0]!.riblt?.opening;
    assert.equal(await opening(), 'samples');
    rewrite(a, ROOT_OPENING_MAX_CHANGES);
    assert.equal(await opening(), 'root', 'a few writes: the small first batch is for them');
    rewrite(a, ROOT_OPENING_MAX_CHANGES + 1, 100);
    assert.equal(await opening(), 'samples', 'more: the samples size the first batch');
    assert.equal(await opening(), 'root', 'that exchange ended in sync too');
  });

  it('an exchange whose roots differ at its end is forgotten: the next opens with samples', async () => {
    const { a, b } = await inSyncPair();
    let writeAfterAnswer = false;
    const ae = onTrigger(
      a,
      () => async (body) => {
        const out = await wire(b)(body);
        // The peer takes a write once it has sent its first batch: the roots its settling
        // answer brings differ from ours, and the exchange walks the tree instead.
        if (writeAfterAnswer) b.merge(entry('late', 'x', 9_500_000_000, 'n2'));
        writeAfterAnswer = false;
        return out;
      },
      'riblt',
    );
    await ae.round(['b']);
    assert.equal((await ae.round(['b'])).peers[0]!.riblt?.opening, 'root');
    writeAfterAnswer = true;
    rewrite(b, 1);
    const apart = (await ae.round(['b'])).peers[0]!;
    assert.match(apart.riblt?.fallback ?? '', /roots still differ/);
    assert.equal((await ae.round(['b'])).peers[0]!.riblt?.opening, 'samples');
  });
});
