// Steps that scenarios share: load data, read keys everywhere, compare trees, verify.
import type { KeyState } from '../src/cluster/client.js';
import type { Snapshot } from '../src/node/http/answers.js';
import type { Cluster } from '../src/cluster/cluster.js';
import { differingPairs, diffTrees } from '../src/cluster/tree-diff.js';
import type { RoundReport } from '../src/node/sync/scheduler.js';
import type { Strategy } from '../src/node/sync/exchange.js';
import { compareVersions } from '../src/node/replica/version.js';
import type { KeysByNode, ScenarioContext, ScenarioResult } from '../src/story/scenario.js';
import type { Winner, WriteLine } from '../src/story/events.js';
import { ReplicationError } from '../src/errors.js';

/** The batch route takes this many items per request. */
const BATCH_SIZE = 5_000;
/** Pages of GET /kv read during verification. */
const VERIFY_PAGE = 1_000;
/** Tree differences drawn for at most this many pairs of nodes. */
const MAX_PAIRS_SHOWN = 3;

export function ids(cluster: Cluster): string[] {
  return cluster.nodes.map((n) => n.id);
}

/**
 * n keys with 100-byte values, written normally through node 1 (replicated to all). The seed is
 * part of every key, so another --seed places the keys elsewhere in the tree: other branch
 * counts, other paths down to the story's keys.
 */
export async function loadBackground(cluster: Cluster, n: number, seed: number): Promise<void> {
  const client = cluster.clients[0]!;
  for (let start = 0; start < n; start += BATCH_SIZE) {
    const items = Array.from({ length: Math.min(BATCH_SIZE, n - start) }, (_, i) => ({
      key: `bg:${seed}:${String(start + i).padStart(6, '0')}`,
      value: `background value ${start + i} `.padEnd(100, '.'),
    }));
    const result = await client.batch(items, false);
    if (result.replication && result.replication.failed.length > 0) {
      throw new ReplicationError(result.replication.failed.map((f) => f.peer));
    }
  }
}

export async function put(
  ctx: ScenarioContext,
  node: number,
  key: string,
  value: string,
  direct: boolean,
): Promise<WriteLine> {
  const n = ctx.cluster.nodes[node - 1]!;
  const answer = await ctx.cluster.clients[node - 1]!.put(key, value, direct);
  return {
    method: 'PUT',
    key,
    node: n.id,
    direct,
    value,
    version: answer.version,
    ...(answer.replication
      ? {
          acked: answer.replication.acked.map((a) => idOf(ctx.cluster, a)),
          failed: answer.replication.failed.map((f) => ({
            peer: idOf(ctx.cluster, f.peer),
            reason: f.reason,
          })),
        }
      : {}),
  };
}

export async function readKeys(
  cluster: Cluster,
  keys: readonly string[],
): Promise<Record<string, KeyState[]>> {
  const out: Record<string, KeyState[]> = {};
  await Promise.all(
    keys.map(async (key) => {
      out[key] = await Promise.all(
        cluster.clients.map(async (c, i) => ({
          ...(await c.key(key)),
          node: cluster.nodes[i]!.id,
        })),
      );
    }),
  );
  return Object.fromEntries(keys.map((k) => [k, out[k]!]));
}

export function byNode(states: Record<string, KeyState[]>): KeysByNode {
  const out: KeysByNode = {};
  for (const [key, list] of Object.entries(states)) {
    for (const s of list)
      (out[s.node] ??= {})[key] = { state: s.state, value: s.value, version: s.version };
  }
  return out;
}

export function snapshots(cluster: Cluster): Promise<Snapshot[]> {
  return Promise.all(cluster.clients.map((c) => c.snapshot()));
}

export function roots(snaps: Snapshot[]): Record<string, string> {
  return Object.fromEntries(snaps.map((s) => [s.node, s.root]));
}

