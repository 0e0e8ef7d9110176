// The image for real: the root Containerfile built with podman (against local stand-ins for the
// official Node images: no registry is reachable here), three node containers on the host
// network from their named volumes, driven by the CLI (run --connect plays the seed story on
// them); one is killed (SIGKILL) and started again from its volume, and no acknowledged write is
// lost. Skips only where no container can
// run at all (no podman, and not in CI).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CLUSTER_KEY_HEADER } from '../../src/api/headers.js';
import { cli } from '../helpers/cli.js';
import { request } from '../helpers/http.js';
import { freeBasePort } from '../helpers/ports.js';
import { until } from '../helpers/poll.js';
import {
  buildImage,
  containerSkip,
  imageBytes,
  podman,
  removeAll,
  runNode,
} from '../helpers/podman.js';

/** The image build on a 2-core machine with no layer cache: base images, npm ci, sqlite's compile. */
const BUILD_TIMEOUT_MS = 12 * 60_000;
/** A container's start: podman's setup and the node's (the image's healthcheck allows 10 s). */
const START_TIMEOUT_MS = 30_000;
/** Writes before the kill and while the node is down: enough keys for a repair to show. */
const WRITES = 12;
const KEY = 'container-test-key';

const skip = containerSkip();

describe('the container image', { skip, timeout: BUILD_TIMEOUT_MS + 5 * 60_000 }, () => {
  const names: string[] = [];
  let addresses: string[] = [];
  const acked = new Map<string, string>();

  before(async () => {
    const started = Date.now();
    await buildImage(BUILD_TIMEOUT_MS);
    process.stderr.write(
      `# image built in ${Math.round((Date.now() - started) / 1000)} s, ` +
        `${Math.round((await imageBytes()) / 1e6)} MB\n`,
    );
    const base = await freeBasePort(3);
    addresses = [0, 1, 2].map((i) => `127.0.0.1:${base + i}`);
    for (let i = 0; i < 3; i++) names.push(`ae-test-${process.pid}-${i + 1}`);
    await removeAll(names);
    for (let i = 0; i < 3; i++)
      await runNode(names[i]!, {
        // Loopback: the host network is shared with this machine, and the key guards the rest.
        AE_HOST: '127.0.0.1',
        AE_PORT: String(base + i),
        AE_ID: names[i]!,
        AE_PEERS: addresses.filter((_, j) => j !== i).join(','),
        AE_CLUSTER_KEY: KEY,
        // Only triggered rounds: what the killed node holds after its restart is its volume's.
        AE_AE_INTERVAL: '0',
      });
    await Promise.all(addresses.map(healthy));
  });
  after(() => removeAll(names));

  /** Waits until the node at address answers /health. */
  const healthy = (address: string) =>
    until(
      `${address} to answer /health`,
      async () => (await request(address, 'GET', '/health')).status === 200,
      START_TIMEOUT_MS,
    );

  /** Writes n keys through node 1 and remembers those it acknowledged. */
  async function write(prefix: string, n: number): Promise<void> {
    for (let i = 0; i < n; i++) {
      const key = `${prefix}:${i}`;
      const value = `${prefix}-value-${i}`;
      const r = await request(addresses[0]!, 'PUT', `/kv/${key}`, JSON.stringify({ value }));
      if (r.status === 200) acked.set(key, value);
    }
  }

  it('runs as a non-root user, and its HEALTHCHECK passes', async () => {
    assert.equal((await podman(['exec', names[0]!, 'id', '-u'])).trim(), '1000');
    await podman(['healthcheck', 'run', names[0]!]);
    const health = (await request(addresses[1]!, 'GET', '/health')).json;
    assert.equal(health.id, names[1]);
  });

  it('a node killed and started again from its volume loses nothing acknowledged', async () => {
    const put = await cli(['put', 'user:alice', 'from-the-cli', '--node', addresses[0]!]);
    assert.equal(put.exitCode, 0, put.stderr);
    acked.set('user:alice', 'from-the-cli');
    await write('before', WRITES);
    // A write only the node about to be killed acknowledged: only its volume can bring it back.
    const direct = await cli(['put', 'only:two', 'kept', '--node', addresses[1]!, '--direct']);
    assert.equal(direct.exitCode, 0, direct.stderr);
    acked.set('only:two', 'kept');
    await podman(['kill', names[1]!]);
    await write('while-down', WRITES);
    await podman(['start', names[1]!]);
    await healthy(addresses[1]!);
    const trigger = await cli(['trigger', '--node', addresses[1]!], {
      env: { AE_DEMO_CLUSTER_KEY: KEY },
    });
    assert.equal(trigger.exitCode, 0, trigger.stderr);
    assert.equal(acked.size, 2 * WRITES + 2);
    // Every acknowledged write, on every node, with its value: the killed node kept what it had
    // in its volume and got the rest back.
    for (const address of addresses)
      await until(
        `${address} to hold every acknowledged write`,
        async () => {
          for (const [key, value] of acked) {
            const r = await request(address, 'GET', `/kv/${key}`);
            if (r.json?.value !== value) return false;
          }
          return true;
        },
        30_000,
      );
    // The seed story played on the containers from outside: none started, none stopped.
    const run = await cli(['run', '--connect', addresses.join(','), '--keys', '20', '--json'], {
      env: { AE_CLUSTER_KEY: KEY },
    });
    assert.equal(run.exitCode, 0, run.stderr);
    assert.equal(JSON.parse(run.stdout).converged, true);
    const ids = await podman([
      'ps',
      '--format',
      '{{.Names}}',
      '--filter',
      `name=ae-test-${process.pid}`,
    ]);
    assert.equal(ids.trim().split('\n').length, 3);
    const inspect = await cli([
      'inspect',
      'user:alice',
      '--connect',
      addresses.join(','),
      '--json',
    ]);
    assert.equal(inspect.exitCode, 0, inspect.stderr);
    assert.equal(JSON.parse(inspect.stdout).agree, true, inspect.stdout);
    // The key guards the admin routes inside the container too.
    const bare = await request(addresses[2]!, 'POST', '/admin/heal', '{}');
    assert.equal(bare.status, 401);
    const keyed = await request(addresses[2]!, 'POST', '/admin/heal', '{}', {
      [CLUSTER_KEY_HEADER]: KEY,
    });
    assert.equal(keyed.status, 200);
  });
});
