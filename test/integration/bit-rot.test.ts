// Damaged storage on real nodes with --data-dir: one byte flipped in a stored value, a stored
// digest and a stored version (the version made newer, so it would win if it were trusted).
// Each is found (at start-up, or by the scrub while the node runs), counted and logged with
// its key, never served or sent to a peer, and anti-entropy brings the good copy back and
// writes it to disk (the next start finds nothing damaged). The restart case runs under a
// cluster key: the internal routes want it, and rows stored under it are read as they are.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { launchNode, type LaunchedNode, type NodeSpec } from '../../src/cluster/launcher.js';
import { flipStoredByte, type Field } from '../../demo/steps/damage.js';
import { request } from '../helpers/http.js';
import { until } from '../helpers/poll.js';
import { freeBasePort } from '../helpers/ports.js';
import { CLUSTER_KEY_HEADER } from '../../src/api/headers.js';
import { CLUSTER_KEY_ENV } from '../../src/api/process.js';

/** The key each flip damages, by the column it lands in. */
const VICTIMS: Record<Field, string> = {
  value: 'user:carol',
  hi: 'user:dave',
  wall: 'user:erin',
};
const FIELDS = Object.keys(VICTIMS) as Field[];
/** Keys beside the victims, so the tree has more than one leaf to tell apart. */
const BACKGROUND = 300;

interface Cluster {
  dirs: string[];
  specs: NodeSpec[];
  nodes: LaunchedNode[];
  /** Lines the third node logged, since its last start. */
  log: string[];
  /** What every request carries: the cluster key, when there is one. */
  headers: Record<string, string>;
}

async function startCluster(scrubInterval: string, key?: string): Promise<Cluster> {
  const base = await freeBasePort(3);
  const addresses = [0, 1, 2].map((i) => `127.0.0.1:${base + i}`);
  const dirs = addresses.map(() => mkdtempSync(path.join(os.tmpdir(), 'ae-demo-test-')));
  const specs = addresses.map((_, i) => ({
    index: i + 1,
    host: '127.0.0.1',
    port: base + i,
    peers: addresses.filter((_, j) => j !== i),
    args: ['--data-dir', dirs[i]!, '--ae-interval', '0', '--scrub-interval', scrubInterval],
    env: (key ? { [CLUSTER_KEY_ENV]: key } : {}) as Record<string, string>,
  }));
  const headers: Record<string, string> = key ? { [CLUSTER_KEY_HEADER]: key } : {};
  const cluster: Cluster = { dirs, specs, nodes: [], log: [], headers };
  for (const spec of specs) cluster.nodes.push(await launch(cluster, spec));
  const first = cluster.nodes[0]!.address;
  const items = Array.from({ length: BACKGROUND }, (_, i) => ({ key: `bg:${i}`, value: `b${i}` }));
  assert.equal((await request(first, 'POST', '/kv', JSON.stringify({ items }))).status, 200);
  for (const [field, key] of Object.entries(VICTIMS))
    await request(first, 'PUT', `/kv/${key}`, JSON.stringify({ value: `${field}_data_good` }));
  return cluster;
}

function launch(cluster: Cluster, spec: NodeSpec): Promise<LaunchedNode> {
  const third = spec.index === 3;
  if (third) cluster.log.length = 0;
  return launchNode(spec, {
    portFlag: '--port',
    onLog: (_node, _stream, line) => (third ? cluster.log.push(line) : undefined),
  });
}

async function stopCluster(cluster: Cluster): Promise<void> {
  await Promise.all(cluster.nodes.map((n) => n.stop()));
  for (const dir of cluster.dirs) rmSync(dir, { recursive: true, force: true });
}

const get = async (address: string, p: string) => (await request(address, 'GET', p)).json;

