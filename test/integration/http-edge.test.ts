// The node's HTTP edge on a real socket: JSON answers end with a newline (curl's prompt starts
// on its own line), and HEAD on every GET route answers GET's status and headers, no body.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Cluster } from '../../src/cluster/cluster.js';
import { testCluster } from '../helpers/cli.js';
import { request } from '../helpers/http.js';
import { rawConnect } from '../helpers/raw.js';

/** Every GET route, with a query where it needs one. */
const GET_PATHS = [
  '/health',
  '/kv/edge:key',
  '/kv/never-written',
  '/kv?limit=5',
  '/merkle/snapshot',
  '/merkle/node?level=1&index=3',
  '/merkle/level?level=1',
  '/anti-entropy/rounds',
  '/stats',
  '/metrics',
  '/admin/faults',
  '/admin/interval',
];

/** Headers that differ between two answers for reasons of their own. */
const VARYING = new Set(['date', 'content-length']);

describe('HTTP edge on a real socket', () => {
  let cluster: Cluster;
  let address: string;
  before(async () => {
    cluster = await testCluster(2);
    address = cluster.nodes[0]!.address;
    await request(address, 'PUT', '/kv/edge:key/direct', '{"value": "v"}');
  });
  after(() => cluster.stop());

  it('JSON answers, errors included, end with a newline and Content-Length counts it', async () => {
    for (const [method, path, body] of [
      ['GET', '/health', undefined],
      ['PUT', '/kv/edge:other', '{"value": "é"}'],
      ['GET', '/kv/never-written', undefined],
      ['POST', '/health', undefined],
      ['PUT', '/kv/edge:bad', 'not json'],
    ] as const) {
      const res = await request(address, method, path, body);
      assert.match(String(res.headers['content-type']), /^application\/json/, `${method} ${path}`);
      assert.ok(res.text.endsWith('}\n'), `${method} ${path}: ${JSON.stringify(res.text)}`);
      assert.equal(Number(res.headers['content-length']), Buffer.byteLength(res.text));
      assert.equal(typeof res.json, 'object', `${method} ${path} still parses`);
    }
  });

  it('a request that is not HTTP gets a JSON 400 that ends with a newline', async () => {
    const c = await rawConnect(address);
    try {
      c.write('NOT HTTP AT ALL\r\n\r\n');
      await c.closed;
      const text = c.received();
      assert.match(text, /^HTTP\/1.1 400 /);
      const body = text.slice(text.indexOf('\r\n\r\n') + 4);
      assert.ok(body.endsWith('}\n'), JSON.stringify(body));
      assert.match(text, new RegExp(`content-length: ${Buffer.byteLength(body)}\r\n`));
    } finally {
      c.destroy();
    }
  });

  for (const path of GET_PATHS) {
    it(`HEAD ${path} answers GET's status and headers with no body`, async () => {
      const get = await request(address, 'GET', path);
      const head = await request(address, 'HEAD', path);
      assert.equal(head.status, get.status);
      assert.equal(head.text, '');
      for (const [name, value] of Object.entries(get.headers))
        if (!VARYING.has(name)) assert.equal(head.headers[name], value, `${path}: ${name}`);
      assert.ok(Number(head.headers['content-length']) > 0, 'HEAD tells the length GET sends');
    });
  }

  it('curl -I on a GET route is not 405, and a 405 names HEAD among the methods', async () => {
    const c = await rawConnect(address);
    try {
      c.write(`HEAD /health HTTP/1.1\r\nhost: ${address}\r\nconnection: close\r\n\r\n`);
      await c.closed;
      assert.match(c.received(), /^HTTP\/1.1 200 /);
      assert.ok(c.received().endsWith('\r\n\r\n'), 'no body after the head');
    } finally {
      c.destroy();
    }
    const wrong = await request(address, 'DELETE', '/health');
    assert.equal(wrong.status, 405);
    assert.equal(wrong.headers.allow, 'GET, HEAD');
  });
});
