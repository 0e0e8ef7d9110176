// The root check after settling, while other exchanges change a replica: a round talks to its
// peers at once, so an entry pulled from one peer can land while another exchange settles.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Entry } from '../../../../src/node/replica/entry.js';
import { runExchange, type Replica, type Transport } from '../../../../src/node/sync/exchange.js';
import { decodeMessage, encodeMessage } from '../../../../src/node/sync/wire/message.js';
import { dump, entry, MAX_VALUE, replica, sharedPair, wire } from '../../../helpers/replica.js';

const SYMBOLS = 4096;

/** What happens while the initiator's settling message is on its way, and to its answer. */
interface Meanwhile {
  /** Runs before the peer answers the settling message. */
  beforeAnswer?: () => void;
  /** Runs after the peer answered, before the initiator reads the answer. */
  afterAnswer?: () => void;
  /** An entry the initiator holds already, added to the answer (a key sharing a place). */
  held?: Entry;
}

/** The peer over the wire, with `meanwhile` happening around the answer to the settling message. */
function settlingWith(peer: Replica, meanwhile: Meanwhile): Transport {
  const send = wire(peer);
  return async (body) => {
    if (!decodeMessage(body, MAX_VALUE).riblt?.settle) return send(body);
    meanwhile.beforeAnswer?.();
    const answer = decodeMessage(await send(body), MAX_VALUE);
    if (meanwhile.held) answer.entries.push(meanwhile.held);
    meanwhile.afterAnswer?.();
    return encodeMessage(answer);
  };
}

/** Two replicas sharing 20 entries, each with a key of its own. */
async function pair() {
  const { a, b, put } = await sharedPair(
    20,
    (i) => 1_000_000 + i,
    () => replica(SYMBOLS),
  );
  put(a, entry('only-a', 'a', 4_000_000, 'na'));
  put(b, entry('only-b', 'b', 4_000_001, 'nb'));
  return { a, b };
}

/** The exchange the round's second pass runs: hands on what came meanwhile, then equal roots. */
async function secondPass(a: Replica, b: Replica, key: string) {
  const again = await runExchange(a, wire(b), 'riblt', MAX_VALUE);
  assert.equal(again.riblt?.fallback, undefined);
  assert.deepEqual([...again.keys.pushed, ...again.keys.pulled], [key]);
  assert.deepEqual(dump(a), dump(b));
  assert.equal(a.store.tree.root().digest, b.store.tree.root().digest);
}

describe('riblt: the root check after settling, with other exchanges at once', () => {
  for (const held of [false, true]) {
    const also = held ? ', and the answer carries an entry we hold' : '';
    it(`an entry pulled from another peer while settling is no collision${also}`, async () => {
      const { a, b } = await pair();
      const elsewhere = entry('from-node-3', 'c', 5_000_000, 'nc');
      const result = await runExchange(
        a,
        settlingWith(b, {
          afterAnswer: () => a.merge(elsewhere),
          ...(held ? { held: a.store.get('key:3')! } : {}),
        }),
        'riblt',
        MAX_VALUE,
      );
      assert.equal(result.riblt?.fallback, undefined, 'no walk: the roots differ by what came');
      assert.equal(result.levels, 0);
      assert.ok(result.keys.pulled.includes('only-b'));
      assert.deepEqual(result.keys.pushed, ['only-a']);
      await secondPass(a, b, 'from-node-3');
    });
  }

  it('the peer changed meanwhile: the walk, with a reason that does not claim a collision', async () => {
    const { a, b } = await pair();
    const elsewhere = entry('from-node-3', 'c', 5_000_000, 'nc');
    const result = await runExchange(
      a,
      settlingWith(b, { beforeAnswer: () => b.merge(elsewhere) }),
      'riblt',
      MAX_VALUE,
    );
    assert.match(result.riblt?.fallback ?? '', /a hash collision, or the peer changed meanwhile/);
    assert.deepEqual(dump(a), dump(b), 'the walk carried the rest');
  });
});
