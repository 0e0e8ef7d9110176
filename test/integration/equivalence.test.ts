// The simulation predicts what real nodes do: `ae-demo run --json` plays the seed scenario on three
// node processes; what each node held before the repair (keys, values and the versions the nodes
// stamped, wall-clock HLC included) is given as it is to a simulation of three replicas, whose
// repair must end, root for root, where the real one did. For every strategy, and as a user does
// it: `simulate --given FILE` with the file run --json wrote.
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { Entry } from '../../src/node/replica/entry.js';
import { loadHasher } from '../../src/node/replica/hash.js';
import { Store } from '../../src/node/replica/store.js';
import type { Version } from '../../src/node/replica/version.js';
import { STRATEGIES } from '../../src/node/sync/exchange.js';
import { digestHex } from '../../src/node/tree/merkle.js';
import { SIM_DEFAULTS } from '../../src/sim/constants.js';
import { simulate } from '../../src/sim/simulate.js';
import { cli } from '../helpers/cli.js';
import { freeBasePort } from '../helpers/ports.js';

const NODES = 3;
/** The nodes stamped the versions during this test: their wall clock is within this of now. */
const WALL_CLOCK_SLACK_US = 10 * 60 * 1_000_000;

/** What `run --json` says of one key on one node (the before/after tables). */
interface Shown {
  state: 'value' | 'deleted' | 'missing' | 'unreachable';
  value: string | null;
  version: Version | null;
}

interface RunJson {
  converged: boolean;
  nodes: { id: string }[];
  before: Record<string, Record<string, Shown>>;
  roots: { before: Record<string, string>; after: Record<string, string> };
}

/** Each node's entries before the repair, as the simulation takes them: replica i is node i + 1. */
function givenFrom(doc: RunJson): { replica: number; entry: Entry }[] {
  return doc.nodes.flatMap(({ id }, replica) =>
    Object.entries(doc.before[id]!).flatMap(([key, shown]) => {
      assert.notEqual(shown.state, 'unreachable', `${id} answered for ${key}`);
      if (shown.state === 'missing') return [];
      const value = shown.state === 'deleted' ? null : shown.value;
      return [{ replica, entry: { key, value, version: shown.version! } }];
    }),
  );
}

describe('simulate and run end in the same state (the seed scenario)', () => {
  for (const strategy of STRATEGIES) {
    it(`${strategy}: the same writes and versions give the same roots, root for root`, async () => {
      const base = await freeBasePort(NODES);
      // No background keys: the before tables then hold every entry of every node.
      const r = await cli([
        'run',
        '--keys',
        '0',
        '--base-port',
        String(base),
        '--ae-strategy',
        strategy,
        '--json',
      ]);
      assert.equal(r.exitCode, 0, r.stderr);
      const doc = JSON.parse(r.stdout) as RunJson;
      assert.equal(doc.converged, true);
      const ids = doc.nodes.map((n) => n.id);
      assert.equal(ids.length, NODES);
      const given = givenFrom(doc);
      for (const g of given)
        assert.ok(
          Math.abs(g.entry.version.wall - Date.now() * 1000) < WALL_CLOCK_SLACK_US,
          `${g.entry.key}: the version is the node's wall clock (µs), not the simulation's`,
        );

      // What is given is what the nodes held: a store of each node's entries has its root.
      const hasher = await loadHasher();
      for (const [i, id] of ids.entries()) {
        const store = new Store(hasher);
        for (const g of given) if (g.replica === i) store.apply(g.entry);
        assert.equal(digestHex(store.tree.root().digest), doc.roots.before[id], `${id} before`);
      }
      assert.equal(new Set(Object.values(doc.roots.before)).size, NODES, 'three roots differ');

      const sim = await simulate({
        ...SIM_DEFAULTS,
        nodes: NODES,
        keys: 0,
        writes: 0,
        selection: 'all',
        peersPerRound: NODES - 1,
        strategy,
        given,
      });
      assert.equal(sim.converged, true, `the simulation converged (${sim.rounds} rounds)`);
      assert.equal(sim.writes, given.length);
      for (const id of ids) assert.equal(sim.root, doc.roots.after[id], `${id} after`);
    });
  }

  it('simulate --given FILE replays what run --json wrote and prints the same final root', async () => {
    const base = await freeBasePort(NODES);
    const r = await cli(['run', '--keys', '0', '--base-port', String(base), '--json']);
    assert.equal(r.exitCode, 0, r.stderr);
    const doc = JSON.parse(r.stdout) as RunJson;
    const dir = await mkdtemp(path.join(os.tmpdir(), 'ae-demo-given-'));
    try {
      const file = path.join(dir, 'seed.json');
      await writeFile(file, r.stdout);
      const replay = ['simulate', '--given', file, '--keys', '0', '--writes', '0'];
      const s = await cli([...replay, '--nodes', '3', '--selection', 'all', '--json']);
      assert.equal(s.exitCode, 0, s.stderr);
      const sim = JSON.parse(s.stdout) as { converged: boolean; root: string; writes: number };
      assert.equal(sim.converged, true);
      assert.equal(sim.writes, givenFrom(doc).length);
      for (const n of doc.nodes) assert.equal(sim.root, doc.roots.after[n.id], n.id);

      const notJson = path.join(dir, 'not.json');
      await writeFile(notJson, 'seed');
      for (const [args, says] of [
        [[...replay, '--nodes', '2'], /--nodes 3 or more/],
        [['simulate', '--given', path.join(dir, 'none.json')], /cannot read/],
        [['simulate', '--given', notJson], /not JSON/],
      ] as const) {
        const bad = await cli([...args]);
        assert.equal(bad.exitCode, 2, `${args.join(' ')}: ${bad.stderr}`);
        assert.match(bad.stderr, says);
        assert.match(bad.stderr, /ae-demo run --keys 0 --json >|--nodes 3 or more/);
        assert.equal(bad.stdout, '', 'nothing simulated');
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
