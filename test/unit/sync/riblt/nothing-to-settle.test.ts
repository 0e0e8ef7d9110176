// A settling message with nothing to settle. The initiator settles once the peer's symbols
// decode; if another exchange of the same round made it equal to the peer after its opening
// went out, they decode to no difference, and its reply holds only the settle flag: no entries
// whose places it settles, no places wanted. isEmpty calls that "nothing more" and the exchange
// ends there: sending it would cost a round trip to compare roots that settling found equal
// already, and a peer changed meanwhile by its own exchanges would turn it into a walk.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runExchange, type Transport } from '../../../../src/node/sync/exchange.js';
import { emptyMessage, isEmpty } from '../../../../src/node/sync/wire/message.js';
import { emptyRiblt } from '../../../../src/node/sync/wire/riblt.js';
import { dump, entry, MAX_VALUE, replica, sharedPair, wire } from '../../../helpers/replica.js';

describe('riblt: a settling message with nothing to settle', () => {
  it('is "nothing more"', () => {
    const onlySettle = { ...emptyMessage(), riblt: { ...emptyRiblt(), settle: true } };
    assert.equal(isEmpty(onlySettle), true);
  });

  it('is built when the replicas met meanwhile, and the exchange ends without sending it', async () => {
    const { a, b, put } = await sharedPair(
      20,
      (i) => 1_000_000 + i,
      () => replica(4096),
    );
    const onlyA = entry('only-a', 'a', 4_000_000, 'na');
    const onlyB = entry('only-b', 'b', 4_000_001, 'nb');
    put(a, onlyA);
    put(b, onlyB);
    const send = wire(b);
    let sent = 0;
    const transport: Transport = async (body) => {
      sent += 1;
      // Another exchange of the round lands first: both replicas hold both keys now.
      if (sent === 1) {
        put(a, onlyB);
        put(b, onlyA);
      }
      return send(body);
    };
    const result = await runExchange(a, transport, 'riblt', MAX_VALUE);
    assert.equal(sent, 1, 'the opening alone: the settle-only reply was not sent');
    assert.equal(result.riblt?.fallback, undefined);
    assert.deepEqual(dump(a), dump(b));
  });
});
