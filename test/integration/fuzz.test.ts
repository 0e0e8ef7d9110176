// Generated hostile input against a live node: every answer has the spec's status and error
// shape, the node stays up, and its data changes only through the writes it acknowledged.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Cluster } from '../../src/cluster/cluster.js';
import { encodeMessage, emptyMessage } from '../../src/node/sync/wire/message.js';
import { testCluster } from '../helpers/cli.js';
import { request } from '../helpers/http.js';
import { pick, rng } from '../helpers/random.js';

const REQUESTS = 600;
const MAX_VALUE = 2048;
const CODES = new Set([
  'bad_request',
  'invalid_key',
  'invalid_value',
  'not_found',
  'method_not_allowed',
  'payload_too_large',
  'unauthorized',
  // A random body on the peer route mostly opens with no version this node speaks.
  'unsupported_version',
  'peer_unreachable',
  'internal',
]);
const METHODS = ['GET', 'PUT', 'DELETE', 'POST', 'PATCH', 'HEAD', 'OPTIONS'];

function segment(random: () => number): string {
  return pick(random, [
    () => 'user:alice',
    () => `k${Math.floor(random() * 20)}`,
    () => '',
    () => '%',
    () => '%G1',
    () => '%ff%fe',
    () => '%C0%80',
    () => '%ED%A0%80',
    () => '%00',
    () => '%0A',
    () => encodeURIComponent('é€😀'),
    () => 'a'.repeat(1 + Math.floor(random() * 1500)),
    () => '..%2F..%2Fetc%2Fpasswd',
    () =>
      encodeURIComponent(
        String.fromCharCode(...Array.from({ length: 8 }, () => 32 + Math.floor(random() * 95))),
      ),
  ])();
}

function path(random: () => number): string {
  return pick(random, [
    () => `/kv/${segment(random)}`,
    () => `/kv/${segment(random)}/direct`,
    () => `/kv/${segment(random)}/${segment(random)}`,
    () =>
      `/kv?prefix=${segment(random)}&limit=${pick(random, ['0', '5', '-1', 'x', '1001', '99999999999999999999'])}`,
    () => `/kv?cursor=${segment(random)}`,
    () => '/health',
    () => '/merkle/snapshot',
    () => `/merkle/node?level=${Math.floor(random() * 12) - 1}&index=${Math.floor(random() * 300)}`,
    () => '/anti-entropy/trigger',
    () => '/stats',
    () => '/internal/exchange',
    () => `/${segment(random)}`,
  ])();
}

function body(random: () => number): string | Buffer | undefined {
  return pick(random, [
    () => undefined,
    () => JSON.stringify({ value: `v${Math.floor(random() * 1000)}` }),
    () => JSON.stringify({ value: 'x'.repeat(Math.floor(random() * MAX_VALUE * 1.5)) }),
    () => JSON.stringify({ value: pick(random, [1, null, true, [], {}, '\ud800']) }),
    () =>
      JSON.stringify({
        items: [
          { key: `b${Math.floor(random() * 10)}`, value: 'batched' },
          { key: pick(random, ['', 'ok', 'x'.repeat(2000)]), value: 'v' },
        ],
      }),
    () => JSON.stringify({ peers: pick(random, [[], ['10.0.0.1:1'], 'all', [1]]) }),
    () => '{"value": "trunc',
    () => '['.repeat(Math.floor(random() * 10_000)),
    () =>
      Buffer.from(
        Array.from({ length: Math.floor(random() * 64) }, () => Math.floor(random() * 256)),
      ),
    () =>
      Buffer.from([
        0x7b, 0x22, 0x76, 0x61, 0x6c, 0x75, 0x65, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0x22, 0x7d,
      ]),
    () => 'value=alice_data',
    () => encodeMessage(emptyMessage()).subarray(0, 1 + Math.floor(random() * 2)),
  ])();
}

function headers(random: () => number): Record<string, string> {
  return pick(random, [
    () => ({}),
    () => ({ 'content-type': 'application/json' }),
    () => ({ 'content-type': 'text/plain; charset=latin1' }),
    () => ({ 'x-ae-cluster-key': 'guess' }),
    () => ({ 'x-big': 'z'.repeat(Math.floor(random() * 20_000)) }),
  ])();
}

describe('fuzz: hostile requests against a live node', () => {
  let cluster: Cluster;
  /** What the node must hold: the acknowledged writes, key -> value (null: deleted). */
  const model = new Map<string, string | null>();
  before(async () => {
    cluster = await testCluster(2, ['--max-value-bytes', String(MAX_VALUE)]);
  });
  after(() => cluster.stop());

  for (const seed of [101, 202]) {
    it(`${REQUESTS / 2} requests (seed ${seed}): spec statuses, error shape, data changed only by acknowledged writes`, async () => {
      const random = rng(seed);
      const address = cluster.nodes[0]!.address;
      for (let i = 0; i < REQUESTS / 2; i++) {
        const method = pick(random, METHODS);
        const p = path(random);
        const b = method === 'GET' || method === 'HEAD' ? undefined : body(random);
        const h = headers(random);
        const res = await request(address, method, p, b, h).catch((e: Error) => {
          throw new Error(
            `${method} ${p.slice(0, 80)} body ${String(b?.length)} headers ${Object.keys(h).join(',')}: ${e.message}`,
          );
        });
        const where = `${method} ${p.slice(0, 80)} -> ${res.status} ${res.text.slice(0, 120)}`;
        assert.ok([200, 400, 401, 404, 405, 413, 431].includes(res.status), where);
        if (res.status >= 400 && method !== 'HEAD') {
          assert.ok(CODES.has(res.json?.error?.code), where);
          assert.equal(typeof res.json.error.message, 'string', where);
        }
        if (res.status === 200 && (method === 'PUT' || method === 'DELETE') && p.startsWith('/kv/'))
          model.set(res.json.key, res.json.deleted ? null : res.json.value);
        if (res.status === 200 && method === 'POST' && p === '/kv') {
          for (const item of JSON.parse(String(b)).items as { key: string; value: string }[])
            model.set(item.key, item.value);
        }
      }
      assert.equal((await request(address, 'GET', '/health')).status, 200, 'the node is still up');
      for (const [key, value] of model) {
        const read = await request(address, 'GET', `/kv/${encodeURIComponent(key)}`);
        if (value === null) assert.equal(read.json.deleted, true, key);
        else assert.equal(read.json.value, value, key);
      }
      const snap = (await request(address, 'GET', '/merkle/snapshot')).json;
      assert.equal(
        snap.count,
        model.size,
        'every entry (tombstones too) comes from an acknowledged write',
      );
      const listed = (await request(address, 'GET', '/kv?limit=1000')).json.items as {
        key: string;
      }[];
      const live = [...model].filter(([, v]) => v !== null).map(([k]) => k);
      assert.deepEqual(listed.map((i) => i.key).sort(), live.sort(), 'no value from nowhere');
    });
  }
});
