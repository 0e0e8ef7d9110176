// A cluster that is stopping starts nothing again: Ctrl-C while chaos brings a node back must
// not leave that node running after the command has said every node is stopped.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InterruptedError } from '../../src/errors.js';
import { portRange, portsReleased, testCluster } from '../helpers/cli.js';
import { until } from '../helpers/poll.js';

/** Whether a process is still running (signal 0 checks without sending anything). */
function isRunning(pid: number | undefined): boolean {
  if (pid === undefined) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('cluster stop', () => {
  it('a restart overtaken by stop() stops the node it launched and rejects', async () => {
    const cluster = await testCluster(3);
    const base = Number(cluster.nodes[0]!.address.split(':')[1]);
    const pids = cluster.nodes.map((n) => n.pid);
    const restarting = cluster.restart(2);
    await cluster.stop();
    await assert.rejects(restarting, InterruptedError);
    await assert.rejects(cluster.restart(1), InterruptedError);
    await portsReleased(portRange(base, 3));
    await until('every node process to exit', async () => !pids.some(isRunning), 10_000);
    assert.ok(
      cluster.nodes.every((n) => !isRunning(n.pid)),
      'no node of the cluster runs',
    );
  });
});
