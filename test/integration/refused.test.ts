// A peer that answers with an error is not a network cut: on real node processes, a peer with
// another cluster key is reported refused with its code (unauthorized), a peer that is not
// there stays unreachable, and the node's counters and log tell the two apart.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { launchNode, type LaunchedNode } from '../../src/cluster/launcher.js';
import { CLUSTER_KEY_ENV } from '../../src/api/process.js';
import { request } from '../helpers/http.js';
import { freeBasePort } from '../helpers/ports.js';

describe('anti-entropy with a peer that refuses', () => {
  const nodes: LaunchedNode[] = [];
  let a: LaunchedNode;
  let gone: string;
  before(async () => {
    const base = await freeBasePort(3);
    const at = (i: number) => `127.0.0.1:${base + i}`;
    gone = at(2);
    const start = (i: number, key: string, peers: string[]) =>
      launchNode(
        {
          index: i + 1,
          host: '127.0.0.1',
          port: base + i,
          peers,
          args: [],
          env: { [CLUSTER_KEY_ENV]: key },
        },
        { portFlag: '--port' },
      );
    nodes.push(await start(1, 'the-other-key', [at(0)]));
    a = await start(0, 'our-key', [at(1), gone]);
    nodes.push(a);
  });
  after(() => Promise.all(nodes.map((n) => n.stop())));

  it('a peer with another cluster key is refused with its code; a peer not there is unreachable', async () => {
    await request(a.address, 'PUT', '/kv/refused:key/direct', '{"value": "v"}');
    const res = await request(a.address, 'POST', '/anti-entropy/trigger');
    assert.equal(res.status, 200);
    const byPeer = Object.fromEntries(
      (res.json.peers as { peer: string; status: string; code?: string; reason: string }[]).map(
        (p) => [p.peer, p],
      ),
    );
    const refused = byPeer[nodes[0]!.address]!;
    assert.equal(refused.status, 'refused', JSON.stringify(refused));
    assert.equal(refused.code, 'unauthorized');
    assert.match(refused.reason, /401/);
    assert.equal(byPeer[gone]!.status, 'unreachable', JSON.stringify(byPeer[gone]));
    assert.equal(byPeer[gone]!.code, undefined);
    const stats = (await request(a.address, 'GET', '/stats')).json;
    assert.equal(stats.antiEntropy.exchanges.refused, 1);
    assert.equal(stats.antiEntropy.exchanges.unreachable, 1);
  });

  it('the recent rounds keep the difference for the live page', async () => {
    const { rounds } = (await request(a.address, 'GET', '/anti-entropy/rounds')).json;
    const statuses = rounds
      .at(-1)
      .report.peers.map((p: { status: string }) => p.status)
      .sort();
    assert.deepEqual(statuses, ['refused', 'unreachable']);
  });
});
