// The built executable, run as a user runs it: exit codes, output, and no node left behind.
import assert from 'node:assert/strict';
import net from 'node:net';
import { describe, it } from 'node:test';
import { cli, COMMANDS, portRange, portsReleased, spawnCli, testCluster } from '../helpers/cli.js';
import { request } from '../helpers/http.js';
import { freeBasePort } from '../helpers/ports.js';
import { until } from '../helpers/poll.js';

const ports = portRange;

describe('ae-demo run', () => {
  it("--json converges and matches the guide's expected output", async () => {
    const base = await freeBasePort(3);
    const r = await cli(['run', '--json', '--base-port', String(base)]);
    assert.equal(r.exitCode, 0, r.stderr);
    const doc = JSON.parse(r.stdout);
    assert.equal(doc.scenario, 'seed');
    assert.equal(doc.converged, true);
    const [n1, n2, n3] = doc.nodes.map((n: { id: string }) => n.id);
    assert.equal(doc.before[n1]['user:alice'].value, 'alice_data_from_node1');
    assert.equal(doc.before[n2]['user:alice'].value, 'alice_data_from_node2_DIFFERENT');
    assert.equal(doc.before[n3]['user:alice'].state, 'missing');
    for (const n of [n1, n2, n3]) {
      assert.equal(doc.after[n]['user:alice'].value, 'alice_data_from_node2_DIFFERENT');
      assert.equal(doc.after[n]['user:bob'].value, 'bob_data');
    }
    assert.equal(new Set(Object.values(doc.roots.before)).size, 3);
    assert.equal(new Set(Object.values(doc.roots.after)).size, 1);
    assert.equal(doc.antiEntropy[0].node, n1);
    // The full-exchange cost the screen shows beside each exchange is in the JSON too.
    for (const p of doc.antiEntropy[0].peers) {
      const full = doc.antiEntropy[0].fullExchangeBytes[p.peer];
      assert.ok(full > p.bytes.sent + p.bytes.received, `${p.peer}: full ${full}`);
    }
    await portsReleased(ports(base));
  });

  it('prints the before and after tables, the tree paths, the exchange and the verdict', async () => {
    const base = await freeBasePort(3);
    const r = await cli(['run', '--base-port', String(base), '--keys', '200']);
    assert.equal(r.exitCode, 0, r.stderr);
    const out = r.stdout;
    assert.match(out, /Before anti-entropy/);
    assert.match(out, /After anti-entropy/);
    assert.match(out, /│ node-\d+ +│ user:alice │ alice_data_from_node1 +│/);
    assert.match(out, /│ node-\d+ +│ user:alice │ NOT_FOUND +│/);
    assert.match(out, /│ all three │ user:alice │ alice_data_from_node2_DIFFERENT │/);
    assert.match(out, /acked by node-\d+, node-\d+/);
    assert.match(out, /└─ .*user:alice/);
    assert.match(out, /repaired/);
    assert.match(out, /× more\)/);
    assert.match(out, /last write wins/);
    assert.match(out, /✔ Converged: 3 nodes, 202 keys/);
    // eslint-disable-next-line no-control-regex -- ESC opens every colour code
    assert.doesNotMatch(out, /\u001b\[/, 'no colour off a terminal');
    await portsReleased(ports(base));
  });

  it('works with 2 and with 5 nodes', async () => {
    for (const n of [2, 5]) {
      const base = await freeBasePort(n);
      const r = await cli([
        'run',
        '--json',
        '--nodes',
        String(n),
        '--base-port',
        String(base),
        '--keys',
        '50',
      ]);
      assert.equal(r.exitCode, 0, r.stderr);
      assert.equal(JSON.parse(r.stdout).nodes.length, n);
      await portsReleased(ports(base, n));
    }
  });

  it('a busy port exits 3 with a sentence naming the port and --base-port', async () => {
    const base = await freeBasePort(3);
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(base + 1, '127.0.0.1', resolve));
    try {
      const r = await cli(['run', '--base-port', String(base)]);
      assert.equal(r.exitCode, 3);
      assert.match(r.stderr, new RegExp(`Port ${base + 1} is already in use.*--base-port`));
      assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
    } finally {
      blocker.close();
    }
    await portsReleased([base, base + 2]);
  });

  it('usage errors exit 2 with one sentence', async () => {
    for (const args of [
      ['run', '--nodes', '1'],
      ['run', '--nodes', '10'],
      ['run', '--bogus'],
      ['run', '--scenario', 'nope'],
      ['inspect'],
      ['nonsense'],
      ['node'],
      ['node', '--port', '-1'],
      ['node', '--port', '0', '--peers', 'nohost'],
      ['node', '--port', '0', '--tombstone-ttl', '5 years'],
    ]) {
      const r = await cli(args);
      assert.equal(r.exitCode, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, /error: /, args.join(' '));
    }
  });

  it('an unknown command names the nearest; a missing argument shows an example', async () => {
    for (const [args, sentence] of [
      [['rnu'], /^error: There is no command "rnu"; did you mean "run"\?/],
      [['inpsect', 'k'], /did you mean "inspect"\?/],
      [['nonsense'], /did you mean "node"\?/],
      [['simulte'], /did you mean "simulate"\?/],
      [
        ['put'],
        /^error: put needs a key and a value, for example "ae-demo put user:alice alice_data"\.$/m,
      ],
      [['put', 'k'], /put needs a key and a value/],
      [['del'], /del needs a key, for example "ae-demo del user:alice"/],
      [['inspect'], /inspect needs a key, for example "ae-demo inspect user:alice"/],
    ] as const) {
      const r = await cli([...args]);
      assert.equal(r.exitCode, 2, args.join(' '));
      assert.match(r.stderr, sentence, args.join(' '));
      assert.doesNotMatch(r.stderr, /non-option arguments/);
    }
  });

  for (const moment of ['at once', 'once the nodes are up', 'while the story plays']) {
    it(`Ctrl-C ${moment} exits 130 and leaves no node behind`, async () => {
      const base = await freeBasePort(3);
      const child = spawnCli(['run', '--base-port', String(base), '--keys', '20000', '--step']);
      let stderr = '';
      child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
      if (moment === 'once the nodes are up')
        await until('nodes up', async () => stderr.includes('nodes up'), 60_000);
      if (moment === 'while the story plays')
        await until('keys written', async () => stderr.includes('keys written'), 60_000);
      child.kill('SIGINT');
      const result = await child;
      // Before the CLI has set up its handler, SIGINT ends it the default way, which a shell
      // reports as 130 too; after, the CLI stops its nodes and exits 130 itself.
      assert.ok(
        result.exitCode === 130 || (moment === 'at once' && result.signal === 'SIGINT'),
        `exit ${result.exitCode} ${result.signal}: ${stderr}`,
      );
      await portsReleased(ports(base));
    });
  }
});

