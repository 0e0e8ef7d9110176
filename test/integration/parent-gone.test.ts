// `npx ae-demo cluster &` killed by its pid: npx dies and passes no signal on. The command must
// notice that its parent is gone and stop its nodes, freeing their ports.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { describe, it } from 'node:test';
import { BIN, portRange, portsReleased } from '../helpers/cli.js';
import { freeBasePort, portIsFree } from '../helpers/ports.js';
import { until } from '../helpers/poll.js';
import { descendants, isAlive } from '../helpers/pty.js';

/** A parent that starts `ae-demo ARGS`, prints its pid, and waits (as npx does). */
const WRAPPER = `
const { spawn } = require('node:child_process');
const [bin, ...args] = process.argv.slice(1);
const child = spawn(process.execPath, [bin, ...args], { stdio: 'ignore' });
console.log(child.pid);
setInterval(() => {}, 1000);
`;

describe('a command whose parent is killed', () => {
  it('cluster: stops its nodes and exits once its parent is gone', async () => {
    const base = await freeBasePort(3);
    const wrapper = spawn(
      process.execPath,
      ['-e', WRAPPER, BIN, 'cluster', '--base-port', String(base)],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
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
});
