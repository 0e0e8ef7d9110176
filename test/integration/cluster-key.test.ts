// `cluster` can be driven by hand through the admin routes the README documents: it takes the
// key from --cluster-key or AE_DEMO_CLUSTER_KEY (as `node` does), or makes one, and prints a
// curl line that works when pasted into a shell.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { execa } from 'execa';
import { BIN, portRange, portsReleased } from '../helpers/cli.js';
import { request } from '../helpers/http.js';
import { freeBasePort } from '../helpers/ports.js';
import { until } from '../helpers/poll.js';

/** Runs `ae-demo cluster ARGS` until its intro is printed; returns what it printed. */
async function withCluster(
  args: string[],
  env: Record<string, string>,
  use: (stdout: string, base: number) => Promise<void>,
): Promise<void> {
  const base = await freeBasePort(3);
  const child = execa(process.execPath, [BIN, 'cluster', '--base-port', String(base), ...args], {
    reject: false,
    env: { NO_COLOR: '1', ...env },
    stdin: 'ignore',
    buffer: true,
  });
  let stdout = '';
  child.stdout!.on('data', (c: Buffer) => (stdout += c.toString()));
  try {
    await until(
      'the cluster to be up',
      async () => stdout.includes('Ctrl-C stops them all'),
      30_000,
    );
    await use(stdout, base);
  } finally {
    child.kill('SIGINT');
    await child;
  }
  await portsReleased(portRange(base));
}

/** The curl command the intro prints, with its continuation lines, as a shell reads it. */
function curlCommand(stdout: string): string {
  const lines = stdout.split('\n');
  const start = lines.findIndex((l) => l.trimStart().startsWith('curl '));
  assert.ok(start >= 0, `no curl line:\n${stdout}`);
  const command: string[] = [];
  for (let i = start; i < lines.length; i++) {
    command.push(lines[i]!);
    if (!lines[i]!.endsWith('\\')) break;
  }
  return command.join('\n');
}

/** Pastes `command` into sh with `env`; returns its output. */
async function paste(command: string, env: Record<string, string> = {}): Promise<string> {
  const r = await execa('sh', ['-c', command], { env, reject: false });
  assert.equal(r.exitCode, 0, r.stderr);
  return String(r.stdout);
}

describe('cluster and its key', () => {
  it('--cluster-key: the admin routes answer the printed curl line, and 401 without the key', async () => {
    await withCluster(['--cluster-key', 'k3y-by-hand'], {}, async (stdout, base) => {
      assert.match(stdout, /Cluster key: k3y-by-hand/);
      const answer = JSON.parse(await paste(curlCommand(stdout)));
      assert.equal(answer.intervalMs, 2000);
      const stranger = await request(`127.0.0.1:${base}`, 'POST', '/admin/interval', '{"ms":0}');
      assert.equal(stranger.status, 401);
      const keyed = await request(`127.0.0.1:${base + 1}`, 'POST', '/admin/interval', '{"ms":0}', {
        'x-ae-cluster-key': 'k3y-by-hand',
      });
      assert.equal(keyed.status, 200);
    });
  });

  it('AE_DEMO_CLUSTER_KEY: taken, never printed, and the curl line reads it from the environment', async () => {
    const key = 'from-the-environment';
    await withCluster([], { AE_DEMO_CLUSTER_KEY: key }, async (stdout) => {
      assert.ok(!stdout.includes(key), 'the key itself is not printed');
      assert.match(curlCommand(stdout), /\$AE_DEMO_CLUSTER_KEY/);
      const answer = JSON.parse(await paste(curlCommand(stdout), { AE_DEMO_CLUSTER_KEY: key }));
      assert.equal(answer.intervalMs, 2000);
    });
  });

  it('no key given: a fresh one, printed, that the printed curl line carries', async () => {
    await withCluster([], {}, async (stdout) => {
      assert.match(
        stdout.replace(/\s+/g, ' '),
        /Cluster key: [0-9a-f]{32} \(made for this cluster; choose your own with --cluster-key or \$AE_DEMO_CLUSTER_KEY\)\. The admin routes need it in the x-ae-cluster-key header; this one sets periodic rounds every ~2 s on 127\.0\.0\.1:\d+:/,
      );
      const answer = JSON.parse(await paste(curlCommand(stdout)));
      assert.equal(answer.intervalMs, 2000);
    });
  });
});