/** Shows each node's root and, for pairs that differ, the path down to the differing keys. */
export async function showTreeDifferences(ctx: ScenarioContext): Promise<Snapshot[]> {
  const { cluster } = ctx;
  const snaps = await snapshots(cluster);
  ctx.show({ type: 'roots', snapshots: snaps });
  const pairs = differingPairs(snaps.map((s) => s.root));
  for (const [i, j] of pairs.slice(0, MAX_PAIRS_SHOWN)) {
    const diff = await diffTrees(cluster.clients[i]!, cluster.clients[j]!);
    if (diff) ctx.show({ type: 'tree-diff', a: snaps[i]!.node, b: snaps[j]!.node, diff });
  }
  if (pairs.length > MAX_PAIRS_SHOWN)
    ctx.show({ type: 'tree-diff-more', pairs: pairs.length - MAX_PAIRS_SHOWN });
  return snaps;
}

/** Triggers a round on one node and shows the report beside what a full exchange would cost. */
export async function triggerAndShow(
  ctx: ScenarioContext,
  node: number,
  before: Snapshot[],
  strategy?: Strategy,
) {
  const { cluster } = ctx;
  const self = before[node - 1]!;
  const report = await ctx.phase(
    `anti-entropy round on ${cluster.nodes[node - 1]!.id}${strategy ? ` (${strategy})` : ''}`,
    () => cluster.clients[node - 1]!.trigger(undefined, strategy),
    (r) =>
      `anti-entropy round on ${r.node}: ${r.peers.filter((p) => p.status === 'repaired').length} repaired, ${r.peers.filter((p) => p.status === 'in_sync').length} in sync, ${r.peers.filter((p) => p.status === 'unreachable').length} unreachable`,
  );
  const idsByAddress = Object.fromEntries(cluster.nodes.map((n) => [n.address, n.id]));
  const fullCost = Object.fromEntries(
    cluster.nodes.flatMap((n, i) =>
      i === node - 1 ? [] : [[n.address, self.fullExchangeBytes + before[i]!.fullExchangeBytes]],
    ),
  );
  ctx.show({ type: 'exchange', report, ids: idsByAddress, fullCost });
  return report;
}

/** For each key that differed before, the value every node should now hold and whom it beat. */
export function winners(
  before: Record<string, KeyState[]>,
  after: Record<string, KeyState[]>,
): Winner[] {
  const out: Winner[] = [];
  for (const [key, states] of Object.entries(before)) {
    const distinct = new Set(states.map((s) => JSON.stringify([s.state, s.version])));
    if (distinct.size <= 1) continue;
    const now = after[key]?.[0];
    if (!now?.version) continue;
    out.push({
      key,
      value: now.value,
      version: now.version,
      losers: states
        .filter((s) => !s.version || compareVersions(s.version, now.version!) < 0)
        .map((s) => ({ node: s.node, version: s.version, state: s.state })),
    });
  }
  return out;
}

export interface Verification {
  converged: boolean;
  problems: string[];
  root: string;
  /** Every node's root, as read for the verification. */
  roots: Record<string, string>;
  keys: number;
}

/** Converged: every root equal, and every node lists the same keys, values and versions. */
export async function verify(cluster: Cluster): Promise<Verification> {
  const problems: string[] = [];
  const snaps = await snapshots(cluster);
  const first = snaps[0]!;
  for (const s of snaps.slice(1))
    if (s.root !== first.root)
      problems.push(`${s.node} has root ${s.root}, ${first.node} has ${first.root}`);
  const listings = await Promise.all(cluster.clients.map((c) => listAll(c)));
  const reference = listings[0]!;
  listings.slice(1).forEach((listing, i) => {
    const node = cluster.nodes[i + 1]!.id;
    for (const [key, value] of reference)
      if (listing.get(key) !== value)
        problems.push(`${node} differs from ${first.node} on "${key}"`);
    for (const key of listing.keys())
      if (!reference.has(key)) problems.push(`${node} has "${key}", ${first.node} does not`);
  });
  return {
    converged: problems.length === 0,
    problems: problems.slice(0, 20),
    root: first.root,
    roots: roots(snaps),
    keys: reference.size,
  };
}

async function listAll(client: Cluster['clients'][number]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  let cursor: string | null = null;
  do {
    const page = await client.list('', VERIFY_PAGE, cursor);
    for (const item of page.items) out.set(item.key, JSON.stringify([item.value, item.version]));
    cursor = page.next;
  } while (cursor !== null);
  return out;
}

function idOf(cluster: Cluster, address: string): string {
  return cluster.nodes.find((n) => n.address === address)?.id ?? address;
}