/** What every check below needs: the damage found, kept to itself, then repaired. */
async function damageFoundAndRepaired(cluster: Cluster): Promise<void> {
  const [a, b, c] = cluster.nodes.map((n) => n.address) as [string, string, string];
  assert.equal((await get(c, '/stats')).corrupt, FIELDS.length);
  for (const key of Object.values(VICTIMS)) {
    assert.ok(
      cluster.log.some((line) => line.includes(JSON.stringify(key))),
      `the log names ${key}`,
    );
    assert.equal((await request(c, 'GET', `/kv/${key}`)).status, 404, `${key} is not served`);
  }
  // Never sent: a round from the damaged node pulls the victims and pushes nothing of them.
  const good = await Promise.all(Object.values(VICTIMS).map((k) => get(a, `/kv/${k}`)));
  const report = await (await request(c, 'POST', '/anti-entropy/trigger')).json;
  const pushed = report.peers.flatMap((p: { keys: { pushed: string[] } }) => p.keys.pushed);
  const pulled = report.peers.flatMap((p: { keys: { pulled: string[] } }) => p.keys.pulled);
  assert.deepEqual(pushed, []);
  assert.deepEqual([...new Set(pulled)].sort(), Object.values(VICTIMS).sort());
  for (const read of good) {
    for (const node of [a, b, c]) {
      const now = await get(node, `/kv/${read.key}`);
      assert.deepEqual([now.value, now.version], [read.value, read.version], `${read.key}`);
    }
  }
  const roots = await Promise.all(
    [a, b, c].map(async (n) => (await get(n, '/merkle/snapshot')).root),
  );
  assert.equal(new Set(roots).size, 1, 'one root again');
}

describe('damaged storage: found at start-up', () => {
  let cluster: Cluster;
  before(async () => {
    cluster = await startCluster('0', 's3cret');
  });
  after(() => stopCluster(cluster));

  it('a flipped byte in a stored value, digest and version is never served or spread, and is repaired', async () => {
    const third = cluster.nodes[2]!;
    const untouched = await Promise.all(
      [0, 1].map((i) => get(cluster.nodes[i]!.address, '/merkle/snapshot')),
    );
    await third.stop();
    for (const field of FIELDS) await flipStoredByte(cluster.dirs[2]!, VICTIMS[field], field);
    cluster.nodes[2] = await launch(cluster, cluster.specs[2]!);
    const c = cluster.nodes[2].address;
    assert.equal(
      (await get(c, '/merkle/snapshot')).count,
      BACKGROUND,
      'the damaged three left out',
    );
    for (const [i, before] of untouched.entries())
      assert.equal((await get(cluster.nodes[i]!.address, '/merkle/snapshot')).root, before.root);
    await damageFoundAndRepaired(cluster);

    // Written back: the next start finds nothing damaged and serves the repaired entries.
    await cluster.nodes[2].stop();
    cluster.nodes[2] = await launch(cluster, cluster.specs[2]!);
    const again = cluster.nodes[2].address;
    assert.equal((await get(again, '/stats')).corrupt, 0);
    assert.deepEqual(
      cluster.log.filter((line) => /hashed|damaged/.test(line)),
      [],
      'rows stored under the cluster key are read as they are',
    );
    assert.equal((await get(again, `/kv/${VICTIMS.value}`)).value, 'value_data_good');
  });
});

describe('damaged storage: found by the scrub while the node runs', () => {
  let cluster: Cluster;
  before(async () => {
    cluster = await startCluster('100ms');
  });
  after(() => stopCluster(cluster));

  it('finds each flip within a few passes, drops the entry, and anti-entropy repairs it', async () => {
    const c = cluster.nodes[2]!.address;
    for (const field of FIELDS) await flipStoredByte(cluster.dirs[2]!, VICTIMS[field], field);
    await until(
      'the scrub to find the damage',
      async () => (await get(c, '/stats')).corrupt === FIELDS.length,
    ).catch((error: Error) => {
      throw new Error(`${error.message}; node 3 logged:\n${cluster.log.join('\n')}`);
    });
    await damageFoundAndRepaired(cluster);
    // Written back: two more passes read the repaired rows and find nothing new.
    const runs = (await get(c, '/stats')).scrub.runs;
    await until('two more passes', async () => (await get(c, '/stats')).scrub.runs >= runs + 2);
    assert.equal((await get(c, '/stats')).corrupt, FIELDS.length);
  });
});
