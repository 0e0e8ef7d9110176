// --connect against nodes started by hand, as on other machines: they know each other as
// localhost:P while the CLI reaches them as 127.0.0.1:P; their key is read from a file; a kill
// or restart is the user's own command, which really kills the node process and starts it again
// from its data directory; a run interrupted mid-partition heals before it exits.
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { cli } from '../helpers/cli.js';
import { handNodes, type HandNodes } from '../helpers/hand-nodes.js';
import { keyedProxy } from '../helpers/proxy.js';
import { request } from '../helpers/http.js';
import { inTerminal, linesAfterCtrlC } from '../helpers/pty.js';

const KEY = 'hand-key';
const keyHeader = { 'x-ae-cluster-key': KEY };

/** Every node answers and is cut off from nothing. */
async function allUpAndWhole(nodes: HandNodes): Promise<void> {
  for (const a of nodes.addresses) {
    assert.equal((await request(a, 'GET', '/health')).status, 200, `${a} answers`);
    assert.deepEqual((await request(a, 'GET', '/admin/faults')).json.cut, [], `${a} is whole`);
  }
}

describe('--connect: nodes that know each other by other names, with a key file and commands', () => {
  let nodes: HandNodes;
  let dir: string;
  let keyFile: string;
  let connect: string;
  before(async () => {
    nodes = await handNodes(3, KEY);
    connect = nodes.addresses.join(',');
    dir = await mkdtemp(path.join(os.tmpdir(), 'ae-demo-key-'));
    keyFile = path.join(dir, 'key');
    await writeFile(keyFile, `${KEY}\n`);
  });
  after(async () => {
    await nodes.stop();
    await rm(dir, { recursive: true, force: true });
  });
  /** `ae-demo COMMAND --connect ... --cluster-key-file ... --json` and more flags. */
  const onNodes = (command: string, more: string[]) =>
    cli([command, '--connect', connect, '--cluster-key-file', keyFile, '--json', ...more], {
      timeoutMs: 120_000,
    });

  it('the fault route takes the address a client knows a peer by and cuts it both ways', async () => {
    const [a1, , a3] = nodes.addresses as [string, string, string];
    const body = JSON.stringify({ peers: [a1] });
    const cut = await request(a3, 'POST', '/admin/partition', body, keyHeader);
    assert.equal(cut.status, 200, cut.text);
    assert.deepEqual(cut.json.cut, [`localhost:${a1.split(':')[1]}`]);
    // node 1's write reaches node 3 through its own entry, and node 3 knows it by its alias.
    const put = await request(a1, 'PUT', '/kv/alias:one', '{"value":"x"}');
    assert.deepEqual(
      put.json.replication.failed.map((f: { peer: string }) => f.peer),
      [`localhost:${a3.split(':')[1]}`],
    );
    assert.equal((await request(a3, 'GET', '/kv/alias:one')).status, 404);
    const heal = await request(
      a3,
      'POST',
      '/admin/heal',
      JSON.stringify({ peers: [a1] }),
      keyHeader,
    );
    assert.deepEqual(heal.json.cut, []);
  });

  it('run --connect plays the partition story with the key from a file, and leaves them whole', async () => {
    const r = await onNodes('run', ['--scenario', 'partition', '--keys', '10']);
    assert.equal(r.exitCode, 0, r.stderr);
    assert.equal(JSON.parse(r.stdout).converged, true);
    await allUpAndWhole(nodes);
  });

  it('without the key the fault route refuses, and the run says so', async () => {
    const r = await cli(['run', '--connect', connect, '--scenario', 'partition', '--keys', '0']);
    assert.equal(r.exitCode, 2);
    assert.match(
      r.stderr,
      /wants the cluster key it was started with; give it with --cluster-key-file/,
    );
    await allUpAndWhole(nodes);
  });

  it('crash with --restart-command: the node is really killed and started again from its data', async () => {
    const pid = await nodes.pid('hand-3');
    const restart = ['--restart-command', nodes.restartCommand];
    const r = await onNodes('run', ['--scenario', 'crash', '--keys', '10', ...restart]);
    assert.equal(r.exitCode, 0, r.stderr);
    assert.equal(JSON.parse(r.stdout).converged, true);
    assert.notEqual(await nodes.pid('hand-3'), pid, 'a new process');
    await allUpAndWhole(nodes);
  });

  it('crash with --kill-command and --restart-command: down while writes go on, then back', async () => {
    const pid = await nodes.pid('hand-3');
    const commands = ['--kill-command', nodes.killCommand, '--restart-command', nodes.startCommand];
    const r = await onNodes('run', ['--scenario', 'crash', '--keys', '0', ...commands]);
    assert.equal(r.exitCode, 0, r.stderr);
    const doc = JSON.parse(r.stdout);
    assert.equal(doc.converged, true);
    // It was down for the second write of user:dave, so it came back with the first.
    assert.equal(doc.before['hand-3']['user:dave'].value, 'dave_v1');
    assert.notEqual(await nodes.pid('hand-3'), pid, 'a new process');
    await allUpAndWhole(nodes);
  });

  it("crash's story names the user's command as what took the node down, not a signal", async () => {
    const commands = ['--kill-command', nodes.killCommand, '--restart-command', nodes.startCommand];
    const more = ['--scenario', 'crash', '--keys', '0', ...commands];
    const r = await cli(['run', '--connect', connect, '--cluster-key-file', keyFile, ...more], {
      timeoutMs: 120_000,
    });
    assert.equal(r.exitCode, 0, r.stderr);
    assert.match(r.stdout, /hand-3 crashes \(your --kill-command\)/);
    assert.doesNotMatch(r.stdout, /SIGKILL|kill -9/);
    await allUpAndWhole(nodes);
  });

  it('chaos --connect kills and restarts with the commands and loses nothing acknowledged', async () => {
    const commands = ['--kill-command', nodes.killCommand, '--restart-command', nodes.startCommand];
    const r = await onNodes('chaos', ['--ops', '80', ...commands]);
    assert.equal(r.exitCode, 0, r.stderr);
    const report = JSON.parse(r.stdout);
    assert.deepEqual(report.violations, []);
    assert.ok(report.counts.crashes > 0, 'some node was killed');
    assert.ok(report.counts.partitions > 0, 'some node was cut off');
    await allUpAndWhole(nodes);
  });

  it('chaos --connect without a restart command cuts nodes off but kills none', async () => {
    const r = await onNodes('chaos', ['--ops', '80']);
    assert.equal(r.exitCode, 0, r.stderr);
    const report = JSON.parse(r.stdout);
    assert.deepEqual(report.violations, []);
    assert.equal(report.counts.crashes, 0);
    assert.match(r.stderr, /no node is killed \(that needs --restart-command\)/);
    await allUpAndWhole(nodes);
  });

  it('inspect takes the same key flags as run and chaos', async () => {
    // The routes inspect reads are open on the nodes: behind proxies that want the key, a run
    // that did not send it reads nothing.
    const proxies = await Promise.all(nodes.addresses.map((a) => keyedProxy(a, KEY)));
    try {
      const behind = proxies.map((p) => p.address).join(',');
      const keyed = await cli([
        'inspect',
        'alias:one',
        '--connect',
        behind,
        '--json',
        '--cluster-key-file',
        keyFile,
      ]);
      assert.equal(keyed.exitCode, 0, keyed.stderr);
      const states = JSON.parse(keyed.stdout).nodes as { state: string }[];
      assert.equal(states.length, 3);
      assert.ok(
        states.every((n) => n.state !== 'unreachable'),
        JSON.stringify(states),
      );
      const bare = await cli(['inspect', 'alias:one', '--connect', behind, '--json']);
      assert.notEqual(bare.exitCode, 0, 'the proxies refuse a read without the key');
    } finally {
      await Promise.all(proxies.map((p) => p.close()));
    }
  });

  it('a restart command that fails is reported in one sentence with its exit code', async () => {
    const failing = ['--restart-command', 'echo no such pod {id} >&2; exit 4'];
    const r = await onNodes('run', ['--scenario', 'crash', '--keys', '0', ...failing]);
    assert.equal(r.exitCode, 3);
    assert.match(r.stderr, /--restart-command for hand-3 .* exited with 4: no such pod hand-3\./);
    await allUpAndWhole(nodes);
  });
});

describe('run --connect interrupted while a node is cut off', () => {
  let nodes: HandNodes;
  before(async () => {
    nodes = await handNodes(3);
  });
  after(() => nodes.stop());

  it('heals the node before it exits (130), and the nodes run on', async () => {
    const args = ['run', '--connect', nodes.addresses.join(','), '--scenario', 'partition'];
    const terminal = inTerminal([...args, '--keys', '0', '--step']);
    try {
      await terminal.waitFor('Enter for: Cut hand-3 off');
      terminal.type('\r');
      await terminal.waitFor('Enter for: A normal write');
      const third = nodes.addresses[2]!;
      assert.equal((await request(third, 'GET', '/admin/faults')).json.cut.length, 2);
      const typedAt = terminal.screen().length;
      terminal.type('\x03');
      assert.equal((await terminal.exited).code, 130);
      // Nothing was started here, so the closing line says what the stop did to nodes elsewhere.
      assert.deepEqual(linesAfterCtrlC(terminal.screen(), typedAt), [
        'Interrupted by Ctrl-C; the nodes elsewhere run on, every cut healed.',
      ]);
      // Healed before the exit, not after: asked once, right away.
      await allUpAndWhole(nodes);
    } finally {
      terminal.kill();
    }
  });
});
