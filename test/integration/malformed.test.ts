// Bad input gets the spec's status and error code, and changes nothing.
import assert from 'node:assert/strict';
import net from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { Cluster } from '../../src/cluster/cluster.js';
import { testCluster } from '../helpers/cli.js';
import { request } from '../helpers/http.js';
import { WIRE_VERSION } from '../../src/node/sync/wire/message.js';

type Case = [
  name: string,
  method: string,
  path: string,
  body: string | Buffer | undefined,
  status: number,
  code: string,
  headers?: Record<string, string>,
];

const MAX_VALUE = 1000;
const big = (n: number) => JSON.stringify({ value: 'x'.repeat(n) });

const cases: Case[] = [
  ['not JSON', 'PUT', '/kv/k', 'value=alice', 400, 'bad_request'],
  ['truncated JSON', 'PUT', '/kv/k', '{"value": "ali', 400, 'bad_request'],
  ['empty body', 'PUT', '/kv/k', '', 400, 'bad_request'],
  ['JSON array', 'PUT', '/kv/k', '["alice"]', 400, 'bad_request'],
  ['JSON string', 'PUT', '/kv/k', '"alice"', 400, 'bad_request'],
  ['JSON null', 'PUT', '/kv/k', 'null', 400, 'bad_request'],
  ['no value', 'PUT', '/kv/k', '{"val": "x"}', 400, 'invalid_value'],
  ['number value', 'PUT', '/kv/k', '{"value": 42}', 400, 'invalid_value'],
  ['null value', 'PUT', '/kv/k', '{"value": null}', 400, 'invalid_value'],
  ['object value', 'PUT', '/kv/k', '{"value": {"a": 1}}', 400, 'invalid_value'],
  ['array value', 'PUT', '/kv/k', '{"value": ["a"]}', 400, 'invalid_value'],
  ['boolean value', 'PUT', '/kv/k', '{"value": true}', 400, 'invalid_value'],
  ['lone surrogate value', 'PUT', '/kv/k', '{"value": "\\ud800"}', 400, 'invalid_value'],
  [
    'invalid UTF-8 body',
    'PUT',
    '/kv/k',
    Buffer.from([0x7b, 0x22, 0x76, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]),
    400,
    'bad_request',
  ],
  [
    'deeply nested JSON',
    'PUT',
    '/kv/k',
    `${'['.repeat(5000)}${']'.repeat(5000)}`,
    400,
    'bad_request',
  ],
  ['value over the limit', 'PUT', '/kv/k', big(MAX_VALUE + 1), 413, 'payload_too_large'],
  ['body over the limit', 'PUT', '/kv/k', big(MAX_VALUE + 70 * 1024), 413, 'payload_too_large'],
  [
    'direct value over the limit',
    'PUT',
    '/kv/k/direct',
    big(MAX_VALUE + 1),
    413,
    'payload_too_large',
  ],
  ['empty key', 'PUT', '/kv/', '{"value": "x"}', 400, 'invalid_key'],
  ['empty key, GET', 'GET', '/kv/', undefined, 400, 'invalid_key'],
  ['key over 1024 bytes', 'PUT', `/kv/${'k'.repeat(1025)}`, '{"value": "x"}', 400, 'invalid_key'],
  [
    'key of 513 two-byte characters',
    'PUT',
    `/kv/${encodeURIComponent('é'.repeat(513))}`,
    '{"value": "x"}',
    400,
    'invalid_key',
  ],
  ['NUL in key', 'PUT', '/kv/a%00b', '{"value": "x"}', 400, 'invalid_key'],
  ['newline in key', 'PUT', '/kv/a%0Ab', '{"value": "x"}', 400, 'invalid_key'],
  ['DEL in key', 'GET', '/kv/a%7F', undefined, 400, 'invalid_key'],
  ['bad percent-encoding', 'PUT', '/kv/%ZZ', '{"value": "x"}', 400, 'invalid_key'],
  ['truncated percent-encoding', 'GET', '/kv/abc%E', undefined, 400, 'invalid_key'],
  ['invalid UTF-8 in key', 'PUT', '/kv/%FF%FE', '{"value": "x"}', 400, 'invalid_key'],
  ['overlong UTF-8 in key', 'DELETE', '/kv/%C0%AF', undefined, 400, 'invalid_key'],
  ['lone surrogate in key (CESU)', 'PUT', '/kv/%ED%A0%80', '{"value": "x"}', 400, 'invalid_key'],
  ['unknown route', 'GET', '/nope', undefined, 404, 'not_found'],
  ['unknown route under /kv', 'PUT', '/kv/a/b', '{"value": "x"}', 404, 'not_found'],
  ['unknown route, root', 'GET', '/', undefined, 404, 'not_found'],
  ['POST on a key', 'POST', '/kv/k', '{"value": "x"}', 405, 'method_not_allowed'],
  ['GET on direct', 'GET', '/kv/k/direct', undefined, 405, 'method_not_allowed'],
  ['PUT on health', 'PUT', '/health', '{}', 405, 'method_not_allowed'],
  ['GET on trigger', 'GET', '/anti-entropy/trigger', undefined, 405, 'method_not_allowed'],
  ['DELETE on snapshot', 'DELETE', '/merkle/snapshot', undefined, 405, 'method_not_allowed'],
  [
    'trigger with a stranger',
    'POST',
    '/anti-entropy/trigger',
    '{"peers": ["10.1.2.3:80"]}',
    400,
    'bad_request',
  ],
  [
    'trigger with bad peers',
    'POST',
    '/anti-entropy/trigger',
    '{"peers": "all"}',
    400,
    'bad_request',
  ],
  ['trigger with bad JSON', 'POST', '/anti-entropy/trigger', '{peers', 400, 'bad_request'],
  ['list with bad limit', 'GET', '/kv?limit=0', undefined, 400, 'bad_request'],
  ['list with huge limit', 'GET', '/kv?limit=99999999', undefined, 400, 'bad_request'],
  ['tree node out of range', 'GET', '/merkle/node?level=1&index=16', undefined, 400, 'bad_request'],
  ['tree node too deep', 'GET', '/merkle/node?level=9&index=0', undefined, 400, 'bad_request'],
  ['batch that is not a list', 'POST', '/kv', '{"items": 3}', 400, 'bad_request'],
  [
    'batch with a bad key',
    'POST',
    '/kv',
    '{"items": [{"key": "ok", "value": "v"}, {"key": "", "value": "v"}]}',
    400,
    'invalid_key',
  ],
  [
    'batch with a bad value',
    'POST',
    '/kv',
    '{"items": [{"key": "ok", "value": "v"}, {"key": "b", "value": 1}]}',
    400,
    'invalid_value',
  ],
  [
    'garbage anti-entropy message (after the version byte)',
    'POST',
    '/internal/exchange',
    Buffer.concat([Buffer.from([WIRE_VERSION]), Buffer.from('not a message')]),
    400,
    'bad_request',
  ],
  [
    'truncated anti-entropy message',
    'POST',
    '/internal/exchange',
    Buffer.from([WIRE_VERSION, 0, 0, 0, 0, 1]),
    400,
    'bad_request',
  ],
  [
    'anti-entropy message of an older build (format 3)',
    'POST',
    '/internal/exchange',
    Buffer.from([3, 0, 0, 0, 0, 0, 0]),
    400,
    'unsupported_version',
  ],
  [
    'anti-entropy message of another version (garbage)',
    'POST',
    '/internal/exchange',
    Buffer.from('not a message'),
    400,
    'unsupported_version',
  ],
];

