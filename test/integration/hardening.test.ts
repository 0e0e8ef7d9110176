// Keeping strangers out, surviving load during repair, and no orphan processes.
import assert from 'node:assert/strict';
import net from 'node:net';
import { describe, it } from 'node:test';
import { execa } from 'execa';
import { launchNode } from '../../src/cluster/launcher.js';
import { compareVersions, type Version } from '../../src/api/version.js';
import { BIN, portsReleased, testCluster } from '../helpers/cli.js';
import { request } from '../helpers/http.js';
import { freeBasePort } from '../helpers/ports.js';
import { until } from '../helpers/poll.js';
import { rng } from '../helpers/random.js';

describe('cluster key', () => {
  it('internal routes need the key; nodes sharing it replicate and repair; no secret in output', async () => {
    const secret = 's3cret-cluster-key';
    const cluster = await testCluster(2, ['--cluster-key', secret]);
    const [a, b] = cluster.nodes.map((n) => n.address) as [string, string];
    try {
      const stranger = await request(
        a,
        'POST',
        '/internal/exchange',
        Buffer.from([1, 0, 0, 0, 0, 0, 0]),
      );
      assert.equal(stranger.status, 401);
      assert.equal(stranger.json.error.code, 'unauthorized');
      const wrong = await request(
        a,
        'POST',
        '/internal/exchange',
        Buffer.from([1, 0, 0, 0, 0, 0, 0]),
        { 'x-ae-cluster-key': 'guess' },
      );
      assert.equal(wrong.status, 401);
      assert.doesNotMatch(wrong.text, new RegExp(secret));
      const write = await request(a, 'PUT', '/kv/k', '{"value": "v"}');
      assert.deepEqual(write.json.replication.acked, [b], 'peers with the key accept replication');
      await request(b, 'PUT', '/kv/only-b/direct', '{"value": "v"}');
      const report = (await request(a, 'POST', '/anti-entropy/trigger')).json;
      assert.equal(report.peers[0].status, 'repaired');
      const stats = await request(a, 'GET', '/stats');
      const metrics = await request(a, 'GET', '/metrics');
      assert.doesNotMatch(stats.text + metrics.text, new RegExp(secret));
    } finally {
      await cluster.stop();
    }
  });

  it('a node with another key is refused: its writes fail to replicate as unauthorized', async () => {
    const port = await freeBasePort(2);
    const b = await launchNode(
      {
        index: 2,
        host: '127.0.0.1',
        port: port + 1,
        peers: [],
        args: ['--cluster-key', 'key-b', '--ae-interval', '0'],
        env: {},
      },
      { portFlag: '--port' },
    );
    const a = await launchNode(
      {
        index: 1,
        host: '127.0.0.1',
        port,
        peers: [b.address],
        args: ['--cluster-key', 'key-a', '--ae-interval', '0'],
        env: {},
      },
      { portFlag: '--port' },
    );
    try {
      const write = await request(a.address, 'PUT', '/kv/k', '{"value": "v"}');
      assert.deepEqual(write.json.replication.failed, [
        { peer: b.address, reason: 'answered HTTP 401 unauthorized', hinted: true },
      ]);
      assert.equal((await request(b.address, 'GET', '/kv/k')).status, 404);
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
  });

  it('a node with a key and one without hash their trees apart: refused, and the round report says why', async () => {
    const port = await freeBasePort(2);
    const launch = (index: number, at: number, peer: number, args: string[]) =>
      launchNode(
        {
          index,
          host: '127.0.0.1',
          port: at,
          peers: [`127.0.0.1:${peer}`],
          args: [...args, '--ae-interval', '0'],
          env: {},
        },
        { portFlag: '--port' },
      );
    const [keyed, open] = await Promise.all([
      launch(1, port, port + 1, ['--cluster-key', 'key-a']),
      launch(2, port + 1, port, []),
    ]);
    try {
      // The keyed node reaches the open one (it asks for no key), which refuses its tree.
      const trigger = await request(keyed.address, 'POST', '/anti-entropy/trigger', '', {
        'x-ae-cluster-key': 'key-a',
      });
      const peer = trigger.json.peers[0];
      assert.equal(peer.status, 'refused');
      assert.equal(peer.code, 'tree_key_mismatch');
      assert.match(peer.reason, /409 tree_key_mismatch: .* hashes its tree with the public tree/);
      assert.match(peer.reason, /with tree key [0-9a-f]{16}: their roots would never agree/);
      assert.doesNotMatch(peer.reason, /key-a/);
      // The other way the keyed node asks for its key first.
      const back = (await request(open.address, 'POST', '/anti-entropy/trigger')).json.peers[0];
      assert.equal(back.code, 'unauthorized');
    } finally {
      await Promise.all([keyed.stop(), open.stop()]);
    }
  });

  it('binding a non-loopback address prints a warning', async () => {
    const child = execa(
      process.execPath,
      [BIN, 'node', '--port', '0', '--host', '0.0.0.0', '--ae-interval', '0'],
      { reject: false, env: { NO_COLOR: '1' } },
    );
    let stderr = '';
    child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
    let stdout = '';
    child.stdout!.on('data', (c: Buffer) => (stdout += c.toString()));
    await until('the node to listen', async () => stdout.includes('listening'));
    child.kill('SIGTERM');
    const r = await child;
    assert.equal(r.exitCode, 0);
    assert.match(stderr, /warning: binding 0\.0\.0\.0 exposes this node/);
  });
});

describe('slow clients', () => {
  it('requests that dribble in hold nothing: others are served, and the node closes them (408)', async () => {
    const cluster = await testCluster(1);
    const address = cluster.nodes[0]!.address;
    const [host, port] = address.split(':') as [string, string];
    const sockets: net.Socket[] = [];
    const answers: string[] = [];
    let closed = 0;
    const timers: NodeJS.Timeout[] = [];
    try {
      for (let i = 0; i < 20; i++) {
        const socket = net.connect(Number(port), host);
        let answer = '';
        socket.on('data', (c) => (answer += c.toString()));
        socket.on('error', () => undefined);
        socket.on('close', () => {
          closed += 1;
          answers.push(answer);
        });
        socket.write('PUT /kv/slow HTTP/1.1\r\nHost: x\r\n');
        // One header byte every 200 ms: the headers never complete.
        timers.push(setInterval(() => socket.writable && socket.write('x'), 200));
        sockets.push(socket);
      }
      const started = Date.now();
      assert.equal((await request(address, 'GET', '/health')).status, 200);
      assert.ok(
        Date.now() - started < 2_000,
        'a normal request is served while 20 slow ones are open',
      );
      await until('the node to close every slow connection', async () => closed === 20, 20_000);
      assert.ok(
        answers.every((a) => a === '' || a.startsWith('HTTP/1.1 408')),
        answers.join('|'),
      );
      assert.equal(
        (await request(cluster.nodes[0]!.address, 'GET', '/kv/slow')).status,
        404,
        'nothing was written',
      );
    } finally {
      for (const t of timers) clearInterval(t);
      for (const s of sockets) s.destroy();
      await cluster.stop();
    }
  });
});

describe('process hygiene', () => {
  it('a node exits when the process that forked it is killed with SIGKILL', async () => {
    const port = await freeBasePort(1);
    const launcher = new URL('../../src/cluster/launcher.js', import.meta.url).href;
    const parent = execa(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `
      import { launchNode } from ${JSON.stringify(launcher)};
      const n = await launchNode({ index: 1, host: '127.0.0.1', port: ${port}, peers: [], args: [], env: {} }, { portFlag: '--port' });
      console.log('ready ' + n.pid);
      setInterval(() => {}, 1000);
    `,
      ],
      { reject: false },
    );
    let out = '';
    parent.stdout!.on('data', (c: Buffer) => (out += c.toString()));
    await until('the node to be up', async () => out.includes('ready'), 20_000);
    assert.equal((await request(`127.0.0.1:${port}`, 'GET', '/health')).status, 200);
    parent.kill('SIGKILL');
    await parent;
    await portsReleased([port]);
  });
});

