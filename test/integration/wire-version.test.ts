// Nodes of different builds, on real processes: a node refuses a message of a version it does
// not speak with its own code, and the sender reports the peer as refused with that code, not
// as unreachable. The other build is played by a proxy between two nodes of this build that
// rewrites the version byte of every message on its way (docs/wire.md, "An unknown version").
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { launchNode, type LaunchedNode } from '../../src/cluster/launcher.js';
import { WIRE_VERSION } from '../../src/node/sync/wire/message.js';
import { request } from '../helpers/http.js';
import { freeBasePort } from '../helpers/ports.js';
import { proxyTo, type Proxy } from '../helpers/proxy.js';

/** Forwards every request to `target`, the first byte of its body set to `version`. */
function versionProxy(target: string, version: number): Promise<Proxy> {
  return proxyTo(target, (_, body) => {
    if (body.length > 0) body[0] = version;
    return body;
  });
}

async function node(peers: string[]): Promise<LaunchedNode> {
  const port = await freeBasePort(1);
  return launchNode(
    { index: 1, host: '127.0.0.1', port, peers, args: ['--ae-interval', '0'], env: {} },
    { portFlag: '--port' },
  );
}

describe('a node of another build', () => {
  it('answers a message of another version 400 unsupported_version, naming both', async () => {
    const b = await node([]);
    try {
      // An older build's probe-less message: format 4 (format 3 and a riblt section).
      const older = Buffer.from([4, 0, 0, 0, 0, 0, 0, 0, 0]);
      const res = await request(b.address, 'POST', '/internal/exchange', older);
      assert.equal(res.status, 400);
      assert.equal(res.json.error.code, 'unsupported_version');
      assert.match(res.json.error.message, /version 4\b/);
      assert.match(res.json.error.message, new RegExp(`version ${WIRE_VERSION}\\b`));
      const stats = await request(b.address, 'GET', '/stats');
      assert.equal(stats.json.peerMessages.rejected, 1);
    } finally {
      await b.stop();
    }
  });

  it('is reported refused with that code by the node that started the exchange', async () => {
    const b = await node([]);
    const proxy = await versionProxy(b.address, WIRE_VERSION + 1);
    const a = await node([proxy.address]);
    try {
      await request(a.address, 'PUT', '/kv/only-a/direct', '{"value": "v"}');
      const report = (await request(a.address, 'POST', '/anti-entropy/trigger')).json;
      assert.equal(report.peers[0].peer, proxy.address);
      assert.equal(report.peers[0].status, 'refused');
      assert.equal(report.peers[0].code, 'unsupported_version');
      assert.equal((await request(b.address, 'GET', '/kv/only-a')).status, 404, 'nothing merged');
      // The same two nodes, with no proxy rewriting the version, do repair.
      const direct = await node([b.address]);
      try {
        await request(direct.address, 'PUT', '/kv/only-direct/direct', '{"value": "v"}');
        const ok = (await request(direct.address, 'POST', '/anti-entropy/trigger')).json;
        assert.equal(ok.peers[0].status, 'repaired');
      } finally {
        await direct.stop();
      }
    } finally {
      await a.stop();
      await proxy.close();
      await b.stop();
    }
  });
});
