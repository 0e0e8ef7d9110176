// The simulation predicts what real nodes do: `ae-demo run --json` plays the seed and the delete
// scenarios on three node processes; what each node held before the repair (keys, values and the versions the nodes
// stamped, wall-clock HLC included) is given as it is to a simulation of three replicas, whose
// repair must end, root for root, where the real one did. For every strategy, and as a user does
// it: `simulate --given FILE` with the file run --json wrote. The nodes' trees are keyed from
// their cluster key, so the run is given one (--cluster-key-file) and the simulation the same.
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Entry } from '../../src/node/replica/entry.js';
import { clusterHashKeys, loadHasher } from '../../src/node/replica/hash.js';
import { treeKeyFingerprint } from '../../src/node/replica/tree-key.js';
import { Store } from '../../src/node/replica/store.js';
import type { Version } from '../../src/api/version.js';
import { STRATEGIES, type Strategy } from '../../src/api/strategies.js';
import { digestHex } from '../../src/node/tree/digest.js';
import { SIM_DEFAULTS } from '../../src/sim/constants.js';
import { simulate } from '../../src/sim/simulate.js';
import { cli, flags } from '../helpers/cli.js';
import { freeBasePort } from '../helpers/ports.js';

const NODES = 3;
/** The cluster key of every run here, and so of every simulation that replays one. */
const KEY = 'equivalence-cluster-key';
/** A folder for the key file and the replayed files, made once. */
let dir: string;
let keyFile: string;
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
  tree: { keyed: boolean; keyFingerprint?: string };
  nodes: { id: string }[];
  before: Record<string, Record<string, Shown>>;
  after: Record<string, Record<string, Shown>>;
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

/** The root of a store holding these entries, hashed under the cluster key (null: public). */
async function rootOf(entries: readonly Entry[], clusterKey: string | null = KEY): Promise<string> {
  const store = new Store(await loadHasher(clusterHashKeys(clusterKey ?? undefined)));
  for (const entry of entries) store.apply(entry);
  return digestHex(store.tree.root().digest);
}

/** `run --json` of a scenario on three nodes, with no background keys: what it printed, parsed. */
async function runJson(
  scenario: string,
  strategy: string,
): Promise<{ doc: RunJson; text: string }> {
  const basePort = await freeBasePort(NODES);
  const args = flags({
    scenario,
    keys: 0,
    basePort,
    aeStrategy: strategy,
    clusterKeyFile: keyFile,
  });
  args.push('--json');
  const r = await cli(['run', ...args]);
  assert.equal(r.exitCode, 0, r.stderr);
  const doc = JSON.parse(r.stdout) as RunJson;
  assert.equal(doc.converged, true);
  assert.equal(doc.nodes.length, NODES);
  return { doc, text: r.stdout };
}

/** Each run once: the --given test replays the output of the seed run the comparison made. */
const runs = new Map<string, ReturnType<typeof runJson>>();
function runOnce(scenario: string, strategy: string): ReturnType<typeof runJson> {
  const name = `${scenario} ${strategy}`;
  if (!runs.has(name)) runs.set(name, runJson(scenario, strategy));
  return runs.get(name)!;
}

/** Three replicas given these entries, each round with both others, as the trigger does. */
function simulateGiven(strategy: Strategy, given: { replica: number; entry: Entry }[]) {
  return simulate({
    ...SIM_DEFAULTS,
    nodes: NODES,
    keys: 0,
    writes: 0,
    selection: 'all',
    peersPerRound: NODES - 1,
    strategy,
    given,
    clusterKey: KEY,
  });
}

/**
 * The scenarios compared, and the keys of the part their roots describe (null: every key): a
 * scenario of two parts shows the keys of both in its before and after tables, but the roots of
 * its last part. In the delete scenario's last part user:gina's tombstone has been purged (its
 * ttl is shorter than the wait), so only user:hank is in the roots.
 */
const SCENARIOS: { scenario: string; rootKeys: string[] | null }[] = [
  { scenario: 'seed', rootKeys: null },
  { scenario: 'delete', rootKeys: ['user:hank'] },
];

