// `npx ae-demo cluster &` killed by its pid: npx dies and passes no signal on. The command must
// notice that its parent is gone and stop its nodes, freeing their ports.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { describe, it } from 'node:test';
import { BIN, portRange, portsReleased } from '../helpers/cli.js';
import { freeBasePort, portIsFree } from '../helpers/ports.js';
import { until } from '../helpers/poll.js';
import { descendants, isAlive } from '../helpers/pty.js';
import { PARENT_POLL_MS } from '../../src/cli/lifecycle/parent.js';

/** A parent that starts `ae-demo ARGS`, prints its pid, and waits (as npx does). */
const WRAPPER = `
const { spawn } = require('node:child_process');
const [bin, ...args] = process.argv.slice(1);
const child = spawn(process.execPath, [bin, ...args], { stdio: 'ignore' });
console.log(child.pid);
setInterval(() => {}, 1000);
`;

/** `cluster` under WRAPPER; `npm_command` set as npx sets it, or left out as a shell would. */
function clusterUnder(base: number, throughNpm: boolean) {
  const env = { ...process.env };
  if (throughNpm) env.npm_command = 'exec';
  else delete env.npm_command;
  return spawn(process.execPath, ['-e', WRAPPER, BIN, 'cluster', '--base-port', String(base)], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env,
  });
}

describe('a command whose parent is killed', () => {
  it('cluster started through npx: stops its nodes and exits once its parent is gone', async () => {
    const base = await freeBasePort(3);
    const wrapper = clusterUnder(base, true);
    let out = '';
    wrapper.stdout.on('data', (c: Buffer) => (out += c.toString()));
    const cli = Number(await until('the command to start', async () => /^\d+\n/.exec(out)?.[0]));
    let pids: number[] = [];
    try {
      await until(
        'the three nodes to listen',
        async () => !(await Promise.all(portRange(base).map(portIsFree))).some(Boolean),
        30_000,
      );
      pids = [cli, ...descendants(cli)];
      wrapper.kill('SIGKILL');
      await until(
        'the command and its nodes to be gone',
        async () => pids.every((p) => !isAlive(p)),
        10_000,
      );
      await portsReleased(portRange(base));
    } finally {
      wrapper.kill('SIGKILL');
      for (const pid of [cli, ...pids].filter(isAlive)) process.kill(pid, 'SIGKILL');
    }
    assert.ok(pids.length >= 4);
  });

  it('cluster started from a shell (nohup … &): outlives its parent', async () => {
    const base = await freeBasePort(3);
    const wrapper = clusterUnder(base, false);
    let out = '';
    wrapper.stdout.on('data', (c: Buffer) => (out += c.toString()));
    const cli = Number(await until('the command to start', async () => /^\d+\n/.exec(out)?.[0]));
    try {
      await until(
        'the three nodes to listen',
        async () => !(await Promise.all(portRange(base).map(portIsFree))).some(Boolean),
        30_000,
      );
      wrapper.kill('SIGKILL');
      // Proving that nothing happens needs a wait: three of the watch's polls, had it run.
      await new Promise((resolve) => setTimeout(resolve, 3 * PARENT_POLL_MS));
      assert.ok(isAlive(cli), 'the command still runs');
      assert.ok(!(await Promise.all(portRange(base).map(portIsFree))).some(Boolean));
    } finally {
      wrapper.kill('SIGKILL');
      if (isAlive(cli)) process.kill(cli, 'SIGTERM');
      await until('the command to stop', async () => !isAlive(cli), 15_000);
      await portsReleased(portRange(base));
    }
  });
});
