// cluster --web --connect without a browser: the live page over nodes started by hand. It starts
// and stops none; Cut off reaches the fault route; Kill and Restart are refused without a
// restart command and really kill and start a node with one; Ctrl-C heals what the page cut and
// starts what it killed, and the nodes run on; with --record it records their messages.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { apply, initialState } from '../../src/web/model.js';
import { cli } from '../helpers/cli.js';
import { handNodes, type HandNodes } from '../helpers/hand-nodes.js';
import { request } from '../helpers/http.js';
import { readEvents, startLive, withLiveRun, type LiveCli } from '../helpers/web.js';

const KEY = 'page-key';
const ACTION = { 'x-ae-demo': 'action', 'content-type': 'application/json' };

/** One action as the page sends it: its status and its sentence. */
async function act(live: LiveCli, body: object): Promise<{ status: number; said: string }> {
  const host = new URL(live.url).host;
  const answer = await request(host, 'POST', '/action', JSON.stringify(body), ACTION);
  return { status: answer.status, said: answer.json.message ?? answer.json.error?.message };
}

/** Ctrl-C to the CLI; resolves with its exit code once it has exited. */
async function interrupt(live: LiveCli): Promise<number | undefined> {
  live.child.kill('SIGINT');
  return (await live.child).exitCode;
}

describe('cluster --web --connect', () => {
  let nodes: HandNodes;
  let dir: string;
  let keyFile: string;
  before(async () => {
    nodes = await handNodes(3, KEY);
    dir = await mkdtemp(path.join(os.tmpdir(), 'ae-demo-key-'));
    keyFile = path.join(dir, 'key');
    await writeFile(keyFile, KEY);
  });
  after(async () => {
    await nodes.stop();
    await rm(dir, { recursive: true, force: true });
  });
  const page = (more: string[] = []) =>
    startLive([
      'cluster',
      '--web',
      '--connect',
      nodes.addresses.join(','),
      '--cluster-key-file',
      keyFile,
      ...more,
    ]);
  const faults = async (i: number) =>
    (await request(nodes.addresses[i]!, 'GET', '/admin/faults')).json.cut as string[];

  it('cuts a node off through the fault route, offers no Kill, and heals at Ctrl-C', async () => {
    const live = await page();
    try {
      assert.match(live.output(), /showing 3 nodes that run elsewhere; none is started or stopped/);
      const cut = await act(live, { action: 'cut', node: 'hand-3' });
      assert.equal(cut.status, 200, cut.said);
      assert.match(cut.said, /hand-3 is cut off from hand-1, hand-2, both ways/);
      assert.equal((await faults(2)).length, 2);
      const kill = await act(live, { action: 'kill', node: 'hand-2' });
      assert.equal(kill.status, 400);
      assert.match(
        kill.said,
        /hand-2 runs elsewhere: Kill and Restart work only when .*--restart-command/,
      );
      assert.equal(await interrupt(live), 130);
    } finally {
      live.child.kill('SIGKILL');
    }
    // Healed before the exit: asked once, right away; every node still answers.
    for (const i of [0, 1, 2]) {
      assert.deepEqual(await faults(i), []);
      assert.equal((await request(nodes.addresses[i]!, 'GET', '/health')).status, 200);
    }
  });

  it('with the commands, Kill and Restart really kill and start a node; Ctrl-C starts a killed one', async () => {
    const commands = ['--kill-command', nodes.killCommand, '--restart-command', nodes.startCommand];
    const live = await page(commands);
    const second = nodes.addresses[1]!;
    try {
      const first = await nodes.pid('hand-2');
      assert.equal((await act(live, { action: 'kill', node: 'hand-2' })).status, 200);
      await assert.rejects(request(second, 'GET', '/health'), 'hand-2 is down');
      const restart = await act(live, { action: 'restart', node: 'hand-2' });
      assert.equal(restart.status, 200, restart.said);
      assert.match(restart.said, /hand-2 restarted/);
      assert.notEqual(await nodes.pid('hand-2'), first);
      // Killed again and left down: the end of the page brings it back.
      assert.equal((await act(live, { action: 'kill', node: 'hand-2' })).status, 200);
      assert.equal(await interrupt(live), 130);
    } finally {
      live.child.kill('SIGKILL');
    }
    // Started again before the exit: it answers at once.
    assert.equal((await request(second, 'GET', '/health')).status, 200);
  });

  it("cluster --web --connect --record records the nodes' messages from GET /messages", async () => {
    const file = path.join(dir, 'connected.jsonl');
    const live = await page(['--record', file]);
    try {
      const write = {
        action: 'write',
        key: 'k:recorded',
        value: 'v',
        node: 'hand-1',
        direct: true,
      };
      assert.equal((await act(live, write)).status, 200);
      assert.equal((await act(live, { action: 'trigger', node: 'hand-2' })).status, 200);
      // The page's stream has the exchange's messages once the feed has them (and so the file).
      const state = initialState();
      await readEvents(live.url, (e) => {
        apply(state, e);
        return state.messages.list.some((m) => m.kind.startsWith('exchange:'));
      });
      assert.equal(await interrupt(live), 130);
    } finally {
      live.child.kill('SIGKILL');
    }
    const lines = (await readFile(file, 'utf8'))
      .trim()
      .split('\n')
      .map(
        (l) => JSON.parse(l) as { type: string; command?: string; kind?: string; from?: string },
      );
    assert.equal(lines[0]!.type, 'recording');
    assert.equal(lines[0]!.command, 'cluster');
    const exchange = lines.filter((l) => l.type === 'message' && l.kind?.startsWith('exchange:'));
    assert.ok(exchange.length >= 2, `an exchange's messages were recorded (${exchange.length})`);
    assert.ok(
      exchange.some((m) => m.from === 'hand-2'),
      'named by node id',
    );
    const replay = await cli(['replay', file]);
    assert.equal(replay.exitCode, 0, replay.stderr);
    assert.match(replay.stdout, /A recording of ae-demo cluster \(3 nodes/);
  });

  it('run --web --connect: the page follows the story on them, and says they run on', async () => {
    const args = [
      'run',
      '--web',
      '--connect',
      nodes.addresses.join(','),
      '--scenario',
      'partition',
    ];
    await withLiveRun([...args, '--keys', '10', '--cluster-key-file', keyFile], async ({ url }) => {
      // A page that connects late gets a snapshot first: the state is what the events add up to.
      const state = initialState();
      await readEvents(url, (e) => {
        apply(state, e);
        return state.ended !== null;
      });
      assert.equal(state.elsewhere, true);
      assert.equal(state.verdict?.converged, true);
    });
    for (const i of [0, 1, 2]) assert.deepEqual(await faults(i), []);
  });
});
