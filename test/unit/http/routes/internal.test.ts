// The peers' route with no socket: the cluster key, the sender and the bytes go to one call,
// and a message the service cannot decode is a 400 (unsupported_version when it is of a version
// this node does not speak).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { internalRoutes } from '../../../../src/node/http/routes/internal.js';
import { CodecError } from '../../../../src/node/sync/wire/codec.js';
import { treeKeyFingerprint } from '../../../../src/node/replica/tree-key.js';
import { call, recordingService, refusal } from '../../../helpers/route.js';

describe('routes: internal', () => {
  it('a message is answered by one answerPeer call with its sender and a reader of its bytes', async () => {
    let bytes: Buffer | undefined;
    const answerPeer = async (_from: unknown, read: unknown) => {
      bytes = await (read as () => Promise<Buffer>)();
      return Buffer.from('reply');
    };
    const { service, calls } = recordingService({}, { answerPeer });
    const table = internalRoutes(service, 'k');
    const reply = await call(table, 'POST', '/internal/exchange', Buffer.from([1, 2]), {
      'x-ae-cluster-key': 'k',
      'x-ae-tree-key': treeKeyFingerprint('k'),
      'x-ae-from': '127.0.0.1:2',
    });
    assert.deepEqual(reply.body, Buffer.from('reply'));
    assert.deepEqual(
      calls.map((c) => [c.verb, c.args[0]]),
      [['answerPeer', '127.0.0.1:2']],
    );
    assert.deepEqual(bytes, Buffer.from([1, 2]));
  });

  it('without the cluster key: 401 and no call', async () => {
    const { service, calls } = recordingService();
    const error = await refusal(internalRoutes(service, 'k'), 'POST', '/internal/exchange', 'x');
    assert.equal(error.status, 401);
    assert.deepEqual(calls, []);
  });

  /** What the route answers when answerPeer throws this decoding error. */
  const refusalOf = async (thrown: CodecError) => {
    const answerPeer = () => {
      throw thrown;
    };
    const { service } = recordingService({}, { answerPeer });
    return refusal(internalRoutes(service, undefined), 'POST', '/internal/exchange', 'x');
  };

  it('a malformed message is a 400 that says why', async () => {
    const error = await refusalOf(new CodecError('trailing bytes'));
    assert.equal(error.status, 400);
    assert.equal(error.code, 'bad_request');
    assert.match(error.message, /malformed: trailing bytes/);
  });

  it('a message of another version is a 400 unsupported_version, not bad_request', async () => {
    const version = 'it is version 4, and this node speaks version 5 only';
    const error = await refusalOf(new CodecError(version, 'unsupported_version'));
    assert.equal(error.status, 400);
    assert.equal(error.code, 'unsupported_version');
    assert.equal(
      error.message,
      `A node of another build sent this anti-entropy message: ${version}.`,
    );
  });

  it('a sender that hashes its tree otherwise: 409 tree_key_mismatch that says how, and no call', async () => {
    for (const [mine, header, says] of [
      ['k', { 'x-ae-cluster-key': 'k' }, /tree key [0-9a-f]{16} and the sender with the public/],
      [
        undefined,
        { 'x-ae-tree-key': treeKeyFingerprint('k') },
        /public tree hashes and the sender/,
      ],
      ['k', { 'x-ae-cluster-key': 'k', 'x-ae-tree-key': '0123456789abcdef' }, /0123456789abcdef/],
    ] as const) {
      const { service, calls } = recordingService();
      const table = internalRoutes(service, mine);
      const error = await refusal(table, 'POST', '/internal/exchange', 'x', header);
      assert.equal(error.status, 409);
      assert.equal(error.code, 'tree_key_mismatch');
      assert.match(error.message, says);
      assert.match(error.message, /the same --cluster-key\.$/);
      assert.deepEqual(calls, []);
    }
  });

  it('a sender of the other conflict mode: 409 conflict_mode_mismatch and no call, both ways', async () => {
    for (const [mine, header] of [
      ['siblings', {}],
      ['lww', { 'x-ae-conflicts': 'siblings' }],
    ] as const) {
      const { service, calls } = recordingService({ conflicts: mine });
      const table = internalRoutes(service, undefined);
      const error = await refusal(table, 'POST', '/internal/exchange', 'x', header);
      assert.equal(error.status, 409);
      assert.equal(error.code, 'conflict_mode_mismatch');
      assert.deepEqual(calls, []);
    }
  });
});
