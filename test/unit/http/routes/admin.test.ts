// The admin routes with no socket: the demo's controls need the cluster key when the cluster
// has one, and check their bodies before the one call.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { adminRoutes } from '../../../../src/node/http/routes/admin.js';
import { call, recordingService, refusal } from '../../../helpers/route.js';

const KEY = 'sesame';
const withKey = { 'x-ae-cluster-key': KEY };
const noMetrics = () => Promise.reject(new Error('not asked for'));

describe('routes: admin', () => {
  it('health, stats, faults and the interval are read with one call each, no key needed', async () => {
    const { service, calls } = recordingService();
    const table = adminRoutes(service, noMetrics, KEY);
    for (const path of ['/health', '/stats', '/admin/faults', '/admin/interval'])
      await call(table, 'GET', path);
    assert.deepEqual(
      calls.map((c) => c.verb),
      ['health', 'stats', 'faults', 'interval'],
    );
  });

  it('partition, heal and a new interval need the cluster key: 401 without it, no call', async () => {
    const { service, calls } = recordingService();
    const table = adminRoutes(service, noMetrics, KEY);
    for (const [path, body] of [
      ['/admin/partition', '{"peers": ["127.0.0.1:2"]}'],
      ['/admin/heal', ''],
      ['/admin/interval', '{"ms": 100}'],
    ] as const) {
      assert.equal((await refusal(table, 'POST', path, body)).code, 'unauthorized', path);
      const wrong = await refusal(table, 'POST', path, body, { 'x-ae-cluster-key': 'sesamE' });
      assert.equal(wrong.code, 'unauthorized', path);
    }
    assert.deepEqual(calls, []);
  });

  it('with the key: the peers named, all peers healed, the interval set', async () => {
    const { service, calls } = recordingService();
    const table = adminRoutes(service, noMetrics, KEY);
    await call(table, 'POST', '/admin/partition', '{"peers": ["127.0.0.1:2"]}', withKey);
    await call(table, 'POST', '/admin/heal', undefined, withKey);
    await call(table, 'POST', '/admin/heal', '{"peers": ["127.0.0.1:3"]}', withKey);
    await call(table, 'POST', '/admin/interval', '{"ms": 0}', withKey);
    assert.deepEqual(calls, [
      // With the addresses the entry resolves to: a sender may give one of them.
      { verb: 'partition', args: [['127.0.0.1:2'], new Map([['127.0.0.1:2', ['127.0.0.1:2']]])] },
      { verb: 'heal', args: [undefined] },
      { verb: 'heal', args: [['127.0.0.1:3']] },
      { verb: 'setInterval', args: [0] },
    ]);
  });

  it('a partition of nobody or a stranger, an interval that is not whole milliseconds: 400', async () => {
    const { service, calls } = recordingService();
    const table = adminRoutes(service, noMetrics, undefined);
    for (const [path, body] of [
      ['/admin/partition', ''],
      ['/admin/partition', '{"peers": []}'],
      ['/admin/partition', '{"peers": ["10.0.0.9:1"]}'],
      ['/admin/interval', '{"ms": -1}'],
      ['/admin/interval', '{"ms": 1.5}'],
      ['/admin/interval', '{"ms": 86400001}'],
      ['/admin/interval', '{}'],
    ] as const)
      assert.equal((await refusal(table, 'POST', path, body)).code, 'bad_request', body);
    assert.deepEqual(calls, []);
  });
});

describe('routes: admin faults', () => {
  const good = JSON.stringify({
    links: {
      '*': { latency: { dist: 'exponential', meanMs: 20 }, loss: 0.1 },
      '127.0.0.1:2': {
        latency: { dist: 'uniform', minMs: 5, maxMs: 50 },
        duplicate: 1,
        reorder: 0,
      },
    },
    deaf: ['127.0.0.1:3'],
    skewMs: -5000,
    seed: 7,
  });

  it('network faults need the key, and reach the service checked, in one call', async () => {
    const { service, calls } = recordingService();
    const table = adminRoutes(service, noMetrics, KEY);
    assert.equal((await refusal(table, 'POST', '/admin/faults', good)).code, 'unauthorized');
    await call(table, 'POST', '/admin/faults', good, withKey);
    assert.deepEqual(calls, [{ verb: 'setFaults', args: [JSON.parse(good)] }]);
  });

  it('a stranger, a probability over 1, a distribution it does not know: 400, no call', async () => {
    const { service, calls } = recordingService();
    const table = adminRoutes(service, noMetrics, undefined);
    for (const body of [
      '',
      '{}',
      '{"links": {"10.0.0.9:1": {"loss": 0.1}}}',
      '{"links": {"*": {"loss": 1.5}}}',
      '{"links": {"*": {"los": 0.5}}}',
      '{"links": {"*": {"latency": {"dist": "pareto", "meanMs": 5}}}}',
      '{"links": {"*": {"latency": {"dist": "uniform", "minMs": 9, "maxMs": 5}}}}',
      '{"links": {"*": {"latency": {"dist": "fixed", "ms": 60001}}}}',
      '{"deaf": "127.0.0.1:2"}',
      '{"deaf": ["10.0.0.9:1"]}',
      '{"skewMs": 1.5}',
      '{"skewMs": 86400001}',
      '{"seed": -1}',
      '{"cut": []}',
    ])
      assert.equal((await refusal(table, 'POST', '/admin/faults', body)).code, 'bad_request', body);
    assert.deepEqual(calls, []);
  });
});