describe('ae-demo run --keep, inspect and the exploring commands', () => {
  it('run --keep leaves a cluster that inspect sees agreeing, until Ctrl-C', async () => {
    const base = await freeBasePort(3);
    const nodes = ports(base)
      .map((p) => `127.0.0.1:${p}`)
      .join(',');
    const child = spawnCli([
      'run',
      '--keep',
      '--base-port',
      String(base),
      '--keys',
      '10',
      '--seed',
      '7',
    ]);
    let stdout = '';
    child.stdout!.on('data', (c: Buffer) => (stdout += c.toString()));
    try {
      await until(
        'the cluster to stay up',
        async () => stdout.includes('Ctrl-C stops every node'),
        30_000,
      );
      const r = await cli(['inspect', 'user:alice', '--nodes', nodes]);
      assert.equal(r.exitCode, 0, r.stderr);
      // A row per node: each says how it got the version (written there, or by anti-entropy).
      assert.match(r.stdout, /node-\d+ +│ alice_data_from_node2_DIFFERENT/);
      assert.match(r.stdout, /│ written here +│/);
      assert.match(r.stdout, /All 3 nodes agree/);
      const json = JSON.parse(
        (await cli(['inspect', 'user:alice', '--nodes', nodes, '--json'])).stdout,
      );
      assert.equal(json.agree, true);
      assert.equal(json.nodes.length, 3);
      const stranger = await request(
        `127.0.0.1:${base}`,
        'POST',
        '/internal/exchange',
        Buffer.from([1, 0, 0, 0, 0, 0, 0]),
      );
      assert.equal(stranger.status, 401, 'the nodes run shares a random cluster key');
      const background = await request(`127.0.0.1:${base + 2}`, 'GET', '/kv?prefix=bg:7:');
      assert.equal(background.json.items.length, 10, '--seed names the background keys');
    } finally {
      child.kill('SIGINT');
      const result = await child;
      // Ctrl-C ends a kept cluster: every node stops and, like any interrupted command, 130.
      assert.equal(result.exitCode, 130);
    }
    await portsReleased(ports(base));
  });

  it('put, del, diff and trigger drive a cluster as the guide does', async () => {
    const cluster = await testCluster(3);
    const [a, b, c] = cluster.nodes.map((n) => n.address) as [string, string, string];
    const nodes = `${a},${b},${c}`;
    try {
      let r = await cli(['put', 'user:alice', 'alice_data', '--node', a]);
      assert.equal(r.exitCode, 0, r.stderr);
      assert.match(r.stdout, /replicated: acked by/);
      r = await cli(['put', 'user:alice', 'other', '--node', b, '--direct']);
      assert.match(r.stdout, /direct:/);
      r = await cli(['del', 'user:zed', '--node', c, '--direct']);
      assert.equal(r.exitCode, 0, r.stderr);
      r = await cli(['inspect', 'user:alice', '--nodes', nodes]);
      assert.match(r.stdout, /disagree; anti-entropy will settle on "other" /);
      r = await cli(['diff', '--nodes', nodes, '--json']);
      const diff = JSON.parse(r.stdout);
      assert.equal(diff.equal, false);
      assert.ok(diff.pairs.length >= 2);
      assert.equal(r.exitCode, 1, 'diff(1): 1 when they differ, with --json too');
      r = await cli(['diff', '--nodes', nodes]);
      assert.match(r.stdout, /user:alice/);
      assert.equal(r.exitCode, 1, 'diff(1): 1 when they differ');
      assert.match(r.stderr, /^The nodes' Merkle roots differ/);
      r = await cli(['trigger', '--node', a, '--json']);
      assert.equal(r.exitCode, 0, r.stderr);
      assert.ok(
        JSON.parse(r.stdout).peers.some((p: { status: string }) => p.status === 'repaired'),
      );
      // The table names each peer by its id and sets the round beside a full exchange, as run does.
      r = await cli(['trigger', '--node', a]);
      assert.equal(r.exitCode, 0, r.stderr);
      for (const peer of cluster.nodes.slice(1)) {
        assert.match(r.stdout, new RegExp(`⇄ ${peer.id} .*│ in sync .*│ [\\d.]+ k?B \\(`));
      }
      r = await cli(['diff', '--nodes', nodes, '--json']);
      assert.equal(JSON.parse(r.stdout).equal, true);
      assert.equal(r.exitCode, 0, 'diff(1): 0 when equal');
      r = await cli(['diff', '--nodes', nodes]);
      assert.equal(r.exitCode, 0, r.stderr);
      assert.equal(r.stderr, '');
      r = await cli(['inspect', 'user:alice', '--nodes', nodes]);
      assert.match(r.stdout, /All 3 nodes agree/);
    } finally {
      await cluster.stop();
    }
  });

  it('inspect shows an unreachable node as unreachable and exits 3 when none answers', async () => {
    const base = await freeBasePort(2);
    const r = await cli([
      'inspect',
      'user:alice',
      '--nodes',
      `127.0.0.1:${base},127.0.0.1:${base + 1}`,
    ]);
    assert.equal(r.exitCode, 3);
    // Nobody answered: one sentence, no table of unreachable rows and no "the nodes disagree".
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /^error: No node answered \(connection refused\)/);
    assert.doesNotMatch(r.stderr, /disagree/);
    const diff = await cli(['diff', '--nodes', `127.0.0.1:${base},127.0.0.1:${base + 1}`]);
    assert.equal(diff.exitCode, 3, diff.stderr);
  });

  it('inspect with one node down shows that node as unreachable beside the others', async () => {
    const cluster = await testCluster(1);
    const dead = await freeBasePort(1);
    try {
      const nodes = `${cluster.nodes[0]!.address},127.0.0.1:${dead}`;
      const r = await cli(['inspect', 'user:alice', '--nodes', nodes]);
      assert.match(r.stdout, /unreachable \(connection refused\)/);
      assert.match(r.stdout, /NOT_FOUND/);
    } finally {
      await cluster.stop();
    }
  });

  it('every command has help with an example', async () => {
    for (const command of COMMANDS) {
      const r = await cli([command, '--help']);
      assert.equal(r.exitCode, 0, command);
      assert.match(r.stdout, /Examples:/, command);
    }
    const version = await cli(['--version']);
    assert.match(version.stdout.trim(), /^\d+\.\d+\.\d+$/);
  });
});
