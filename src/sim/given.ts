// `simulate --given FILE`: what real nodes held, replayed in the simulation. FILE is the output of
// `ae-demo run --json`; its before tables say, node by node, each key's value (or tombstone) and
// the version that node stamped. Replica i gets node i's entries as they are, versions and all,
// so the simulation repairs the very state the real nodes repaired; its "tree" says whether their
// trees were keyed, so a simulation under another key is refused. Pure: text in, entries out.
import { DEFAULT_MAX_VALUE_BYTES } from '../api/limits.js';
import type { Entry } from '../node/replica/entry.js';
import { checkKey, checkNodeId, checkValue } from '../api/checks.js';
import type { Version } from '../api/version.js';
import { treeKeyFingerprint, type TreeKeying } from '../node/replica/tree-key.js';

/** What replica gets which entry, and how many nodes the run had. */
export interface Given {
  nodes: number;
  entries: { replica: number; entry: Entry }[];
  /** How the run's nodes hashed their trees (`run --json` "tree"); absent in older files. */
  tree?: TreeKeying;
}

/** A FILE that is not what `run --json` writes: the message says what is wrong and what to do. */
export class GivenError extends Error {
  constructor(problem: string) {
    super(`${problem}; write the file with ${RUN_COMMAND}.`);
    this.name = 'GivenError';
  }
}

/** The run whose output --given replays: its key from a file, so the simulation can have it. */
const RUN_COMMAND = 'ae-demo run --keys 0 --cluster-key-file KEYFILE --json > FILE';

/** Parses and checks a `run --json` document (every key, value and version) into given entries. */
export function parseGiven(text: string): Given {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    throw new GivenError('it is not JSON');
  }
  const nodes = field(doc, 'nodes');
  const before = field(doc, 'before');
  if (!Array.isArray(nodes) || nodes.length === 0 || !isObject(before))
    throw new GivenError('it has no "nodes" list and "before" tables');
  const entries: Given['entries'] = [];
  nodes.forEach((node, replica) => {
    const id = field(node, 'id');
    const states = typeof id === 'string' ? field(before, id) : undefined;
    if (!isObject(states)) throw new GivenError(`node ${replica + 1} has no "before" table`);
    for (const [key, shown] of Object.entries(states)) {
      const entry = entryOf(key, shown, `${String(id)} ${key}`);
      if (entry) entries.push({ replica, entry });
    }
  });
  const tree = treeOf(field(doc, 'tree'));
  return { nodes: nodes.length, entries, ...(tree ? { tree } : {}) };
}

function treeOf(raw: unknown): TreeKeying | undefined {
  if (raw === undefined) return undefined;
  const keyed = field(raw, 'keyed');
  const fingerprint = field(raw, 'keyFingerprint');
  if (typeof keyed !== 'boolean' || (keyed && typeof fingerprint !== 'string'))
    throw new GivenError('its "tree" is not {"keyed", "keyFingerprint"}');
  return keyed ? { keyed, keyFingerprint: fingerprint as string } : { keyed };
}

/**
 * Why a simulation under this cluster key (none: public hashes) cannot end at the given run's
 * root, in a sentence that says what to give instead; undefined when it can (or the file does
 * not say how the run hashed).
 */
export function keyProblem(
  tree: TreeKeying | undefined,
  clusterKey: string | undefined,
): string | undefined {
  if (tree === undefined) return undefined;
  if (!tree.keyed)
    return clusterKey === undefined
      ? undefined
      : "the run's nodes had no cluster key, so their trees used the public hashes; drop the cluster key";
  if (clusterKey === undefined)
    return (
      "the run's trees were keyed from its cluster key; give the simulation the same key with " +
      `--cluster-key-file (a run given no key has a fresh one nobody sees: ${RUN_COMMAND} gives it yours)`
    );
  const mine = treeKeyFingerprint(clusterKey);
  return mine === tree.keyFingerprint
    ? undefined
    : `the cluster key given is not the run's (tree key ${mine}, the run's ${tree.keyFingerprint}); ` +
        'give the key its nodes ran with';
}

/** One cell of a before table -> the entry it shows (none for a key the node did not hold). */
function entryOf(key: string, shown: unknown, where: string): Entry | undefined {
  const state = field(shown, 'state');
  if (state === 'missing') return undefined;
  if (state !== 'value' && state !== 'deleted')
    throw new GivenError(
      `${where}: the state is "${String(state)}", not value, deleted or missing`,
    );
  if (!checkKey(key).ok) throw new GivenError(`"${key.slice(0, 40)}" is not a valid key`);
  const version = versionOf(field(shown, 'version'), where);
  if (state === 'deleted') return { key, value: null, version };
  const value = checkValue(field(shown, 'value'), DEFAULT_MAX_VALUE_BYTES);
  if (!value.ok) throw new GivenError(`${where}: ${value.message.replace(/\.$/, '')}`);
  return { key, value: value.value, version };
}

function versionOf(raw: unknown, where: string): Version {
  const wall = field(raw, 'wall');
  const logical = field(raw, 'logical');
  const node = field(raw, 'node');
  if (
    typeof wall !== 'number' ||
    !Number.isSafeInteger(wall) ||
    wall < 0 ||
    typeof logical !== 'number' ||
    !Number.isSafeInteger(logical) ||
    logical < 0 ||
    typeof node !== 'string' ||
    !checkNodeId(node).ok
  )
    throw new GivenError(`${where}: the version is not {"wall", "logical", "node"}`);
  return { wall, logical, node };
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function field(x: unknown, name: string): unknown {
  return isObject(x) && Object.hasOwn(x, name) ? x[name] : undefined;
}
