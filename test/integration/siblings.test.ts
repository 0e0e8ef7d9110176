// Siblings mode on real processes: concurrent writes on two nodes are both kept after a round
// of every strategy, a write with the context resolves them, deletes take ?context=, a data
// directory keeps sets across kill -9, and a node of the other mode is refused with 409, even
// by a node that a fault cuts off from it (the mode is checked before the fault drops anything).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { launchNode, type LaunchedNode } from '../../src/cluster/launcher.js';
import { request } from '../helpers/http.js';
import { freeBasePort } from '../helpers/ports.js';
import { until } from '../helpers/poll.js';

const put = (node: LaunchedNode, key: string, body: object, direct = true) =>
  request(node.address, 'PUT', `/kv/${key}${direct ? '/direct' : ''}`, JSON.stringify(body));
const get = async (node: LaunchedNode, key: string) =>
  (await request(node.address, 'GET', `/kv/${key}`)).json;
const trigger = async (node: LaunchedNode, strategy?: string) =>
  (
    await request(
      node.address,
      'POST',
      '/anti-entropy/trigger',
      JSON.stringify(strategy ? { strategy } : {}),
    )
  ).json;
const root = async (node: LaunchedNode) =>
  (await request(node.address, 'GET', '/merkle/snapshot')).json.root as string;

