// The peers' route with no socket: the cluster key, the sender and the bytes go to one call,
// and a message the service cannot decode is a 400.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { internalRoutes } from '../../../../src/node/http/routes/internal.js';
import { CodecError } from '../../../../src/node/sync/wire/codec.js';
import { call, recordingService, refusal } from '../../../helpers/route.js';

describe('routes: internal', () => {
  it('a message is answered by one answerPeer call with its sender and bytes', async () => {
    const { service, calls } = recordingService({}, { answerPeer: () => Buffer.from('reply') });
    const table = internalRoutes(service, 'k');
    const reply = await call(table, 'POST', '/internal/exchange', Buffer.from([1, 2]), {
      'x-ae-cluster-key': 'k',
      'x-ae-from': '127.0.0.1:2',
    });
    assert.deepEqual(reply.body, Buffer.from('reply'));
    assert.deepEqual(calls, [{ verb: 'answerPeer', args: ['127.0.0.1:2', Buffer.from([1, 2])] }]);
  });

  it('without the cluster key: 401 and no call', async () => {
    const { service, calls } = recordingService();
    const error = await refusal(internalRoutes(service, 'k'), 'POST', '/internal/exchange', 'x');
    assert.equal(error.status, 401);
    assert.deepEqual(calls, []);
  });

  it('a malformed message is a 400 that says why', async () => {
    const { service } = recordingService(
      {},
      {
        answerPeer: () => {
          throw new CodecError('trailing bytes');
        },
      },
    );
    const error = await refusal(
      internalRoutes(service, undefined),
      'POST',
      '/internal/exchange',
      'x',
    );
    assert.equal(error.status, 400);
    assert.equal(error.code, 'bad_request');
    assert.match(error.message, /malformed: trailing bytes/);
  });
});
