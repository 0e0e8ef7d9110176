import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  checkAddress,
  checkKey,
  checkKeySegment,
  checkNodeId,
  checkValue,
} from '../../../src/api/checks.js';
import { parseDuration } from '../../../src/cli/flags/values.js';

describe('validation', () => {
  it('keys: 1 to 1024 bytes of UTF-8, no control characters', () => {
    for (const ok of [
      'user:alice',
      'a',
      'k'.repeat(1024),
      'é'.repeat(512),
      'a/b',
      '😀',
      ' spaces ok ',
    ])
      assert.ok(checkKey(ok).ok, ok);
    for (const bad of [
      '',
      'k'.repeat(1025),
      'é'.repeat(513),
      'a\u0000b',
      'tab\t',
      'nl\n',
      'del\u007f',
      '\ud800',
      'x\udc00',
    ])
      assert.equal(checkKey(bad).ok, false, JSON.stringify(bad));
  });

  it('key segments are percent-decoded as UTF-8 first', () => {
    assert.deepEqual(checkKeySegment('user%3Aalice'), { ok: true, value: 'user:alice' });
    assert.deepEqual(checkKeySegment('a%2Fb'), { ok: true, value: 'a/b' });
    for (const bad of ['%', '%G0', '%FF', '%C0%AF', '%ED%A0%80', '%00', ''])
      assert.equal(checkKeySegment(bad).ok, false, bad);
  });

  it('values: strings within the limit', () => {
    assert.deepEqual(checkValue('abc', 3), { ok: true, value: 'abc' });
    assert.equal(checkValue('é', 1).ok, false, 'bytes, not characters');
    assert.ok('tooLarge' in checkValue('abcd', 3));
    for (const bad of [undefined, null, 1, true, [], {}])
      assert.equal(checkValue(bad, 10).ok, false, String(bad));
  });

  it('node ids and addresses', () => {
    assert.ok(checkNodeId('node-9999').ok);
    assert.equal(checkNodeId('').ok, false);
    assert.equal(checkNodeId('a\nb').ok, false);
    assert.deepEqual(checkAddress('127.0.0.1:10000'), {
      ok: true,
      value: { host: '127.0.0.1', port: 10000 },
    });
    for (const bad of ['127.0.0.1', ':80', 'host:0', 'host:65536', 'http://x:1', 'a b:1'])
      assert.equal(checkAddress(bad).ok, false, bad);
  });

  it('durations take ms, s, m, h and d', () => {
    assert.equal(parseDuration('24h', '--tombstone-ttl'), 86_400_000);
    assert.equal(parseDuration('1.5s', '--x'), 1500);
    assert.equal(parseDuration('250', '--x'), 250);
    for (const bad of ['', 'h', '5 years', '-1s', '0'])
      assert.throws(() => parseDuration(bad, '--x'), { code: 'usage' });
  });
});