describe('siblings mode through HTTP', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ae-demo-siblings-'));
  let nodes: LaunchedNode[] = [];
  let lww: LaunchedNode;
  let ports: number[] = [];
  const spec = (i: number, extra: string[] = []) => ({
    index: i + 1,
    host: '127.0.0.1',
    port: ports[i]!,
    peers: ports.filter((_, j) => j !== i && j < 3).map((p) => `127.0.0.1:${p}`),
    args: ['--ae-interval', '0', ...extra],
    env: {},
  });

  before(async () => {
    const base = await freeBasePort(4);
    ports = [base, base + 1, base + 2, base + 3];
    nodes = await Promise.all(
      [0, 1, 2].map((i) =>
        launchNode(
          spec(i, [
            '--conflicts',
            'siblings',
            '--ae-strategy',
            'riblt',
            ...(i === 0 ? ['--data-dir', dir] : []),
          ]),
          {
            portFlag: '--port',
          },
        ),
      ),
    );
    lww = await launchNode(
      { ...spec(3), peers: [`127.0.0.1:${ports[0]}`] },
      { portFlag: '--port' },
    );
  });

  after(async () => {
    for (const n of [...nodes, lww]) n.kill('SIGKILL');
    await Promise.all([...nodes, lww].map((n) => n.exited));
    rmSync(dir, { recursive: true, force: true });
  });

  for (const strategy of ['merkle', 'riblt', 'full']) {
    it(`${strategy}: two writes after one read are both kept everywhere, one root`, async () => {
      const key = `user:${strategy}`;
      const [a, b, c] = nodes as [LaunchedNode, LaunchedNode, LaunchedNode];
      assert.equal((await put(a, key, { value: 'base' }, false)).status, 200);
      const { context } = await get(b, key);
      assert.equal((await put(a, key, { value: 'from-a', context })).status, 200);
      assert.equal((await put(b, key, { value: 'from-b', context })).status, 200);
      const report = await trigger(c, strategy);
      assert.ok(report.peers.every((p: { status: string }) => p.status !== 'refused'));
      await trigger(a, strategy);
      for (const n of nodes)
        assert.deepEqual((await get(n, key)).values.sort(), ['from-a', 'from-b']);
      const roots = await Promise.all(nodes.map(root));
      assert.equal(new Set(roots).size, 1, 'equal sets give equal roots');
      // A write with the context of both supersedes both: one value, on every node.
      const both = (await get(c, key)).context;
      const resolved = await put(c, key, { value: 'merged', context: both }, false);
      assert.equal(resolved.json.value, 'merged');
      for (const n of nodes) assert.deepEqual((await get(n, key)).values, ['merged']);
    });
  }

  it('a write without a context adds a sibling; a delete with the context removes what it covers', async () => {
    const [a] = nodes as [LaunchedNode];
    await put(a, 'k', { value: 'one' });
    const two = await put(a, 'k', { value: 'two' });
    assert.deepEqual(two.json.values, ['two', 'one']);
    assert.equal(two.json.value, undefined);
    const gone = await request(a.address, 'DELETE', `/kv/k/direct?context=${two.json.context}`);
    assert.equal(gone.json.deleted, true);
    const read = await request(a.address, 'GET', '/kv/k');
    assert.equal(read.status, 404);
    assert.equal(read.json.deleted, true);
    const bad = await put(a, 'k', { value: 'x', context: 'not a context' });
    assert.equal(bad.status, 400);
    assert.equal(bad.json.error.code, 'bad_request');
  });

  it('a hint replayed after a partition merges its set with what the peer wrote meanwhile', async () => {
    const [a, b] = nodes as [LaunchedNode, LaunchedNode];
    const cut = JSON.stringify({ peers: [b.address] });
    assert.equal((await request(a.address, 'POST', '/admin/partition', cut)).status, 200);
    const written = await put(a, 'hinted', { value: 'from-a' }, false);
    const failed = written.json.replication.failed.find(
      (f: { peer: string }) => f.peer === b.address,
    );
    assert.equal(failed?.hinted, true);
    await put(b, 'hinted', { value: 'from-b' });
    assert.equal((await request(a.address, 'POST', '/admin/heal', '{}')).status, 200);
    const both = await until('the hint to reach the peer', async () => {
      const read = await get(b, 'hinted');
      return read.values?.length === 2 ? read.values : undefined;
    });
    assert.deepEqual([...both].sort(), ['from-a', 'from-b']);
  });

  it('read repair (?read=all) merges the sets of every replica and writes the union back', async () => {
    const [a, b, c] = nodes as [LaunchedNode, LaunchedNode, LaunchedNode];
    await put(a, 'rr', { value: 'from-a' });
    await put(b, 'rr', { value: 'from-b' });
    const read = await request(c.address, 'GET', '/kv/rr?read=all');
    assert.equal(read.status, 200);
    assert.deepEqual([...read.json.values].sort(), ['from-a', 'from-b']);
    for (const n of [a, b, c])
      assert.deepEqual([...(await get(n, 'rr')).values].sort(), ['from-a', 'from-b']);
  });

  it('a data directory keeps sibling sets and their vectors across kill -9', async () => {
    const [a] = nodes as [LaunchedNode];
    await put(a, 'kept', { value: 'x' });
    await put(a, 'kept', { value: 'y' });
    const before = await get(a, 'kept');
    const rootBefore = await root(a);
    a.kill('SIGKILL');
    await a.exited;
    nodes[0] = await launchNode(
      spec(0, ['--conflicts', 'siblings', '--ae-strategy', 'riblt', '--data-dir', dir]),
      {
        portFlag: '--port',
      },
    );
    assert.deepEqual(await get(nodes[0]!, 'kept'), before);
    assert.equal(await root(nodes[0]!), rootBefore);
    const next = await put(nodes[0]!, 'kept', { value: 'z', context: before.context });
    assert.deepEqual(next.json.values, ['z'], 'the vector survived: the context still covers both');
  });

  it('an lww node refuses a data directory a siblings node wrote', async () => {
    const other = await freeBasePort(1);
    const attempt = launchNode(
      { ...spec(0, ['--data-dir', dir]), port: other, peers: [] },
      { portFlag: '--port' },
    );
    await assert.rejects(attempt, /--conflicts siblings/);
  });

  it('the mode check comes before a fault: a node cut from or deaf to a sender of the other mode still answers 409', async () => {
    const base = await freeBasePort(2);
    const pair = (port: number, other: number, extra: string[]) =>
      launchNode(
        {
          index: 1,
          host: '127.0.0.1',
          port,
          peers: [`127.0.0.1:${other}`],
          args: ['--ae-interval', '0', ...extra],
          env: {},
        },
        { portFlag: '--port' },
      );
    const [s, l] = await Promise.all([
      pair(base, base + 1, ['--conflicts', 'siblings']),
      pair(base + 1, base, []),
    ]);
    try {
      for (const [path, body] of [
        ['/admin/partition', { peers: [s.address] }],
        ['/admin/faults', { deaf: [s.address] }],
      ] as const) {
        assert.equal((await request(l.address, 'POST', path, JSON.stringify(body))).status, 200);
        const report = await trigger(s);
        assert.equal(report.peers[0].status, 'refused', `${path}: refused, not unreachable`);
        assert.equal(report.peers[0].code, 'conflict_mode_mismatch');
        assert.match(report.peers[0].reason, /runs --conflicts lww and the sender siblings/);
        assert.equal((await request(l.address, 'POST', '/admin/heal', '{}')).status, 200);
      }
    } finally {
      for (const n of [s, l]) n.kill('SIGKILL');
      await Promise.all([s.exited, l.exited]);
    }
  });

  it('nodes of different modes refuse each other with 409 conflict_mode_mismatch, both ways', async () => {
    const fromLww = await trigger(lww);
    assert.equal(fromLww.peers[0].status, 'refused');
    assert.equal(fromLww.peers[0].code, 'conflict_mode_mismatch');
    assert.match(fromLww.peers[0].reason, /siblings/);
    const write = await request(nodes[0]!.address, 'PUT', '/kv/m', JSON.stringify({ value: 'v' }));
    assert.equal(write.status, 200);
    const lwwWrite = await request(lww.address, 'PUT', '/kv/m', JSON.stringify({ value: 'w' }));
    assert.match(lwwWrite.json.replication.failed[0].reason, /409 conflict_mode_mismatch/);
    // Refused for good, so no pending repair: not hinted, counted as refused.
    assert.equal(lwwWrite.json.replication.failed[0].hinted, false);
    const { hints } = (await request(lww.address, 'GET', '/stats')).json;
    assert.equal(hints.refused, 1);
    assert.equal(hints.pending, 0);
    assert.equal((await request(lww.address, 'GET', '/admin/hints')).json.refused, 1);
    assert.equal((await get(lww, 'm')).value, 'w', 'nothing of the other mode merged');
  });
});