/** A numbered part that shows the story keys on every node; returns what it read. */
export async function showKeys(
  ctx: ScenarioContext,
  title: string,
  keys: readonly string[],
): Promise<Record<string, KeyState[]>> {
  await ctx.section(title);
  const states = await readKeys(ctx.cluster, keys);
  ctx.show({
    type: 'keys',
    keys: [...keys],
    states,
    nodes: ids(ctx.cluster),
    background: ctx.options.backgroundKeys,
  });
  return states;
}

/** The parts repairAndVerify plays, for scenarios' outlines. */
export const REPAIR_OUTLINE = [
  'Merkle trees: where they differ',
  'One anti-entropy round',
  'After anti-entropy',
] as const;

/**
 * The end every scenario shares: where the trees differ, one trigger on node `on`, the keys
 * after, who won and why, and the verification (plus the scenario's own checks).
 */
export async function repairAndVerify(
  ctx: ScenarioContext,
  keys: readonly string[],
  before: Record<string, KeyState[]>,
  on = 1,
  checks: (after: Record<string, KeyState[]>) => string[] = () => [],
): Promise<ScenarioResult> {
  const { cluster } = ctx;
  await ctx.section('Merkle trees: where the replicas differ');
  const snapsBefore = await showTreeDifferences(ctx);
  await ctx.section(`Anti-entropy, triggered on ${cluster.nodes[on - 1]!.id}`);
  const report = await triggerAndShow(ctx, on, snapsBefore);
  const after = await showKeys(ctx, 'After anti-entropy', keys);
  ctx.show({ type: 'winners', winners: winners(before, after) });
  return outcome(await verify(cluster), checks(after), before, after, snapsBefore, [report]);
}

/** A scenario's result: the verification plus its own checks, and what it saw before and after. */
export function outcome(
  verdict: Verification,
  failedChecks: string[],
  before: Record<string, KeyState[]>,
  after: Record<string, KeyState[]>,
  snapsBefore: Snapshot[],
  reports: RoundReport[],
): ScenarioResult {
  return {
    converged: verdict.converged && failedChecks.length === 0,
    problems: [...verdict.problems, ...failedChecks],
    before: byNode(before),
    after: byNode(after),
    roots: { before: roots(snapsBefore), after: verdict.roots },
    antiEntropy: reports,
    keys: verdict.keys,
  };
}

/** Two parts of one scenario as one result: both must hold, and every key of both is shown. */
export function combine(first: ScenarioResult, second: ScenarioResult): ScenarioResult {
  const merge = (a: KeysByNode, b: KeysByNode): KeysByNode =>
    Object.fromEntries(
      [...new Set([...Object.keys(a), ...Object.keys(b)])].map((node) => [
        node,
        { ...a[node], ...b[node] },
      ]),
    );
  return {
    ...second,
    converged: first.converged && second.converged,
    problems: [...first.problems, ...second.problems],
    before: merge(first.before, second.before),
    after: merge(first.after, second.after),
    antiEntropy: [...first.antiEntropy, ...second.antiEntropy],
  };
}

/** A check that every node shows `expected` for key (a value, or null for deleted or missing). */
export function expectEverywhere(
  states: Record<string, KeyState[]>,
  key: string,
  expected: string | null,
): string[] {
  return (states[key] ?? [])
    .filter((s) => (expected === null ? s.state === 'value' : s.value !== expected))
    .map(
      (s) =>
        `${s.node} shows ${s.state === 'value' ? JSON.stringify(s.value) : s.state} for "${key}", expected ${expected === null ? 'no value' : JSON.stringify(expected)}`,
    );
}

/** Background keys first (when asked for), so repair costs mean something. */
export async function background(ctx: ScenarioContext): Promise<void> {
  const n = ctx.options.backgroundKeys;
  if (n === 0) return;
  await ctx.phase(
    `writing ${n} keys normally`,
    () => loadBackground(ctx.cluster, n, ctx.options.seed),
    () =>
      `${n.toLocaleString('en-US')} keys written normally (replicated to all ${ctx.cluster.nodes.length})`,
  );
}

/** Addresses of every node but i (1-based). */
export function othersThan(cluster: Cluster, i: number): string[] {
  return cluster.nodes.filter((_, j) => j !== i - 1).map((n) => n.address);
}
