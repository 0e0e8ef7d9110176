// How replies become bytes: JSON ends with a newline, Content-Length counts bytes, every answer
// names its node, and a request that never reached a route gets a whole answer in the spec's
// shape (with no body for HEAD).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { HttpError } from '../../../src/node/http/errors.js';
import { clientErrorText, encodeError, encodeReply } from '../../../src/node/http/send.js';

describe('send: replies as bytes', () => {
  it('a JSON answer ends with a newline, and Content-Length counts its UTF-8 bytes', () => {
    const { status, headers, body } = encodeReply({ body: { key: 'café', n: 1 } }, 'node-a');
    assert.equal(status, 200);
    assert.equal(body, '{"key":"café","n":1}\n');
    assert.equal(headers['content-length'], Buffer.byteLength(body));
    assert.equal(headers['content-type'], 'application/json');
    assert.equal(headers['x-ae-node'], 'node-a');
    assert.deepEqual(JSON.parse(String(body)), { key: 'café', n: 1 });
  });

  it('bytes go out as octets and text as text, both as they are', () => {
    const bytes = encodeReply({ body: Buffer.from([1, 2, 3]) }, 'n');
    assert.deepEqual(bytes.body, Buffer.from([1, 2, 3]));
    assert.equal(bytes.headers['content-type'], 'application/octet-stream');
    assert.equal(bytes.headers['content-length'], 3);
    const text = encodeReply(
      { body: 'ae_rounds_total 1', headers: { 'content-type': 'text/plain; version=0.0.4' } },
      'n',
    );
    assert.equal(text.body, 'ae_rounds_total 1');
    assert.equal(text.headers['content-type'], 'text/plain; version=0.0.4');
  });

  it('an error answer is the spec shape plus a newline, with its own headers', () => {
    const error = new HttpError(405, 'method_not_allowed', 'Use GET.', {}, { allow: 'GET, HEAD' });
    const { status, headers, body } = encodeError(error, 'node-a');
    assert.equal(status, 405);
    assert.equal(body, '{"error":{"code":"method_not_allowed","message":"Use GET."}}\n');
    assert.equal(headers['content-length'], Buffer.byteLength(body));
    assert.equal(headers.allow, 'GET, HEAD');
    assert.equal(headers['x-ae-node'], 'node-a');
  });

  it('a malformed request, oversized headers and a slow request get 400, 431 and 408', () => {
    for (const [code, status] of [
      ['HPE_INVALID_METHOD', 400],
      ['HPE_HEADER_OVERFLOW', 431],
      ['ERR_HTTP_REQUEST_TIMEOUT', 408],
    ] as const) {
      const text = clientErrorText({ code, rawPacket: Buffer.from('GET / HTTP/1.1\r\n') });
      assert.match(text, new RegExp(`^HTTP/1.1 ${status} `));
      assert.match(text, /\r\nconnection: close\r\n/);
      const body = text.slice(text.indexOf('\r\n\r\n') + 4);
      assert.equal(JSON.parse(body).error.code, 'bad_request');
      assert.ok(body.endsWith('}\n'));
      assert.match(text, new RegExp(`content-length: ${Buffer.byteLength(body)}\r\n`));
    }
  });

  it('a malformed HEAD request gets the head of its answer and no body', () => {
    const text = clientErrorText({ code: 'HPE_INVALID_URL', rawPacket: Buffer.from('HEAD /x y') });
    assert.match(text, /^HTTP\/1.1 400 /);
    assert.ok(text.endsWith('\r\n\r\n'), JSON.stringify(text));
  });
});
