// A node set up the way a container or a Kubernetes pod sets it up: every flag from AE_*
// variables, and peers whose names do not resolve yet (StatefulSet pods not scheduled yet).
// Real node processes on free ports.
import assert from 'node:assert/strict';
import { execa } from 'execa';
import { describe, it } from 'node:test';
import { CLUSTER_KEY_HEADER } from '../../src/api/headers.js';
import { BIN, cli } from '../helpers/cli.js';
import { request } from '../helpers/http.js';
import { freeBasePort } from '../helpers/ports.js';
import { until } from '../helpers/poll.js';

/** Rounds the node must have run before its log is read: enough to see one line per round. */
const ROUNDS = 4;

/** Starts `ae-demo node` with only these variables (and PATH) in its environment. */
function nodeWithEnv(env: Record<string, string>, args: string[] = []) {
  return execa(process.execPath, [BIN, 'node', ...args], {
    reject: false,
    extendEnv: false,
    env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', ...env },
    stdin: 'ignore',
    buffer: true,
  });
}

describe('node: flags from the environment', () => {
  it('takes its port, id, peers, interval and key from AE_* variables; a flag wins', async () => {
    const port = await freeBasePort(1);
    const node = nodeWithEnv(
      {
        AE_PORT: String(port),
        AE_ID: 'from-env',
        AE_PEERS: '127.0.0.1:1',
        AE_AE_INTERVAL: '0',
        AE_CLUSTER_KEY: 'k1',
        AE_HOST: '127.0.0.1',
      },
      ['--id', 'from-flag'],
    );
    try {
      const health = await until('the node to answer', async () => {
        const r = await request(`127.0.0.1:${port}`, 'GET', '/health');
        return r.status === 200 ? r.json : undefined;
      });
      assert.equal(health.id, 'from-flag');
      assert.deepEqual(health.peers, ['127.0.0.1:1']);
      // The key came from AE_CLUSTER_KEY: an admin route without it is refused.
      const bare = await request(`127.0.0.1:${port}`, 'POST', '/admin/heal', '{}');
      assert.equal(bare.status, 401);
      const keyed = await request(`127.0.0.1:${port}`, 'POST', '/admin/heal', '{}', {
        [CLUSTER_KEY_HEADER]: 'k1',
      });
      assert.equal(keyed.status, 200);
    } finally {
      node.kill('SIGTERM');
      await node;
    }
  });

  it('a bad value from the environment is a usage error naming the variable', async () => {
    const r = await cli(['node'], { env: { AE_PORT: 'eighty' } });
    assert.equal(r.exitCode, 2);
    assert.match(r.stderr, /^error: AE_PORT takes a number, not "eighty"/);
  });

  it('node --help names the variables', async () => {
    const r = await cli(['node', '--help']);
    assert.match(r.stdout, /AE_PEERS, AE_AE_INTERVAL, AE_DATA_DIR, AE_CLUSTER_KEY/);
  });
});

describe('node: a peer whose name does not resolve yet', () => {
  it('keeps running and trying every round, and says so once', async () => {
    const port = await freeBasePort(1);
    const address = `127.0.0.1:${port}`;
    const node = nodeWithEnv({
      AE_PORT: String(port),
      AE_PEERS: 'nosuch.invalid:1,127.0.0.1:1',
      AE_AE_INTERVAL: '50',
    });
    try {
      const rounds = await until(
        `${ROUNDS} rounds`,
        async () => {
          const r = await request(address, 'GET', '/anti-entropy/rounds');
          return r.status === 200 && r.json.rounds.length >= ROUNDS ? r.json.rounds : undefined;
        },
        20_000,
      );
      // Every round still tried the peer that does not resolve.
      for (const round of rounds) {
        const peer = round.report.peers.find(
          (p: { peer: string }) => p.peer === 'nosuch.invalid:1',
        );
        assert.equal(peer?.status, 'unreachable');
      }
      assert.equal((await request(address, 'GET', '/health')).status, 200);
    } finally {
      node.kill('SIGTERM');
    }
    const { stderr } = await node;
    const lines = String(stderr).split('\n');
    const unresolved = lines.filter((l) => l.includes('nosuch.invalid:1'));
    assert.deepEqual(unresolved, [
      'anti-entropy: nosuch.invalid:1 does not resolve yet (host name not found); trying it every round',
    ]);
    // A peer that refuses connections is still said every round.
    const refused = lines.filter((l) => l.includes('127.0.0.1:1 unreachable'));
    assert.ok(refused.length >= ROUNDS, stderr);
  });
});
