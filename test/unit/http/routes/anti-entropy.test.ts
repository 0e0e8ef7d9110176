// The anti-entropy routes with no socket: a trigger names configured peers only, and a
// strategy this node can run.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { antiEntropyRoutes } from '../../../../src/node/http/routes/anti-entropy.js';
import { call, recordingService, refusal } from '../../../helpers/route.js';

describe('routes: anti-entropy', () => {
  it('a trigger with no body talks to every peer in the node strategy; one named peer, one strategy', async () => {
    const { service, calls } = recordingService();
    const table = antiEntropyRoutes(service);
    await call(table, 'POST', '/anti-entropy/trigger');
    await call(
      table,
      'POST',
      '/anti-entropy/trigger',
      '{"peers": ["127.0.0.1:3"], "strategy": "full"}',
    );
    assert.deepEqual(calls, [
      { verb: 'trigger', args: [undefined, undefined] },
      { verb: 'trigger', args: [['127.0.0.1:3'], 'full'] },
    ]);
  });

  it('an unknown peer, a bad list, an unknown strategy, riblt without a sketch: 400, no call', async () => {
    const { service, calls } = recordingService();
    const table = antiEntropyRoutes(service);
    for (const body of [
      '{"peers": ["10.0.0.9:1"]}',
      '{"peers": "127.0.0.1:2"}',
      '{"strategy": "gossip"}',
      '{"strategy": "riblt"}',
    ]) {
      const error = await refusal(table, 'POST', '/anti-entropy/trigger', body);
      assert.equal(error.code, 'bad_request', body);
    }
    assert.match(
      (await refusal(table, 'POST', '/anti-entropy/trigger', '{"strategy": "riblt"}')).message,
      /--ae-strategy riblt/,
    );
    assert.deepEqual(calls, []);
  });

  it('a node that keeps a sketch takes a riblt round', async () => {
    const { service, calls } = recordingService({ keepsSketch: true });
    await call(antiEntropyRoutes(service), 'POST', '/anti-entropy/trigger', '{"strategy":"riblt"}');
    assert.deepEqual(calls, [{ verb: 'trigger', args: [undefined, 'riblt'] }]);
  });

  it('rounds after a number; not a whole number: 400', async () => {
    const { service, calls } = recordingService();
    const table = antiEntropyRoutes(service);
    await call(table, 'GET', '/anti-entropy/rounds?after=3');
    await call(table, 'GET', '/anti-entropy/rounds');
    assert.equal((await refusal(table, 'GET', '/anti-entropy/rounds?after=x')).status, 400);
    assert.deepEqual(calls, [
      { verb: 'rounds', args: [3] },
      { verb: 'rounds', args: [0] },
    ]);
  });
});
