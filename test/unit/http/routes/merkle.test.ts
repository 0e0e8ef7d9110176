// The tree routes with no socket: level and index are checked against the tree's shape.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { merkleRoutes } from '../../../../src/node/http/routes/merkle.js';
import { call, recordingService, refusal } from '../../../helpers/route.js';

describe('routes: merkle', () => {
  it('each view is one call, with the defaults filled in', async () => {
    const { service, calls } = recordingService();
    const table = merkleRoutes(service);
    assert.deepEqual((await call(table, 'GET', '/merkle/snapshot')).body, { answered: 'snapshot' });
    await call(table, 'GET', '/merkle/node?level=1&index=15');
    await call(table, 'GET', '/merkle/node');
    await call(table, 'GET', '/merkle/level');
    await call(table, 'GET', '/merkle/level?level=3');
    assert.deepEqual(calls, [
      { verb: 'snapshot', args: [] },
      { verb: 'treeNode', args: [1, 15, 16] },
      { verb: 'treeNode', args: [0, 0, 16] },
      { verb: 'treeLevel', args: [1] },
      { verb: 'treeLevel', args: [3] },
    ]);
  });

  it('an index past its level, a level past the tree or a level too wide to list: 400, no call', async () => {
    const { service, calls } = recordingService();
    const table = merkleRoutes(service);
    for (const path of [
      '/merkle/node?level=1&index=16',
      '/merkle/node?level=99',
      '/merkle/node?level=-1',
      '/merkle/level?level=4',
    ])
      assert.equal((await refusal(table, 'GET', path)).status, 400, path);
    assert.deepEqual(calls, []);
  });
});
