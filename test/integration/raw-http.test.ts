// HTTP edge cases on raw sockets: every request that was read gets its answer, a body over the
// limit is refused before it is sent, and Expect is handled in the spec's error shape.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Cluster } from '../../src/cluster/cluster.js';
import { testCluster } from '../helpers/cli.js';
import { request } from '../helpers/http.js';
import { lastJson, rawConnect } from '../helpers/raw.js';

const MAX_VALUE = 1000;

describe('raw HTTP: half-closed requests and Expect', () => {
  let cluster: Cluster;
  let address: string;
  before(async () => {
    cluster = await testCluster(2, ['--max-value-bytes', String(MAX_VALUE)]);
    address = cluster.nodes[0]!.address;
  });
  after(() => cluster.stop());

  const put = (path: string, body: string, extra = '') =>
    `PUT ${path} HTTP/1.1\r\nhost: ${address}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\n${extra}\r\n${body}`;

  for (const path of ['/kv/half:replicated', '/kv/half:direct/direct']) {
    it(`a PUT ${path} whose client half-closes after sending still gets its answer`, async () => {
      const c = await rawConnect(address);
      try {
        c.write(put(path, '{"value": "v"}'));
        c.end();
        await c.closed;
        assert.match(c.received(), /^HTTP\/1.1 200 /, c.received());
        assert.equal(lastJson(c.received()).value, 'v');
      } finally {
        c.destroy();
      }
    });
  }

  it('every answer names the node that gave it (x-ae-node), errors included', async () => {
    const id = (await request(address, 'GET', '/health')).json.id as string;
    for (const [method, path, status] of [
      ['GET', '/health', 200],
      ['PUT', '/kv/named', 200],
      ['GET', '/kv/never-written', 404],
      ['GET', '/no-such-route', 404],
      ['POST', '/health', 405],
    ] as const) {
      const answer = await request(
        address,
        method,
        path,
        method === 'PUT' ? '{"value":"v"}' : undefined,
      );
      assert.equal(answer.status, status, `${method} ${path}`);
      assert.equal(answer.headers['x-ae-node'], id, `${method} ${path}`);
    }
  });

  it('a malformed request behind a replicated PUT still being answered: the answer, then the close', async () => {
    const c = await rawConnect(address);
    try {
      c.write(put('/kv/busy', '{"value": "b"}') + 'NOT HTTP AT ALL\r\n\r\n');
      await c.closed;
      assert.match(c.received(), /^HTTP\/1.1 200 /, c.received());
      assert.doesNotMatch(c.received(), / 400 /, 'no 400 written into or after the answer');
      assert.equal(lastJson(c.received()).value, 'b');
    } finally {
      c.destroy();
    }
  });

  it('the half-closed replicated write reached the peer as well', async () => {
    const read = await request(cluster.nodes[1]!.address, 'GET', '/kv/half:replicated');
    assert.equal(read.json.value, 'v');
  });

  it('Expect: 100-continue with a Content-Length over the limit gets 413 before any body', async () => {
    const c = await rawConnect(address);
    try {
      c.write(
        `PUT /kv/big HTTP/1.1\r\nhost: ${address}\r\ncontent-type: application/json\r\ncontent-length: 2000000\r\nexpect: 100-continue\r\n\r\n`,
      );
      await c.closed;
      assert.doesNotMatch(c.received(), /100 Continue/);
      assert.match(c.received(), /^HTTP\/1.1 413 /, c.received());
      assert.equal(lastJson(c.received()).error.code, 'payload_too_large');
    } finally {
      c.destroy();
    }
  });

  it('Expect: 100-continue within the limit gets 100 Continue, then the write is answered', async () => {
    const c = await rawConnect(address);
    try {
      const body = '{"value": "after continue"}';
      c.write(
        `PUT /kv/continued HTTP/1.1\r\nhost: ${address}\r\ncontent-length: ${body.length}\r\nexpect: 100-continue\r\n\r\n`,
      );
      await c.waitFor(/^HTTP\/1.1 100 Continue\r\n\r\n/);
      c.write(body);
      await c.waitFor(/HTTP\/1.1 200 [^]*\r\n\r\n\{[^]*\}\n$/);
      assert.equal(lastJson(c.received()).value, 'after continue');
    } finally {
      c.destroy();
    }
  });

  it('an unknown Expect gets 417 in the error shape', async () => {
    const c = await rawConnect(address);
    try {
      c.write(put('/kv/odd', '{"value": "x"}', 'expect: teapot\r\n'));
      await c.closed;
      assert.match(c.received(), /^HTTP\/1.1 417 /, c.received());
      assert.match(c.received(), /content-type: application\/json/i);
      const error = lastJson(c.received()).error;
      assert.equal(error.code, 'expectation_failed');
      assert.match(error.message, /Expect/);
      assert.equal((await request(address, 'GET', '/kv/odd')).status, 404, 'nothing written');
    } finally {
      c.destroy();
    }
  });
});
