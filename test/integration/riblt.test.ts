// The rateless strategy over HTTP: the seed and delete scenarios and chaos, with --ae-strategy riblt.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cli, portRange, portsReleased, testCluster } from '../helpers/cli.js';
import { request } from '../helpers/http.js';
import { freeBasePort } from '../helpers/ports.js';

async function runScenario(name: string): Promise<any> {
  const base = await freeBasePort(3);
  const r = await cli([
    'run',
    '--scenario',
    name,
    '--ae-strategy',
    'riblt',
    '--json',
    '--keys',
    '200',
    '--base-port',
    String(base),
  ]);
  assert.equal(r.exitCode, 0, r.stderr);
  await portsReleased(portRange(base));
  const doc = JSON.parse(r.stdout);
  assert.equal(doc.converged, true, JSON.stringify(doc.problems));
  assert.equal(new Set(Object.values(doc.roots.after)).size, 1);
  return doc;
}

/** Every exchange of every trigger was decoded from coded symbols, none fell back to the walk. */
function decodedEverywhere(doc: any): void {
  const peers = doc.antiEntropy.flatMap((r: any) => r.peers);
  assert.ok(peers.length > 0);
  for (const r of doc.antiEntropy) assert.equal(r.strategy, 'riblt');
  for (const p of peers) {
    if (p.status !== 'repaired') continue;
    assert.ok(p.riblt.symbols > 0, JSON.stringify(p));
    assert.equal(p.riblt.fallback, undefined, JSON.stringify(p));
    assert.equal(p.levels, 0, 'no tree walk');
  }
}

describe('riblt strategy over HTTP', () => {
  it('the seed scenario: every node ends with node 2 value, decoded from coded symbols', async () => {
    const doc = await runScenario('seed');
    for (const n of Object.keys(doc.after))
      assert.equal(doc.after[n]['user:alice'].value, 'alice_data_from_node2_DIFFERENT');
    decodedEverywhere(doc);
    const first = doc.antiEntropy[0].peers[0];
    assert.ok(first.riblt.decoded >= 1 && first.riblt.decoded <= 2, JSON.stringify(first));
  });

  it('the delete scenario: the tombstone wins while it lives, the value returns once it is purged', async () => {
    const doc = await runScenario('delete');
    for (const n of Object.keys(doc.after)) {
      assert.notEqual(doc.after[n]['user:gina'].state, 'value', 'no resurrection');
      assert.equal(doc.after[n]['user:hank'].value, 'hank_data');
    }
    decodedEverywhere(doc);
  });

  it('chaos --ae-strategy riblt: nothing acknowledged lost, nothing deleted come back', async () => {
    const base = await freeBasePort(3);
    const r = await cli([
      'chaos',
      '--seed',
      '21',
      '--ops',
      '250',
      '--ae-strategy',
      'riblt',
      '--json',
      '--base-port',
      String(base),
    ]);
    assert.equal(r.exitCode, 0, r.stdout + r.stderr);
    const report = JSON.parse(r.stdout);
    assert.deepEqual(report.violations, []);
    await portsReleased(portRange(base));
  });

  it('the strategies scenario: the same divergence repaired by each strategy, costs side by side', async () => {
    const doc = await runScenario('strategies');
    assert.deepEqual(
      doc.antiEntropy.map((r: any) => r.strategy),
      ['merkle', 'riblt', 'full'],
    );
    const spent = (r: any) =>
      r.peers.reduce((sum: number, p: any) => sum + p.bytes.sent + p.bytes.received, 0);
    const [merkle, riblt, full] = doc.antiEntropy.map(spent);
    assert.ok(
      merkle * 5 < full && riblt * 5 < full,
      `merkle ${merkle}, riblt ${riblt}, full ${full}`,
    );
    decodedEverywhere({ antiEntropy: [doc.antiEntropy[1]] });
    assert.equal(doc.antiEntropy[0].peers[0].riblt, undefined, 'the merkle round walks the tree');
  });

  it('a trigger names its strategy for one round; riblt only where the sketch is kept', async () => {
    const plain = await testCluster(2);
    const kept = await testCluster(2, ['--ae-strategy', 'riblt']);
    try {
      const [a] = plain.nodes.map((n) => n.address) as [string];
      const [k, l] = kept.nodes.map((n) => n.address) as [string, string];
      const refused = await request(a, 'POST', '/anti-entropy/trigger', '{"strategy":"riblt"}');
      assert.equal(refused.status, 400);
      assert.equal(refused.json.error.code, 'bad_request');
      const bad = await request(k, 'POST', '/anti-entropy/trigger', '{"strategy":"gossip"}');
      assert.equal(bad.status, 400);
      await request(l, 'PUT', '/kv/user:zoe/direct', '{"value":"zoe"}');
      const walked = await request(k, 'POST', '/anti-entropy/trigger', '{"strategy":"merkle"}');
      assert.equal(walked.status, 200);
      assert.equal(walked.json.strategy, 'merkle');
      assert.equal(walked.json.peers[0].riblt, undefined);
      assert.deepEqual(walked.json.peers[0].keys.pulled, ['user:zoe']);
      const own = await request(k, 'POST', '/anti-entropy/trigger');
      assert.equal(own.json.strategy, 'riblt', "without a strategy, the node's own");
    } finally {
      await Promise.all([plain.stop(), kept.stop()]);
    }
  });

  it('rounds between nodes in sync: the first opens with samples, the next with the root alone (at most 64 B)', async () => {
    const cluster = await testCluster(2, ['--ae-strategy', 'riblt']);
    try {
      const [a, b] = cluster.nodes.map((n) => n.address) as [string, string];
      for (const key of ['user:amy', 'user:ben', 'user:cid'])
        assert.equal((await request(a, 'PUT', `/kv/${key}`, '{"value":"v"}')).status, 200);
      const line = async () => {
        const stats0 = (await request(a, 'GET', '/stats')).json.antiEntropy;
        const peer = (await request(a, 'POST', '/anti-entropy/trigger')).json.peers[0];
        const stats1 = (await request(a, 'GET', '/stats')).json.antiEntropy;
        const total = peer.bytes.sent + peer.bytes.received;
        const counted =
          stats1.bytesSent + stats1.bytesReceived - stats0.bytesSent - stats0.bytesReceived;
        assert.equal(counted, total, '/stats counts what the report says');
        return { ...peer, total };
      };
      const first = await line();
      assert.equal(first.status, 'in_sync');
      assert.equal(first.riblt.opening, 'samples');
      assert.ok(first.total > 256, `${first.total} B`);
      const second = await line();
      assert.equal(second.status, 'in_sync');
      assert.equal(second.roundTrips, 1);
      assert.equal(second.riblt.opening, 'root');
      assert.ok(second.total <= 64, `${second.total} B`);
      // A write the peer alone took: repaired from the root-only opening, then in sync again.
      await request(b, 'PUT', '/kv/user:dee/direct', '{"value":"d"}');
      const repaired = await line();
      assert.equal(repaired.status, 'repaired');
      assert.equal(repaired.riblt.opening, 'root');
      assert.deepEqual(repaired.keys.pulled, ['user:dee']);
      assert.equal(repaired.roundTrips, 2);
      const after = await line();
      assert.equal(after.riblt.opening, 'root');
      assert.ok(after.total <= 64, `${after.total} B`);
    } finally {
      await cluster.stop();
    }
  });
});
