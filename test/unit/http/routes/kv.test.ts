// The key-value routes with no socket: each valid request makes one call to the service, and a
// bad key, body or value is refused before any call.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { kvRoutes } from '../../../../src/node/http/routes/kv.js';
import { call, recordingService, refusal } from '../../../helpers/route.js';
import { encodeContext } from '../../../../src/node/conflicts/encoding.js';

const version = { wall: 1, logical: 0, node: 'node-a' };

describe('routes: kv', () => {
  it('PUT writes the decoded key once, replicated; /direct writes it here only', async () => {
    const { service, calls } = recordingService();
    const table = kvRoutes(service);
    await call(table, 'PUT', '/kv/user%3Aalice', '{"value": "v"}');
    await call(table, 'PUT', '/kv/user%3Abob/direct', '{"value": "w"}');
    assert.deepEqual(calls, [
      { verb: 'write', args: ['user:alice', 'v', false, undefined] },
      { verb: 'write', args: ['user:bob', 'w', true, undefined] },
    ]);
  });

  it('DELETE writes a tombstone (null), replicated or direct', async () => {
    const { service, calls } = recordingService();
    const table = kvRoutes(service);
    await call(table, 'DELETE', '/kv/k');
    await call(table, 'DELETE', '/kv/k/direct');
    assert.deepEqual(calls, [
      { verb: 'write', args: ['k', null, false, undefined] },
      { verb: 'write', args: ['k', null, true, undefined] },
    ]);
  });

  it('siblings mode: PUT takes "context" from the body and DELETE from ?context=; lww reads neither', async () => {
    const context = encodeContext([['node-a', 2]]);
    const siblings = recordingService({ conflicts: 'siblings' });
    const table = kvRoutes(siblings.service);
    await call(table, 'PUT', '/kv/k', JSON.stringify({ value: 'v', context }));
    await call(table, 'DELETE', `/kv/k/direct?context=${context}`);
    assert.deepEqual(siblings.calls, [
      { verb: 'write', args: ['k', 'v', false, [['node-a', 2]]] },
      { verb: 'write', args: ['k', null, true, [['node-a', 2]]] },
    ]);
    const bad = await refusal(table, 'PUT', '/kv/k', JSON.stringify({ value: 'v', context: 'x!' }));
    assert.equal(bad.code, 'bad_request');
    const lww = recordingService();
    await call(
      kvRoutes(lww.service),
      'PUT',
      '/kv/k',
      JSON.stringify({ value: 'v', context: 'x!' }),
    );
    assert.deepEqual(lww.calls, [{ verb: 'write', args: ['k', 'v', false, undefined] }]);
  });

  it('a bad key, a body that is not an object, a missing or oversized value: refused, no call', async () => {
    const { service, calls } = recordingService();
    const table = kvRoutes(service);
    const cases = [
      ['/kv/%ZZ', '{"value": "v"}', 400, 'invalid_key'],
      ['/kv/k', '["v"]', 400, 'bad_request'],
      ['/kv/k', 'not json', 400, 'bad_request'],
      ['/kv/k', '{"val": "v"}', 400, 'invalid_value'],
      ['/kv/k', JSON.stringify({ value: 'x'.repeat(101) }), 413, 'payload_too_large'],
    ] as const;
    for (const [path, body, status, code] of cases) {
      const error = await refusal(table, 'PUT', path, body);
      assert.equal(error.status, status, `${path} ${body.slice(0, 20)}`);
      assert.equal(error.code, code, `${path} ${body.slice(0, 20)}`);
    }
    assert.deepEqual(calls, []);
  });

  const readRepair = { repaired: ['127.0.0.1:2'], unreachable: ['127.0.0.1:3'] };
  const reads = [
    { query: '', verb: 'read', where: 'on node-a', extra: {} },
    { query: '?read=all', verb: 'readAll', where: 'on no replica', extra: { readRepair } },
  ];
  for (const { query, verb, where, extra } of reads)
    it(`GET${query} answers the entry; a key never seen or deleted is 404, the deleted one with its version`, async () => {
      const entries: Record<string, unknown> = {
        live: { key: 'live', value: 'v', version, via: 'replication' },
        gone: { key: 'gone', value: null, version },
      };
      const answer = (k: unknown) =>
        verb === 'read' ? entries[k as string] : { entry: entries[k as string], readRepair };
      const { service, calls } = recordingService({}, { [verb]: answer });
      const table = kvRoutes(service);
      assert.deepEqual((await call(table, 'GET', `/kv/live${query}`)).body, {
        key: 'live',
        value: 'v',
        version,
        via: 'replication',
        ...extra,
      });
      const never = await refusal(table, 'GET', `/kv/never${query}`);
      assert.equal(never.status, 404);
      assert.deepEqual(never.body(), {
        error: { code: 'not_found', message: `No value for key "never" ${where}.` },
        ...extra,
      });
      const deleted = await refusal(table, 'GET', `/kv/gone${query}`);
      assert.equal(deleted.status, 404);
      assert.deepEqual(deleted.body(), {
        error: { code: 'not_found', message: 'Key "gone" was deleted on node-a.' },
        key: 'gone',
        deleted: true,
        version,
        ...extra,
      });
      assert.deepEqual(
        calls.map((c) => c.verb),
        [verb, verb, verb],
        'one call each',
      );
    });

  it('GET /kv lists one page with its limit and cursor; a bad limit or cursor makes no call', async () => {
    const { service, calls } = recordingService();
    const table = kvRoutes(service);
    await call(table, 'GET', '/kv?prefix=user%3A&limit=2&cursor=user%3Aa');
    await call(table, 'GET', '/kv');
    assert.equal((await refusal(table, 'GET', '/kv?limit=0')).status, 400);
    assert.equal((await refusal(table, 'GET', '/kv?limit=1001')).status, 400);
    assert.equal((await refusal(table, 'GET', '/kv?cursor=')).status, 400);
    assert.deepEqual(calls, [
      { verb: 'list', args: ['user:', 2, 'user:a'] },
      { verb: 'list', args: ['', 100, null] },
    ]);
  });

  it('POST /kv checks every item before one batch call; one bad item changes nothing', async () => {
    const { service, calls } = recordingService();
    const table = kvRoutes(service);
    const good = {
      items: [
        { key: 'a', value: '1' },
        { key: 'b', deleted: true },
      ],
      direct: true,
    };
    await call(table, 'POST', '/kv', JSON.stringify(good));
    const bad = {
      items: [
        { key: 'a', value: '1' },
        { key: '', value: '2' },
      ],
    };
    const error = await refusal(table, 'POST', '/kv', JSON.stringify(bad));
    assert.equal(error.code, 'invalid_key');
    assert.match(error.message, /^Item 1: /);
    assert.equal((await refusal(table, 'POST', '/kv', '{"items": 3}')).code, 'bad_request');
    assert.deepEqual(calls, [
      {
        verb: 'writeBatch',
        args: [
          [
            { key: 'a', value: '1' },
            { key: 'b', value: null },
          ],
          true,
        ],
      },
    ]);
  });
});
