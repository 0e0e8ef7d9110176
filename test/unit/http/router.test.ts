// The route table: HEAD is answered by GET's handler, and a 405 names HEAD beside GET.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { route } from '../../../src/node/http/router.js';
import { call, refusal } from '../../helpers/route.js';

const table = [
  route(/^\/thing$/, { GET: () => ({ body: { got: true } }), PUT: () => ({ body: 'put' }) }),
  route(/^\/write-only$/, { POST: () => ({ body: 'posted' }) }),
];

describe('router', () => {
  it('HEAD on a GET route runs the GET handler', async () => {
    assert.deepEqual((await call(table, 'HEAD', '/thing')).body, { got: true });
  });

  it('HEAD on a route without GET is 405, and Allow lists what it takes', async () => {
    const error = await refusal(table, 'HEAD', '/write-only');
    assert.equal(error.status, 405);
    assert.equal(error.headers.allow, 'POST');
  });

  it('a 405 on a GET route lists HEAD beside GET', async () => {
    const error = await refusal(table, 'DELETE', '/thing');
    assert.equal(error.status, 405);
    assert.equal(error.headers.allow, 'GET, PUT, HEAD');
  });

  it('an unknown path is 404', async () => {
    assert.equal((await refusal(table, 'GET', '/nothing')).status, 404);
  });
});