describe('malformed requests', () => {
  let cluster: Cluster;
  let address: string;
  let rootBefore: string;

  before(async () => {
    cluster = await testCluster(2, ['--max-value-bytes', String(MAX_VALUE)]);
    address = cluster.nodes[0]!.address;
    await request(address, 'PUT', '/kv/k', '{"value": "original"}');
    rootBefore = (await request(address, 'GET', '/merkle/snapshot')).json.root;
  });
  after(() => cluster.stop());

  it(`has at least 30 cases (${cases.length})`, () => assert.ok(cases.length >= 30));

  for (const [name, method, path, body, status, code, headers] of cases) {
    it(`${name}: ${status} ${code}`, async () => {
      const res = await request(address, method, path, body, headers);
      assert.equal(res.status, status, res.text);
      assert.equal(res.json?.error?.code, code, res.text);
      assert.equal(typeof res.json.error.message, 'string');
      if (status === 405) assert.ok(res.headers.allow, 'a 405 names the allowed methods');
    });
  }

  it('changed nothing: same value, same root, the node still up', async () => {
    assert.equal((await request(address, 'GET', '/kv/k')).json.value, 'original');
    assert.equal((await request(address, 'GET', '/merkle/snapshot')).json.root, rootBefore);
    assert.equal(
      (await request(cluster.nodes[1]!.address, 'GET', '/merkle/snapshot')).json.root,
      rootBefore,
    );
  });

  it('oversized headers get 431 and the node stays up', async () => {
    const res = await request(address, 'GET', '/health', undefined, {
      'x-big': 'y'.repeat(20_000),
    });
    assert.equal(res.status, 431);
    assert.equal(res.json.error.code, 'bad_request');
    assert.equal((await request(address, 'GET', '/health')).status, 200);
  });

  it('a request that is not HTTP gets 400 and the node stays up', async () => {
    const [host, port] = address.split(':') as [string, string];
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = net.connect(Number(port), host, () => socket.write('HELLO\r\n\r\n'));
      let data = '';
      socket.on('data', (c) => (data += c.toString()));
      socket.on('end', () => resolve(data));
      socket.on('error', reject);
    });
    assert.match(answer, /^HTTP\/1.1 400/);
    assert.equal((await request(address, 'GET', '/health')).status, 200);
  });
});