describe('load during repair', () => {
  it('writes at full speed while rounds run every 100 ms: none fails, none is lost, one more round converges', async () => {
    const cluster = await testCluster(3, ['--ae-interval', '100']);
    const addresses = cluster.nodes.map((n) => n.address);
    const acked = new Map<string, Version>();
    const random = rng(7);
    let failures = 0;
    let done = 0;
    const OPS = 1500;
    try {
      await Promise.all(
        Array.from({ length: 16 }, async () => {
          while (done < OPS) {
            done += 1;
            const key = `load:${Math.floor(random() * 300)}`;
            const direct = random() < 0.3;
            const target = direct ? addresses[Math.floor(random() * 3)]! : addresses[0]!;
            const res = await request(
              target,
              'PUT',
              `/kv/${key}${direct ? '/direct' : ''}`,
              JSON.stringify({ value: `v${done}` }),
            );
            if (
              res.status !== 200 ||
              (res.json.replication && res.json.replication.failed.length > 0)
            )
              failures += 1;
            else {
              const prior = acked.get(key);
              if (!prior || compareVersions(res.json.version, prior) > 0)
                acked.set(key, res.json.version);
            }
          }
        }),
      );
      assert.equal(failures, 0, 'no write failed or failed to replicate');
      await request(addresses[0]!, 'POST', '/anti-entropy/trigger');
      const roots = await until('one root on every node', async () => {
        const r = await Promise.all(
          addresses.map(
            async (a) => (await request(a, 'GET', '/merkle/snapshot')).json.root as string,
          ),
        );
        return new Set(r).size === 1 ? r : undefined;
      });
      assert.equal(roots.length, 3);
      for (const [key, version] of acked) {
        for (const a of addresses) {
          const read = (await request(a, 'GET', `/kv/${key}`)).json;
          assert.ok(
            compareVersions(read.version, version) >= 0,
            `${key} on ${a} holds the newest acknowledged write or a newer one`,
          );
        }
      }
    } finally {
      await cluster.stop();
    }
  });
});
