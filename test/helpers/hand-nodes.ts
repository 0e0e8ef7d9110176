// Nodes started "by hand", as a user runs them on other machines: each from a shell script, in
// the background, with its pid in a file and its own data directory, and peers named as the
// nodes know each other (localhost:P) while the CLI reaches them as 127.0.0.1:P. The same
// scripts kill and restart a node, so --kill-command and --restart-command are tested with
// commands that really do it. stop() kills whatever runs from the pid files. Hints are off, as
// on the nodes run starts itself, so that anti-entropy is what repairs in the stories.
import { execa } from 'execa';
import { mkdtemp, readFile, rm, writeFile, chmod } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { freeBasePort, portIsFree } from './ports.js';
import { BIN } from './cli.js';
import { until } from './poll.js';
import { request } from './http.js';
import { isAlive } from './pty.js';

export interface HandNodes {
  /** host:port as the CLI reaches them. */
  addresses: string[];
  ids: string[];
  /** --restart-command that kills the node and starts it again from its data. */
  restartCommand: string;
  /** --kill-command (kill -9 by pid file) and the command that starts it again. */
  killCommand: string;
  startCommand: string;
  pid(id: string): Promise<number>;
  stop(): Promise<void>;
}

const q = (s: string) => `'${s.replaceAll("'", `'\\''`)}'`;

/** Starts `count` nodes by hand (no cluster key unless one is given). */
export async function handNodes(count: number, key?: string): Promise<HandNodes> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'ae-demo-hand-'));
  const base = await freeBasePort(count);
  const ports = Array.from({ length: count }, (_, i) => base + i);
  const ids = ports.map((_, i) => `hand-${i + 1}`);
  for (const [i, id] of ids.entries()) {
    const peers = ports.filter((_, j) => j !== i).map((p) => `localhost:${p}`);
    await writeFile(path.join(dir, `${id}.env`), `PORT=${ports[i]}\nPEERS=${peers.join(',')}\n`);
  }
  const keyEnv = key ? `AE_CLUSTER_KEY=${q(key)} ` : '';
  const script = async (name: string, body: string) => {
    const file = path.join(dir, name);
    await writeFile(file, `#!/bin/sh\nset -e\ncd ${q(dir)}\n${body}\n`);
    await chmod(file, 0o755);
    return file;
  };
  const start = await script(
    'start.sh',
    '. "./$1.env"\n' +
      `${keyEnv}${q(process.execPath)} ${q(BIN)} node --id "$1" --port "$PORT" --host 127.0.0.1 ` +
      '--peers "$PEERS" --ae-interval 0 --hints off --data-dir "./$1" >>"./$1.log" 2>&1 </dev/null &\n' +
      'echo $! >"./$1.pid"',
  );
  const kill = await script(
    'kill.sh',
    'pid=$(cat "./$1.pid")\nkill -9 "$pid"\n' +
      '# until the process is gone, so that a start after it finds its port free\n' +
      'while kill -0 "$pid" 2>/dev/null; do sleep 0.05; done',
  );
  const restart = await script('restart.sh', `${q(kill)} "$1"\n${q(start)} "$1"`);
  const addresses = ports.map((p) => `127.0.0.1:${p}`);
  const nodes: HandNodes = {
    addresses,
    ids,
    restartCommand: `${restart} {id}`,
    killCommand: `${kill} {id}`,
    startCommand: `${start} {id}`,
    pid: async (id) => Number(await readFile(path.join(dir, `${id}.pid`), 'utf8')),
    stop: async () => {
      for (const id of ids) {
        const pid = await nodes.pid(id).catch(() => 0);
        if (pid > 0 && isAlive(pid)) process.kill(pid, 'SIGKILL');
      }
      await until('the hand-started nodes to be gone', async () =>
        (await Promise.all(ports.map(portIsFree))).every(Boolean),
      );
      await rm(dir, { recursive: true, force: true });
    },
  };
  try {
    for (const id of ids) await execa(start, [id]);
    await Promise.all(
      addresses.map((a) =>
        until(`${a} to answer`, async () => (await request(a, 'GET', '/health')).status === 200),
      ),
    );
  } catch (error) {
    await nodes.stop();
    throw error;
  }
  return nodes;
}
