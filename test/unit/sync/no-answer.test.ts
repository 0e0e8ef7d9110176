import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { MessageRecord } from '../../../src/api/messages.js';
import { PeerError, type PeerClient } from '../../../src/node/peers/client.js';
import { recordedClient } from '../../../src/node/peers/recorded.js';
import { recordExchange } from '../../../src/node/sync/exchange-records.js';
import { runExchange } from '../../../src/node/sync/exchange.js';
import { MessageTap } from '../../../src/node/sync/message-tap.js';
import { emptyMessage, encodeMessage } from '../../../src/node/sync/wire/message.js';
import { entry, MAX_VALUE, replica, wire } from '../../helpers/replica.js';

const PEER = '127.0.0.1:9';
const DOWN = 'connect ECONNREFUSED 127.0.0.1:9';

/** A tap with a listener, and what it heard. */
function listening(): { tap: MessageTap; heard: MessageRecord[] } {
  const tap = new MessageTap();
  const heard: MessageRecord[] = [];
  tap.subscribe((r) => heard.push(r));
  return { tap, heard };
}

/** A peer client whose every send fails as a down peer's does. */
const downPeer: PeerClient = {
  send: () => Promise.reject(new PeerError(PEER, DOWN)),
  idOf: () => undefined,
  wireBytes: () => ({ sent: 0, received: 0 }),
  close: () => undefined,
};

describe('a message that got no answer is recorded, with why', () => {
  it('replication to a down peer: the write it sent, and no acknowledgement', async () => {
    const { tap, heard } = listening();
    const client = recordedClient(downPeer, 'node-1', tap);
    const body = encodeMessage({ ...emptyMessage(), entries: [entry('user:alice', 'v', 1)] });
    await assert.rejects(client.send(PEER, body, 1_000, 'replicate'), PeerError);
    assert.equal(heard.length, 1);
    const [sent] = heard;
    assert.equal(sent!.from, 'node-1');
    assert.equal(sent!.to, PEER, 'a peer that never answered is named by its address');
    assert.equal(sent!.kind, 'replicate');
    assert.equal(sent!.bytes, body.length);
    assert.deepEqual(sent!.keys, ['user:alice']);
    assert.equal(sent!.noAnswer, DOWN);
  });

  it("an exchange's request to a peer that never answers, and an answered one without it", async () => {
    const a = await replica();
    a.merge(entry('k', 'v', 1));
    const { tap, heard } = listening();
    const ref = { round: 1, incarnation: 1, pass: 1 };
    const sides = { self: 'node-1', peer: PEER, peerId: PEER };
    const failing = () => Promise.reject(new PeerError(PEER, DOWN));
    await assert.rejects(
      runExchange(a, failing, 'merkle', MAX_VALUE, recordExchange(tap, sides, ref)),
    );
    assert.deepEqual(
      heard.map((r) => [r.kind, r.from, r.noAnswer]),
      [['exchange:root', 'node-1', DOWN]],
    );

    heard.length = 0;
    const b = await replica();
    const peer = { ...sides, peerId: 'node-2' };
    await runExchange(a, wire(b), 'merkle', MAX_VALUE, recordExchange(tap, peer, ref));
    assert.ok(heard.length >= 2, 'request and answer');
    assert.ok(heard.every((r) => r.noAnswer === undefined));
    assert.equal(heard[0]!.exchange?.seq, 1);
    assert.equal(heard[1]!.exchange?.seq, 2);
  });
});