describe('simulate and run end in the same state (seed and delete scenarios)', () => {
  before(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'ae-demo-given-'));
    keyFile = path.join(dir, 'key.txt');
    await writeFile(keyFile, `${KEY}\n`);
  });
  after(() => rm(dir, { recursive: true, force: true }));

  for (const { scenario, rootKeys } of SCENARIOS) {
    for (const strategy of STRATEGIES) {
      it(`${scenario}, ${strategy}: the same writes and versions give the same state, root for root`, async () => {
        const { doc } = await runOnce(scenario, strategy);
        assert.deepEqual(doc.tree, { keyed: true, keyFingerprint: treeKeyFingerprint(KEY) });
        const ids = doc.nodes.map((n) => n.id);
        const given = givenFrom(doc);
        for (const g of given)
          assert.ok(
            Math.abs(g.entry.version.wall - Date.now() * 1000) < WALL_CLOCK_SLACK_US,
            `${g.entry.key}: the version is the node's wall clock (µs), not the simulation's`,
          );

        // What is given is what the nodes held: a store of each node's entries has its root.
        const last = given.filter((g) => rootKeys?.includes(g.entry.key) ?? true);
        for (const [i, id] of ids.entries()) {
          const held = last.filter((g) => g.replica === i).map((g) => g.entry);
          assert.equal(await rootOf(held), doc.roots.before[id], `${id} before`);
          if (held.length > 0)
            assert.notEqual(await rootOf(held, null), doc.roots.before[id], 'keyed, not public');
        }
        assert.ok(new Set(Object.values(doc.roots.before)).size > 1, 'the roots differ');

        // Root for root: the simulated repair of the last part ends where the nodes did.
        const sim = await simulateGiven(strategy, last);
        assert.equal(sim.converged, true, `the simulation converged (${sim.rounds} rounds)`);
        assert.equal(sim.writes, last.length);
        for (const id of ids) assert.equal(sim.root, doc.roots.after[id], `${id} after`);

        // Key for key, every part: the simulated repair of all that was shown before ends in
        // the after tables (the nodes agree on them; a tombstone beats the older value).
        const all = await simulateGiven(strategy, given);
        assert.equal(all.converged, true, `the simulation converged (${all.rounds} rounds)`);
        const after = givenFrom({ ...doc, before: doc.after })
          .filter((g) => g.replica === 0)
          .map((g) => g.entry);
        assert.deepEqual(
          after.map((e) => e.key).sort(),
          [...new Set(given.map((g) => g.entry.key))].sort(),
        );
        assert.equal(all.root, await rootOf(after), 'the after tables');
      });
    }
  }

  it('simulate --given FILE replays what run --json wrote and prints the same final root', async () => {
    const { doc, text } = await runOnce('seed', 'merkle');
    {
      const file = path.join(dir, 'seed.json');
      await writeFile(file, text);
      const plain = ['simulate', ...flags({ given: file, keys: 0, writes: 0 })];
      const replay = [...plain, '--cluster-key-file', keyFile];
      const s = await cli([...replay, ...flags({ nodes: 3, selection: 'all', json: true })]);
      assert.equal(s.exitCode, 0, s.stderr);
      const sim = JSON.parse(s.stdout) as { converged: boolean; root: string; writes: number };
      assert.equal(sim.converged, true);
      assert.equal(sim.writes, givenFrom(doc).length);
      for (const n of doc.nodes) assert.equal(sim.root, doc.roots.after[n.id], n.id);

      const notJson = path.join(dir, 'not.json');
      await writeFile(notJson, 'seed');
      const run = /ae-demo run --keys 0 --cluster-key-file KEYFILE --json >/;
      for (const [args, says] of [
        [[...replay, '--nodes', '2'], /--nodes 3 or more/],
        [
          ['simulate', '--given', path.join(dir, 'none.json')],
          /cannot read .*none\.json: there is no such file/,
        ],
        [['simulate', '--given', notJson], /not JSON/],
        // The run's trees were keyed: without its key, or with another, no simulation ends there.
        [plain, /keyed from its cluster key; give the simulation the same key/],
        [[...plain, '--cluster-key', 'another'], /the cluster key given is not the run's/],
      ] as const) {
        const bad = await cli([...args]);
        assert.equal(bad.exitCode, 2, `${args.join(' ')}: ${bad.stderr}`);
        assert.match(bad.stderr, says);
        if (!/--nodes 3|not the run's/.test(says.source)) assert.match(bad.stderr, run);
        assert.equal(bad.stdout, '', 'nothing simulated');
      }
      assert.doesNotMatch(s.stdout + text, new RegExp(KEY), 'the key is never printed');
    }
  });
});
